import { describe, expect, it } from 'vitest';
import { findAnomalies, mixedScriptWord, poissonTail, scriptOf, utcOffsetOf, type Anomaly, type DocumentFacts } from '../../src/domain/forensics/index.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const DROP = '2017-05-05T18:35:00Z';
const YEAR_START = Date.parse('2016-05-01T00:00:00Z');
const DAY = 86_400_000;
const AUTHORS = ['Jean Dupont', 'Marie Lefèvre', 'Hélène Moreau', 'Pierre Garnier', 'Sophie Bernard', 'Luc Fontaine', 'Camille Roux', 'Élodie Faure'];

const iso = (time: number) => new Date(time).toISOString();

/**
 * A campaign's genuine files: 150 Word documents and 50 PDFs exported from Word,
 * written by a team of eight over a year, in working hours, all in French.
 */
function cleanDump(seed = 1, size = 200): DocumentFacts[] {
  const next = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const day = Math.floor(next() * 365);
    const modified = YEAR_START + day * DAY + (7 + next() * 11) * 3_600_000;
    const created = modified - next() * 30 * DAY;
    const author = AUTHORS[Math.floor(next() * AUTHORS.length)]!;
    const editor = AUTHORS[Math.floor(next() * AUTHORS.length)]!;
    const metadata: Record<string, unknown> =
      i % 4 === 3
        ? { author, creator: 'Microsoft® Word 2016', producer: 'Microsoft® Word 2016', created: iso(created), modified: iso(modified), pages: 1 + Math.floor(next() * 20) }
        : {
            author,
            lastModifiedBy: editor,
            creator: 'Microsoft Office Word',
            creatorVersion: '16.0000',
            company: 'En Marche',
            template: 'Normal.dotm',
            language: 'fr-FR',
            created: iso(created),
            modified: iso(modified),
          };
    return { id: i + 1, path: `dossiers/${String(i + 1).padStart(3, '0')}.${i % 4 === 3 ? 'pdf' : 'docx'}`, format: i % 4 === 3 ? 'pdf' : 'docx', metadata };
  });
}

/** Six Word files saved by a Russian-named user with LibreOffice within three minutes, the night before the drop. */
function forgeries(firstId: number, start = Date.parse('2017-05-04T21:02:10Z')): DocumentFacts[] {
  return Array.from({ length: 6 }, (_, i) => ({
    id: firstId + i,
    path: `dossiers/compta-${i + 1}.docx`,
    format: 'docx',
    metadata: {
      author: 'Георгий Рошка',
      lastModifiedBy: 'Георгий Рошка',
      creator: 'LibreOffice/5.2.1.2$Windows_X86_64 LibreOffice_project/31dd62db80d4e60af04904455ec9c9219178d620',
      language: 'fr-FR',
      created: iso(start + i * 30_000 - 2 * 3_600_000),
      modified: iso(start + i * 30_000),
    },
  }));
}

const types = (anomalies: Anomaly[]) => anomalies.map((a) => a.type).sort();
const ids = (anomaly: Anomaly | undefined) => anomaly?.documents.map((d) => d.id).sort((a, b) => a - b);
const STATISTICAL = ['modified-burst', 'rare-tool', 'rare-author', 'rare-company', 'rare-language', 'rare-timezone', 'script-mismatch'];

describe('findAnomalies on a homogeneous dump', () => {
  it('finds nothing in 200 genuine documents', () => {
    expect(findAnomalies(cleanDump(), { droppedAt: DROP })).toEqual([]);
  });

  it('stays silent across many random dumps of different sizes (no false alarms)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      for (const size of [12, 60, 200, 1000]) expect(findAnomalies(cleanDump(seed, size), { droppedAt: DROP }), `seed ${seed}, ${size} documents`).toEqual([]);
    }
  });
});

describe('findAnomalies on a dump with forged additions', () => {
  const clean = cleanDump();
  const forged = forgeries(201);
  const forgedIds = forged.map((d) => d.id);

  it('flags the burst, the foreign tool and the Cyrillic user, naming exactly the six forged files', () => {
    const anomalies = findAnomalies([...clean, ...forged], { droppedAt: DROP });
    expect(types(anomalies)).toEqual(['modified-burst', 'rare-tool', 'script-mismatch']);
    for (const anomaly of anomalies) {
      expect(ids(anomaly)).toEqual(forgedIds);
      expect(anomaly.summary).toMatch(/^6 (documents|of 156 docx documents) /);
    }
    const burst = anomalies.find((a) => a.type === 'modified-burst')!;
    // last saved the evening before the drop: a burst that close to publication rates high
    expect(burst.severity).toBe('high');
    expect(burst.summary).toContain('within 3 minutes');
    expect(burst.summary).toContain('before the leak was published');
    expect(burst.context).toMatchObject({ distinctItems: 6, threshold: 5, datedItems: 206 });
    const tool = anomalies.find((a) => a.type === 'rare-tool')!;
    expect(tool.context).toMatchObject({ field: 'creator', format: 'docx', usual: [{ value: 'Microsoft Office Word', count: 150 }] });
    // a tool alone rates low; together with the burst and the script it is corroborated
    expect(tool.severity).toBe('medium');
    expect(tool.context.corroboratedBy).toEqual(['modified-burst', 'script-mismatch']);
    const script = anomalies.find((a) => a.type === 'script-mismatch')!;
    expect(script.context).toMatchObject({ script: 'Cyrillic', usualScript: 'Latin' });
    expect(script.severity).toBe('high');
    // strongest first
    expect(anomalies.map((a) => a.severity)).toEqual(['high', 'high', 'medium']);
  });

  it('adds after-drop when the forged dates fall after the claimed publication time', () => {
    const anomalies = findAnomalies([...clean, ...forged], { droppedAt: '2017-05-03T12:00:00Z' });
    expect(types(anomalies)).toEqual(['after-drop', 'modified-burst', 'rare-tool', 'script-mismatch']);
    const late = anomalies.find((a) => a.type === 'after-drop')!;
    expect(ids(late)).toEqual(forgedIds);
    expect(late.severity).toBe('high');
    expect(late.documents[0]!.value).toMatch(/^modified 2017-05-04T21:02/);
    expect(anomalies.find((a) => a.type === 'modified-burst')!.summary).toContain('after the leak was published');
  });

  it('rates a date just after the drop medium: it may be local time written as UTC', () => {
    const oneLate = { ...clean[0]!, metadata: { ...clean[0]!.metadata, modified: '2017-05-05T21:00:00Z' } };
    const [late, ...rest] = findAnomalies([oneLate, ...clean.slice(1)], { droppedAt: DROP });
    expect(rest).toEqual([]);
    expect(late).toMatchObject({ type: 'after-drop', severity: 'medium', documents: [{ id: 1, value: 'modified 2017-05-05T21:00:00.000Z' }] });
    expect(late!.summary).toContain('possibly a local time recorded as UTC');
  });

  it('without a claimed drop time, still rates the burst high when tool and script corroborate it', () => {
    const anomalies = findAnomalies([...clean, ...forged]);
    expect(types(anomalies)).toEqual(['modified-burst', 'rare-tool', 'script-mismatch']);
    const burst = anomalies.find((a) => a.type === 'modified-burst')!;
    expect(burst.severity).toBe('high');
    expect(burst.context.corroboratedBy).toEqual(['rare-tool', 'script-mismatch']);
    expect(burst.context).not.toHaveProperty('hoursBeforeDrop');
  });

  it('rates a burst of otherwise ordinary files far from the drop medium', () => {
    const start = Date.parse('2016-11-15T02:00:00Z');
    const batch = clean.slice(0, 6).map((d, i) => ({ ...d, id: 300 + i, metadata: { ...d.metadata, created: iso(start - DAY), modified: iso(start + i * 40_000) } }));
    const [burst, ...rest] = findAnomalies([...clean, ...batch], { droppedAt: DROP });
    expect(rest).toEqual([]);
    expect(burst).toMatchObject({ type: 'modified-burst', severity: 'medium', context: { distinctItems: 6 } });
    expect(ids(burst)).toEqual([300, 301, 302, 303, 304, 305]);
  });
});

describe('findAnomalies, one signal at a time', () => {
  it('reports documents created after their last modification, rating big gaps above timezone-sized ones', () => {
    const docs = cleanDump();
    docs[4]!.metadata = { ...docs[4]!.metadata, created: '2017-03-10T09:00:00Z', modified: '2017-02-01T09:00:00Z' };
    docs[9]!.metadata = { ...docs[9]!.metadata, created: '2017-02-01T11:00:00Z', modified: '2017-02-01T09:00:00Z' };
    const anomalies = findAnomalies(docs, { droppedAt: DROP });
    expect(anomalies.map((a) => [a.type, a.severity, ids(a)])).toEqual([
      ['created-after-modified', 'medium', [5]],
      ['created-after-modified', 'low', [10]],
    ]);
    expect(anomalies[0]!.summary).toBe('1 document was created after it was last modified, by up to 37 days.');
  });

  it('flags a rare author only when one or two authors dominate', () => {
    const docs = cleanDump().map((d, i) => ({ ...d, metadata: { ...d.metadata, author: i < 3 ? 'Alain Terrieur' : 'Service communication' } }));
    const [rare, ...rest] = findAnomalies(docs);
    expect(rest).toEqual([]);
    expect(rare).toMatchObject({ type: 'rare-author', severity: 'low', context: { field: 'author', value: 'Alain Terrieur', judged: 200 } });
    expect(ids(rare)).toEqual([1, 2, 3]);
  });

  it('flags a rare language, compared by language rather than by how the tag is written', () => {
    const docs = cleanDump().filter((d) => d.format === 'docx');
    docs.forEach((d, i) => (d.metadata.language = i % 2 ? 'fr' : 'FR-fr'));
    docs[7]!.metadata.language = 'ru-RU';
    const [rare, ...rest] = findAnomalies(docs);
    expect(rest).toEqual([]);
    expect(rare).toMatchObject({ type: 'rare-language', documents: [{ id: docs[7]!.id, value: 'ru' }], context: { usual: [{ value: 'fr', count: 149 }] } });
  });

  it('flags e-mails sent from a rare timezone, taking both offsets of daylight saving as usual', () => {
    const next = seededRandom(7);
    const mails: DocumentFacts[] = Array.from({ length: 120 }, (_, i) => {
      const time = YEAR_START + Math.floor(next() * 365) * DAY + 9 * 3_600_000;
      const offset = i < 3 ? '+0300' : i % 3 ? '+0200' : '+0100';
      return { id: i + 1, path: `mail/${i + 1}.eml`, format: 'email', metadata: { from: 'a@en-marche.fr', date: iso(time), created: iso(time), headers: { date: `Tue, 2 May 2017 10:00:00 ${offset}` } } };
    });
    const [rare, ...rest] = findAnomalies(mails);
    expect(rest).toEqual([]);
    expect(rare).toMatchObject({ type: 'rare-timezone', context: { value: '+03:00', usual: [{ value: '+02:00', count: 78 }, { value: '+01:00', count: 39 }] } });
    expect(ids(rare)).toEqual([1, 2, 3]);
  });

  it('does not call a busy afternoon in a big mailbox a burst', () => {
    // 100 conversations of five messages within ten minutes, spread over two years
    const mails: DocumentFacts[] = [];
    for (let c = 0; c < 100; c++) {
      for (let m = 0; m < 5; m++) {
        const time = YEAR_START + c * 7 * DAY + m * 120_000;
        mails.push({ id: mails.length + 1, path: `mail/${mails.length + 1}`, format: 'email', metadata: { author: `person${m}@example.org`, created: iso(time), date: iso(time) } });
      }
    }
    expect(findAnomalies(mails)).toEqual([]);
  });

  it('does not call a dump written in a day and a half a burst', () => {
    const next = seededRandom(3);
    const docs = cleanDump().slice(0, 100).map((d) => ({ ...d, metadata: { ...d.metadata, modified: iso(YEAR_START + next() * 1.5 * DAY) } }));
    expect(findAnomalies(docs).filter((a) => a.type === 'modified-burst')).toEqual([]);
  });

  it('counts copies of one message filed in several folders once', () => {
    const docs = cleanDump();
    const copies = Array.from({ length: 6 }, (_, i) => ({ id: 300 + i, path: `folder${i}/1.docx`, format: 'docx', metadata: { ...docs[0]!.metadata } }));
    expect(findAnomalies([...docs, ...copies], { droppedAt: DROP })).toEqual([]);
  });

  it('flags a name that mixes look-alike letters of two scripts, even in a tiny dump', () => {
    const docs = cleanDump(1, 4);
    docs[2]!.metadata.author = 'Jеan Dupont'; // the "е" is Cyrillic
    const [mixed, ...rest] = findAnomalies(docs);
    expect(rest).toEqual([]);
    expect(mixed).toMatchObject({ type: 'mixed-script', severity: 'medium', documents: [{ id: 3, value: 'author: Jеan Dupont' }] });
  });
});

describe('findAnomalies on small dumps', () => {
  it('draws no statistical conclusion from fewer than ten documents', () => {
    const docs = [...cleanDump(2, 3), ...forgeries(4)];
    const anomalies = findAnomalies(docs, { droppedAt: DROP });
    expect(anomalies.filter((a) => STATISTICAL.includes(a.type))).toEqual([]);
  });

  it('still reports what one document proves on its own', () => {
    const docs = [...cleanDump(2, 3), ...forgeries(4)];
    docs[0]!.metadata.created = '2017-06-01T00:00:00Z';
    const anomalies = findAnomalies(docs, { droppedAt: '2017-05-03T12:00:00Z' });
    expect(types(anomalies)).toEqual(['after-drop', 'created-after-modified']);
    expect(ids(anomalies.find((a) => a.type === 'after-drop'))).toEqual([1, 4, 5, 6, 7, 8, 9]);
  });
});

describe('forensics helpers', () => {
  it('reads the offset of the sender clock from the raw Date header, and none from normalised dates', () => {
    expect(utcOffsetOf({ headers: { date: 'Thu, 8 Nov 2001 16:04:35 -0800 (PST)' } })).toEqual({ offset: '-08:00', source: 'headers.date' });
    expect(utcOffsetOf({ headers: { date: 'Fri, 13 Nov 1998 14:57:52 EST' } })?.offset).toBe('-05:00');
    expect(utcOffsetOf({ headers: { date: 'Fri, 13 Nov 1998 14:57:52 -0000' } })).toBeNull();
    expect(utcOffsetOf({ modified: '2017-05-04T23:02:10+02:00' })).toEqual({ offset: '+02:00', source: 'modified' });
    expect(utcOffsetOf({ modified: '2017-05-04T21:02:10.000Z', created: '2017-05-04T21:02:10.000Z' })).toBeNull();
  });

  it('names scripts and catches look-alike letters', () => {
    expect(scriptOf('Георгий Рошка')).toBe('Cyrillic');
    expect(scriptOf('Élodie Faure')).toBe('Latin');
    expect(scriptOf('16.0000')).toBeNull();
    expect(mixedScriptWord('Jеan Dupont')).toEqual({ word: 'Jеan', scripts: ['Latin', 'Cyrillic'] });
    expect(mixedScriptWord('µTorrent 3.5')).toBeNull();
    expect(mixedScriptWord('山田たろう')).toBeNull();
  });

  it('computes Poisson tails', () => {
    expect(poissonTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * 2.5, 12);
    // the first term dominates a tiny tail: e^-λ λ^5 / 5!, times (1 + λ/6 + …)
    expect(poissonTail(5, 0.001) / ((Math.exp(-0.001) * 0.001 ** 5) / 120)).toBeCloseTo(1 + 0.001 / 6, 6);
    expect(poissonTail(2, 5)).toBe(1);
  });
});
