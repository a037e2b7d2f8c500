import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailExtractor } from '../../src/domain/extract/mail.ts';
import { memoryBlob } from '../../src/domain/extract/memory-blob.ts';
import { findAnomalies, utcOffsetOf, type Anomaly, type DocumentFacts } from '../../src/domain/forensics/index.ts';
import { corpusPath } from '../helpers/corpus.ts';

/** The metadata ingest stores for a message: the same extractor, over the same bytes. */
async function mailFacts(id: number, path: string, bytes: Uint8Array): Promise<DocumentFacts> {
  const { metadata } = await mailExtractor.extract(memoryBlob(path, bytes), { depth: 0, maxFileBytes: 10_000_000 });
  return { id, path, format: 'email', metadata };
}

const show = (label: string, anomalies: Anomaly[]) =>
  console.log(`${label}: ${anomalies.length} anomalies\n${anomalies.map((a) => `  [${a.severity}] ${a.type}: ${a.summary}`).join('\n')}`);

/**
 * Forensics over a genuine, un-forged corpus: the Enron sample (993 messages,
 * 1997–2002, every one sent on a Friday, 421 of them in the first hour of a
 * Friday in UTC, as the sample was drawn). A clean dump should raise nothing
 * above low severity, and forgeries planted among real mail should stand out.
 */
describe('Enron mail sample: metadata forensics (corpus)', () => {
  const maildir = corpusPath('enron-mail', 'maildir');
  let enron: DocumentFacts[];

  beforeAll(async () => {
    const entries = await readdir(maildir, { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
    enron = await Promise.all(files.map(async (file, i) => mailFacts(i + 1, relative(maildir, file), new Uint8Array(await readFile(file)))));
  });

  it('raises nothing above low severity on the genuine corpus', () => {
    expect(enron).toHaveLength(993);
    const offsets = new Map<string, number>();
    for (const doc of enron) {
      const offset = utcOffsetOf(doc.metadata)?.offset ?? 'none';
      offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
    }
    // every Date header carries Pacific time, both sides of daylight saving: one zone, no rare one
    expect(Object.fromEntries(offsets)).toEqual({ '-07:00': 575, '-08:00': 418 });

    const anomalies = findAnomalies(enron);
    show('Enron, default thresholds', anomalies);
    expect(anomalies.length).toBeLessThanOrEqual(10);
    expect(anomalies.filter((a) => a.severity !== 'low')).toEqual([]);
    for (const anomaly of anomalies) {
      expect(anomaly.documents.length).toBeGreaterThan(0);
      expect(anomaly.summary).toMatch(/\.$/);
    }
  });

  it('would mistake the way the sample was drawn for bursts without the share guard', () => {
    // with only the absolute minimum of five, the sample's first messages after midnight (UTC) each Friday form clusters
    const anomalies = findAnomalies(enron, { burstShare: 0 });
    show('Enron, burst share guard off', anomalies);
    const bursts = anomalies.filter((a) => a.type === 'modified-burst');
    expect(bursts.length).toBeGreaterThan(0);
    for (const burst of bursts) {
      const from = new Date(String(burst.context.from));
      expect(from.getUTCDay()).toBe(5);
      expect(from.getUTCHours()).toBe(0);
      expect(burst.context.distinctItems).toBe(5);
      expect(burst.severity).toBe('medium');
    }
    // with the default guard (at least 2% of the dated items, here 12) none remains
    expect(findAnomalies(enron).filter((a) => a.type === 'modified-burst')).toEqual([]);
  });

  it('picks out six forged messages planted among the real ones, and only them', async () => {
    const name = `=?UTF-8?B?${Buffer.from('Георгий Рошка').toString('base64')}?=`;
    const forged = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const raw = [
          `Message-ID: <forged${i}.1075840017375.JavaMail.evans@thyme>`,
          `Date: Fri, 1 Feb 2002 0${3 + Math.floor(i / 4)}:${String((i * 31) % 60).padStart(2, '0')}:00 +0300`,
          `From: ${name} <g.roshka@enron.com>`,
          'To: kenneth.lay@enron.com',
          'Subject: RE: off-balance-sheet partnerships',
          'Mime-Version: 1.0',
          'Content-Type: text/plain; charset=us-ascii',
          'X-Mailer: The Bat! (v3.99.3) Professional',
          '',
          'Please destroy the attached after reading.',
          '',
        ].join('\r\n');
        return mailFacts(10_000 + i, `lay-k/inbox/forged-${i}.`, new TextEncoder().encode(raw));
      }),
    );
    const anomalies = findAnomalies([...enron, ...forged]);
    show('Enron with six planted messages', anomalies);

    const flagged = new Set(anomalies.flatMap((a) => a.documents.map((d) => d.id)));
    expect([...flagged].sort()).toEqual(forged.map((d) => d.id));
    expect(anomalies.map((a) => [a.type, a.severity])).toEqual([
      // the Cyrillic sender, corroborated by the tool and the timezone
      ['script-mismatch', 'high'],
      ['rare-timezone', 'medium'],
      ['rare-tool', 'medium'],
    ]);
    expect(anomalies.find((a) => a.type === 'rare-tool')!.summary).toBe(
      '6 of 999 email documents have the authoring tool (creator) “The Bat! (v3.99.3) Professional”, where 993 have none.',
    );
    // six messages within two hours are under the burst threshold of a dump this size (2% of its dated items)
    expect(anomalies.some((a) => a.type === 'modified-burst')).toBe(false);
  });
});
