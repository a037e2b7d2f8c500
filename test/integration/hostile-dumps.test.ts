import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpLimits, parseConfig } from '../../src/config.ts';
import { ingestDump, type IngestSummary } from '../../src/ingest/ingest-dump.ts';
import type { Db } from '../../src/store/db.ts';
import { getDocumentText, listLeakDocuments, type DocumentRow } from '../../src/store/documents.ts';
import { upsertLeak } from '../../src/store/leaks.ts';
import { makeDocx, makeTar, makeZip, makeZipWithSymlink, markZipEncrypted, setZipDeclaredSize, utf8 } from '../helpers/make-archives.ts';
import { makePdf } from '../helpers/make-pdf.ts';
import { tempDb } from '../helpers/temp.ts';

/*
 * Every hostile input sits next to good files in the same dump: the test
 * checks that the bad one is recorded with a status, a stable code and a
 * reason, and that the good ones were still read.
 */

const MiB = 1024 * 1024;
const MEMO = 'The minister wrote to the treasury on Friday asking for the transfer of forty million euros to the campaign account before the election.';
const NOTE = 'Board minutes: the auditors flagged the offshore payments and asked the finance director to explain the missing invoices by Monday.';

let env: Awaited<ReturnType<typeof tempDb>>;
let root: string;
let db: Db;
let leaks = 0;

beforeAll(async () => {
  env = await tempDb();
  root = env.dir;
  db = env.db;
});

afterAll(() => env?.cleanup());

interface Ingested {
  leakId: number;
  summary: IngestSummary;
  docs: Map<string, DocumentRow>;
  doc(path: string): DocumentRow;
}

/** A fresh, empty folder for one dump, holding nothing but what the test writes into it. */
const dumpDir = () => mkdtemp(join(root, 'dump-'));

/** Ingests a dump into a new leak with limits parsed as the CLI parses them from the environment. */
async function ingest(source: string, settings: Record<string, string> = {}, slug = `hostile-${++leaks}`): Promise<Ingested> {
  const leak = await upsertLeak(db, { slug });
  const summary = await ingestDump(db, { leakId: leak.id, leakSlug: slug, source, limits: dumpLimits(parseConfig(settings)) });
  const docs = await documentsOf(leak.id);
  return {
    leakId: leak.id,
    summary,
    docs,
    doc(path) {
      const row = docs.get(path);
      if (!row) throw new Error(`no document at "${path}"; the dump holds: ${[...docs.keys()].join(', ')}`);
      return row;
    },
  };
}

async function documentsOf(leakId: number): Promise<Map<string, DocumentRow>> {
  const { items } = await listLeakDocuments(db, leakId, { limit: 10_000, offset: 0 });
  return new Map(items.map((d) => [d.path, d]));
}

/** The good file was read: status ok, words counted and its text stored. */
async function expectReadable(doc: DocumentRow, phrase: string): Promise<void> {
  expect(doc, doc.path).toMatchObject({ status: 'ok', errorCode: null });
  expect(doc.words, doc.path).toBeGreaterThan(0);
  expect(await getDocumentText(db, doc.id)).toContain(phrase);
}

function expectRejected(doc: DocumentRow, status: string, code: string, reason: RegExp): void {
  expect({ path: doc.path, status: doc.status, errorCode: doc.errorCode }).toEqual({ path: doc.path, status, errorCode: code });
  expect(doc.error).toMatch(reason);
  expect(doc.words).toBe(0);
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const zeros = (bytes: number) => new Uint8Array(bytes);
/** Text that deflate cannot shrink much (so it is not taken for a bomb), of about `bytes` bytes. */
function prose(bytes: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = randomBytes(3 + (length % 5)).toString('hex');
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ').slice(0, bytes);
}

async function allTexts(): Promise<string[]> {
  const result = await db.$client.execute('SELECT text FROM document_texts');
  return result.rows.map((r) => String(r.text));
}

async function rowCounts(leakId: number) {
  const count = async (sql: string, args: number[] = []) => Number((await db.$client.execute({ sql, args })).rows[0]![0]);
  return {
    documents: await count('SELECT count(*) FROM documents'),
    leakFiles: await count('SELECT count(*) FROM leak_files WHERE leak_id = ?', [leakId]),
    texts: await count('SELECT count(*) FROM document_texts'),
    fingerprints: await count('SELECT count(*) FROM fingerprints'),
  };
}

describe('zip bombs', () => {
  it('refuses an entry whose compression ratio marks it as a bomb and reads the rest of the archive', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'bomb.zip'), makeZip({ 'zeros.txt': zeros(20 * MiB), 'memo.txt': MEMO }, 9));
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { doc, summary } = await ingest(dir);

    const bomb = doc('bomb.zip/zeros.txt');
    expectRejected(bomb, 'failed', 'zip_bomb', /compression ratio \d+:1 exceeds the limit of 200:1/);
    expect(bomb.bytes).toBe(20 * MiB);
    await expectReadable(doc('bomb.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('note.txt'), 'offshore payments');
    expect(summary.failures).toContainEqual(expect.objectContaining({ path: 'bomb.zip/zeros.txt', code: 'zip_bomb' }));
    expect(summary.unusable).toBeNull();
  });

  it('stops at the dump’s total-size budget (LEAKLINE_MAX_DUMP_BYTES)', async () => {
    const dir = await dumpDir();
    // none of these is a bomb by ratio; together they inflate past a 256 KiB budget
    await writeFile(join(dir, 'parts.zip'), makeZip({ 'memo.txt': MEMO, 'part-1.txt': prose(100 * 1024), 'part-2.txt': prose(100 * 1024), 'part-3.txt': prose(100 * 1024) }));
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { doc } = await ingest(dir, { LEAKLINE_MAX_DUMP_BYTES: String(256 * 1024) });

    await expectReadable(doc('parts.zip/memo.txt'), 'forty million euros');
    expect(doc('parts.zip/part-1.txt').status).toBe('ok');
    expect(doc('parts.zip/part-2.txt').status).toBe('ok');
    expectRejected(doc('parts.zip/part-3.txt'), 'failed', 'dump_too_large', /past its 262144-byte limit \(LEAKLINE_MAX_DUMP_BYTES\)/);
    await expectReadable(doc('note.txt'), 'offshore payments');
  });

  it('refuses an entry that declares a small size but inflates far past it', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'liar.zip'), setZipDeclaredSize(makeZip({ 'memo.txt': MEMO, 'small.txt': zeros(20 * MiB) }, 9), 'small.txt', 100));

    const { doc } = await ingest(dir);

    expectRejected(doc('liar.zip/small.txt'), 'failed', 'zip_bomb', /inflates past the 100 bytes it declares/);
    await expectReadable(doc('liar.zip/memo.txt'), 'forty million euros');
  });

  it('stops archives nested deeper than LEAKLINE_MAX_DEPTH', async () => {
    const dir = await dumpDir();
    let nested = makeZip({ 'level-5.txt': `level five ${NOTE}` });
    for (let level = 4; level >= 1; level--) nested = makeZip({ [`level-${level}.txt`]: `level ${level} ${MEMO}`, [`level-${level + 1}.zip`]: nested });
    await writeFile(join(dir, 'level-1.zip'), nested);
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { doc, docs } = await ingest(dir, { LEAKLINE_MAX_DEPTH: '3' });

    await expectReadable(doc('level-1.zip/level-1.txt'), 'level 1');
    await expectReadable(doc('level-1.zip/level-2.zip/level-2.txt'), 'level 2');
    await expectReadable(doc('level-1.zip/level-2.zip/level-3.zip/level-3.txt'), 'level 3');
    expectRejected(doc('level-1.zip/level-2.zip/level-3.zip/level-4.zip'), 'failed', 'too_deep', /nested deeper than 3 levels \(LEAKLINE_MAX_DEPTH\)/);
    expect([...docs.keys()].filter((p) => p.includes('level-4.zip/'))).toEqual([]);
    await expectReadable(doc('note.txt'), 'offshore payments');
  });

  it('stops a nested bomb (zip in zip in zip) at the dump’s budget when no single entry is a bomb by ratio', async () => {
    const dir = await dumpDir();
    const leaf = makeZip(Object.fromEntries([1, 2, 3, 4].map((i) => [`zeros-${i}.bin`, zeros(MiB)])), 9);
    const middle = makeZip(Object.fromEntries([1, 2, 3, 4].map((i) => [`leaf-${i}.zip`, leaf])), 0);
    // 4 × 4 × 4 entries of 1 MiB: 64 MiB once inflated, from a few kilobytes
    await writeFile(join(dir, 'nest.zip'), makeZip({ 'memo.txt': MEMO, ...Object.fromEntries([1, 2, 3, 4].map((i) => [`middle-${i}.zip`, middle])) }, 0));
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { docs, doc, summary } = await ingest(dir, { LEAKLINE_MAX_RATIO: '100000', LEAKLINE_MAX_DUMP_BYTES: String(8 * MiB) });

    const refused = [...docs.values()].filter((d) => d.errorCode === 'dump_too_large');
    expect(refused.length).toBeGreaterThan(0);
    for (const d of refused) expectRejected(d, 'failed', 'dump_too_large', /LEAKLINE_MAX_DUMP_BYTES/);
    const inflated = [...docs.values()].filter((d) => d.path.endsWith('.bin') && d.status !== 'failed');
    expect(inflated.length).toBeLessThan(8);
    expect(summary.bytes).toBeLessThan(16 * MiB);
    await expectReadable(doc('nest.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('note.txt'), 'offshore payments');
  });

  it('stops a .gz bomb while it inflates, and reads a good .gz beside it', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'zeros.txt.gz'), gzipSync(zeros(20 * MiB), { level: 9 }));
    await writeFile(join(dir, 'memo.txt.gz'), gzipSync(MEMO));

    const { doc, docs } = await ingest(dir);

    expectRejected(doc('zeros.txt.gz'), 'failed', 'zip_bomb', /the ratio exceeds 200:1 \(LEAKLINE_MAX_RATIO\)/);
    expect(docs.has('zeros.txt.gz/zeros.txt')).toBe(false);
    await expectReadable(doc('memo.txt.gz/memo.txt'), 'forty million euros');
  });

  it('stops a .tar.gz bomb as a bomb, keeping the entries read before it', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'bomb.tar.gz'), makeTar([{ name: 'memo.txt', content: MEMO }, { name: 'zeros.bin', content: zeros(20 * MiB) }], true));
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { doc } = await ingest(dir);

    expectRejected(doc('bomb.tar.gz'), 'failed', 'zip_bomb', /compression ratio passed the limit of 200:1 \(LEAKLINE_MAX_RATIO\)/);
    expectRejected(doc('bomb.tar.gz/zeros.bin'), 'failed', 'zip_bomb', /LEAKLINE_MAX_RATIO/);
    await expectReadable(doc('bomb.tar.gz/memo.txt'), 'forty million euros');
    await expectReadable(doc('note.txt'), 'offshore payments');
  });
});

describe('zip-slip: entry names that point outside the dump', () => {
  it('keeps each entry under a safe path inside the dump, with the original name in its metadata, and writes nothing', async () => {
    const token = randomUUID().slice(0, 8);
    const evil = `evil-${token}.txt`;
    const hostileNames = [`../../${evil}`, `/etc/${evil}`, `C:\\${evil}`, `..\\..\\${evil}`];
    const dir = await dumpDir();
    const zipEntries: Record<string, string> = { 'memo.txt': MEMO };
    hostileNames.forEach((name, i) => (zipEntries[name] = `slipped zip entry number ${i} ${token}`));
    await writeFile(join(dir, 'slip.zip'), makeZip(zipEntries));
    await writeFile(join(dir, 'slip.tar'), makeTar([{ name: 'note.txt', content: NOTE }, ...hostileNames.map((name, i) => ({ name, content: `slipped tar entry number ${i} ${token}` }))]));

    // every place an extracting tool would have written to, snapshotted before and after
    const watched = [dir, dirname(dir), dirname(dirname(dir)), dirname(dirname(dirname(dir))), process.cwd(), tmpdir(), '/', '/etc'];
    const namesWithToken = async () => (await Promise.all(watched.map(async (d) => (await readdir(d).catch(() => [])).filter((n) => n.includes(token)).map((n) => join(d, n))))).flat();
    expect(await namesWithToken()).toEqual([]);

    const { docs, doc } = await ingest(dir);

    for (const archive of ['slip.zip', 'slip.tar']) {
      const entries = [...docs.values()].filter((d) => d.parentPath === archive && d.path.includes(evil));
      expect(entries.map((d) => d.metadata.unsafePath).sort(), archive).toEqual([...hostileNames].sort());
      for (const entry of entries) {
        expect(entry.path.startsWith(`${archive}/`)).toBe(true);
        expect(entry.path.split('/')).not.toContain('..');
        expect(entry.path).not.toMatch(/\\|[A-Za-z]:|\/\//);
        expect(entry.status).toBe('ok');
      }
    }
    await expectReadable(doc('slip.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('slip.tar/note.txt'), 'offshore payments');

    // nothing was extracted: the dump folder holds only the two archives, and no file named after the entries appeared anywhere
    expect((await readdir(dir)).sort()).toEqual(['slip.tar', 'slip.zip']);
    expect(await namesWithToken()).toEqual([]);
    expect(existsSync(`/etc/${evil}`)).toBe(false);
  });

  it('flags an unsafe entry name on its placement, even when the same content is stored under a clean name', async () => {
    const dir = await dumpDir();
    // the same bytes twice in one archive: once under a clean name, once slipped
    await writeFile(join(dir, 'twice.zip'), makeZip({ 'memo.txt': MEMO, '../../memo-copy.txt': MEMO }));

    const { doc } = await ingest(dir);

    const clean = doc('twice.zip/memo.txt');
    const slipped = doc('twice.zip/memo-copy.txt');
    expect(slipped.id).toBe(clean.id);
    expect(slipped.metadata.unsafePath).toBe('../../memo-copy.txt');
    expect(clean.metadata.unsafePath).toBeUndefined();
  });
});

describe('symbolic links', () => {
  it('never follows a link in a folder dump to a file or folder outside it', async () => {
    const secretDir = await mkdtemp(join(root, 'secret-'));
    const secret = `TOP-SECRET-${randomUUID()} the private key of the archive server`;
    await writeFile(join(secretDir, 'secret.txt'), secret);
    const dir = await dumpDir();
    await writeFile(join(dir, 'memo.txt'), MEMO);
    await symlink(join(secretDir, 'secret.txt'), join(dir, 'secret-link.txt'));
    await symlink(secretDir, join(dir, 'secret-folder'));

    const { doc, docs } = await ingest(dir);

    expectRejected(doc('secret-link.txt'), 'skipped', 'symlink', new RegExp(`symbolic link to "${join(secretDir, 'secret.txt')}" was not followed`));
    expectRejected(doc('secret-folder'), 'skipped', 'symlink', /was not followed/);
    expect([...docs.keys()].filter((p) => p.startsWith('secret-folder/'))).toEqual([]);
    expect(doc('secret-link.txt').sha256).not.toBe(sha256(secret));
    expect((await allTexts()).filter((t) => t.includes(secret))).toEqual([]);
    await expectReadable(doc('memo.txt'), 'forty million euros');
  });

  it('skips a symbolic link stored in a zip', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'links.zip'), makeZipWithSymlink('passwd', '/etc/passwd', { 'memo.txt': MEMO }));

    const { doc } = await ingest(dir);

    expectRejected(doc('links.zip/passwd'), 'skipped', 'symlink', /symbolic link to "\/etc\/passwd" was not followed/);
    await expectReadable(doc('links.zip/memo.txt'), 'forty million euros');
    expect((await allTexts()).some((t) => t.includes('root:x:0:0'))).toBe(false);
  });

  it('skips symbolic and hard links stored in a tar', async () => {
    const dir = await dumpDir();
    await writeFile(
      join(dir, 'links.tar.gz'),
      makeTar(
        [
          { name: 'memo.txt', content: MEMO },
          { name: 'passwd', type: 'symlink', linkname: '/etc/passwd' },
          { name: 'shadow', type: 'hardlink', linkname: '../../etc/shadow' },
        ],
        true,
      ),
    );

    const { doc } = await ingest(dir);

    expectRejected(doc('links.tar.gz/passwd'), 'skipped', 'symlink', /symbolic link to "\/etc\/passwd" was not followed/);
    expectRejected(doc('links.tar.gz/shadow'), 'skipped', 'symlink', /hard link to "\.\.\/\.\.\/etc\/shadow" was not followed/);
    await expectReadable(doc('links.tar.gz/memo.txt'), 'forty million euros');
    expect(doc('links.tar.gz').status).toBe('ok');
  });
});

describe('an encrypted zip entry', () => {
  it('is recorded as encrypted while the plain entries beside it are read', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'mixed.zip'), markZipEncrypted(makeZip({ 'memo.txt': MEMO, 'secret.txt': NOTE }), ['secret.txt']));

    const { doc } = await ingest(dir);

    expectRejected(doc('mixed.zip/secret.txt'), 'failed', 'encrypted', /encrypted; it cannot be read without the password/);
    await expectReadable(doc('mixed.zip/memo.txt'), 'forty million euros');
  });
});

describe('truncated archives', () => {
  it('salvages the entries of a zip cut in half that come before the cut', async () => {
    const dir = await dumpDir();
    const zip = makeZip({ 'memo.txt': MEMO, 'note.txt': NOTE, 'tail.bin': randomBytes(16 * 1024) });
    await writeFile(join(dir, 'cut.zip'), zip.subarray(0, zip.length >> 1));
    await writeFile(join(dir, 'beside.txt'), `beside the cut archive ${NOTE}`);

    const { doc, docs, summary } = await ingest(dir);

    expectRejected(doc('cut.zip'), 'failed', 'truncated', /central directory is unreadable.*2 entries were salvaged/);
    await expectReadable(doc('cut.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('cut.zip/note.txt'), 'offshore payments');
    expectRejected(doc('cut.zip/tail.bin'), 'failed', 'truncated', /cut off where the archive ends/);
    expect(docs.size).toBe(5);
    await expectReadable(doc('beside.txt'), 'beside the cut archive');
    expect(summary.unusable).toBeNull();
  });

  it('keeps the entries of a cut .tar.gz read before the cut', async () => {
    const dir = await dumpDir();
    const tgz = makeTar([{ name: 'memo.txt', content: MEMO }, { name: 'note.txt', content: NOTE }, { name: 'tail.bin', content: randomBytes(64 * 1024) }], true);
    await writeFile(join(dir, 'cut.tar.gz'), tgz.subarray(0, Math.floor(tgz.length * 0.6)));

    const { doc, docs, summary } = await ingest(dir);

    expectRejected(doc('cut.tar.gz'), 'failed', 'truncated', /damaged or cut off/);
    await expectReadable(doc('cut.tar.gz/memo.txt'), 'forty million euros');
    await expectReadable(doc('cut.tar.gz/note.txt'), 'offshore payments');
    expectRejected(doc('cut.tar.gz/tail.bin'), 'failed', 'truncated', /damaged or cut off/);
    expect(docs.size).toBe(4);
    expect(summary.unusable).toBeNull();
  });

  it('reports a dump that is a truncated archive with nothing salvageable as unusable', async () => {
    const dir = await dumpDir();
    const zip = makeZip({ 'memo.txt': MEMO });
    await writeFile(join(dir, 'stub.zip'), zip.subarray(0, 20));
    // the first entry's header is whole but its data is cut: the entry is recorded, and nothing was read
    await writeFile(join(dir, 'header-only.zip'), makeZip({ 'memo.txt': prose(4096) }, 0).subarray(0, 200));
    const tgz = makeTar([{ name: 'memo.txt', content: MEMO }], true);
    await writeFile(join(dir, 'stub.tar.gz'), tgz.subarray(0, 12));

    for (const name of ['stub.zip', 'header-only.zip', 'stub.tar.gz']) {
      const { summary, doc, docs } = await ingest(join(dir, name));
      expect(summary.unusable, name).toMatch(/the archive could not be read/);
      expect(summary.extracted, name).toBe(0);
      expectRejected(doc(name), 'failed', 'truncated', /cut off|unreadable/);
      for (const entry of docs.values()) expect(entry.status, entry.path).toBe('failed');
    }
  });

  it('does not call a top-level cut zip unusable when entries were salvaged', async () => {
    const dir = await dumpDir();
    const zip = makeZip({ 'memo.txt': MEMO, 'tail.bin': randomBytes(16 * 1024) });
    await writeFile(join(dir, 'half.zip'), zip.subarray(0, zip.length >> 1));

    const { summary, doc } = await ingest(join(dir, 'half.zip'));

    expect(summary.unusable).toBeNull();
    expect(doc('half.zip').errorCode).toBe('truncated');
    await expectReadable(doc('half.zip/memo.txt'), 'forty million euros');
  });
});

describe('hostile entries in a truncated zip (read from its local headers)', () => {
  it('refuses a bomb, keeps unsafe names flagged and reads the good entry', async () => {
    const dir = await dumpDir();
    const zip = makeZip({ 'memo.txt': MEMO, '../../outside.txt': `slipped out of a cut zip ${randomUUID()}`, 'zeros.txt': zeros(20 * MiB), 'tail.bin': randomBytes(32 * 1024) }, 9);
    await writeFile(join(dir, 'cut.zip'), zip.subarray(0, zip.length - 20 * 1024));

    const { doc } = await ingest(dir);

    expect(doc('cut.zip').errorCode).toBe('truncated');
    await expectReadable(doc('cut.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('cut.zip/outside.txt'), 'slipped out of a cut zip');
    expect(doc('cut.zip/outside.txt').metadata.unsafePath).toBe('../../outside.txt');
    expectRejected(doc('cut.zip/zeros.txt'), 'failed', 'zip_bomb', /compression ratio \d+:1 exceeds the limit of 200:1/);
    expectRejected(doc('cut.zip/tail.bin'), 'failed', 'truncated', /cut off/);
  });

  it('stops an entry whose local header lies about its size once it inflates past the ratio', async () => {
    const dir = await dumpDir();
    const zip = setZipDeclaredSize(makeZip({ 'memo.txt': MEMO, 'small.txt': zeros(20 * MiB), 'tail.bin': randomBytes(32 * 1024) }, 9), 'small.txt', 100);
    await writeFile(join(dir, 'cut.zip'), zip.subarray(0, zip.length - 20 * 1024));

    const { doc } = await ingest(dir);

    expectRejected(doc('cut.zip/small.txt'), 'failed', 'zip_bomb', /inflating stopped at \d+ bytes from \d+ compressed: the ratio exceeds 200:1/);
    await expectReadable(doc('cut.zip/memo.txt'), 'forty million euros');
  });
});

describe('corrupt documents', () => {
  it('records a corrupt PDF, a .pdf that is not a PDF and a corrupt .docx as corrupt', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'garbage.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(8 * 1024)]));
    await writeFile(join(dir, 'not-a.pdf'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(512)]));
    const docx = makeDocx([MEMO]);
    await writeFile(join(dir, 'cut.docx'), docx.subarray(0, docx.length >> 1));
    await writeFile(join(dir, 'plain.docx'), 'this was saved as text and renamed to .docx');
    await writeFile(join(dir, 'good.pdf'), makePdf([MEMO]));
    await writeFile(join(dir, 'good.docx'), makeDocx([NOTE]));

    const { doc } = await ingest(dir);

    expectRejected(doc('garbage.pdf'), 'failed', 'corrupt', /PDF could not be parsed/);
    expectRejected(doc('not-a.pdf'), 'failed', 'corrupt', /Not a PDF: the %PDF- header is missing/);
    expectRejected(doc('cut.docx'), 'failed', 'corrupt', /\.docx package is damaged/);
    expectRejected(doc('plain.docx'), 'failed', 'corrupt', /Not a \.docx: the file is not a zip package/);
    await expectReadable(doc('good.pdf'), 'treasury on Friday');
    await expectReadable(doc('good.docx'), 'offshore payments');
  });
});

describe('empty, mis-encoded, oversized and unknown files', () => {
  it('records a 0-byte file, in a folder and in a zip, as empty', async () => {
    const dir = await dumpDir();
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'with-empty.zip'), makeZip({ 'blank.pdf': '', 'memo.txt': MEMO }));

    const { doc } = await ingest(dir);

    expectRejected(doc('empty.txt'), 'empty', 'empty', /the file is empty \(0 bytes\)/);
    expectRejected(doc('with-empty.zip/blank.pdf'), 'empty', 'empty', /the file is empty/);
    expect(doc('empty.txt').sha256).toBe(sha256(''));
    await expectReadable(doc('with-empty.zip/memo.txt'), 'forty million euros');
  });

  it('decodes a .txt that is not valid UTF-8 as windows-1252 and flags it', async () => {
    const dir = await dumpDir();
    // "Café “draft” résumé of the minister’s memo" in windows-1252
    const cp1252 = Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' '), Buffer.from([0x93]), Buffer.from('draft'), Buffer.from([0x94]), Buffer.from(' r'), Buffer.from([0xe9]), Buffer.from('sum'), Buffer.from([0xe9]), Buffer.from(' of the minister'), Buffer.from([0x92]), Buffer.from('s memo')]);
    await writeFile(join(dir, 'legacy.txt'), cp1252);
    await writeFile(join(dir, 'legacy.zip'), makeZip({ 'inside.txt': cp1252 }));
    await writeFile(join(dir, 'memo.txt'), MEMO);

    const { doc } = await ingest(dir);

    for (const path of ['legacy.txt', 'legacy.zip/inside.txt']) {
      await expectReadable(doc(path), 'Café “draft” résumé of the minister’s memo');
      expect(doc(path).metadata).toMatchObject({ charset: 'windows-1252', invalidUtf8: true });
    }
    expect(doc('memo.txt').metadata.invalidUtf8).toBeUndefined();
  });

  it('keeps only the sha256 of a file over LEAKLINE_MAX_FILE_BYTES, in a folder, a zip and a tar', async () => {
    const dir = await dumpDir();
    const big = utf8(prose(100 * 1024));
    await writeFile(join(dir, 'big.txt'), big);
    await writeFile(join(dir, 'big.zip'), makeZip({ 'big.txt': big, 'memo.txt': MEMO }));
    await writeFile(join(dir, 'big.tar'), makeTar([{ name: 'big.txt', content: big }, { name: 'note.txt', content: NOTE }]));

    const { doc } = await ingest(dir, { LEAKLINE_MAX_FILE_BYTES: String(64 * 1024) });

    for (const path of ['big.txt', 'big.zip/big.txt', 'big.tar/big.txt']) {
      expectRejected(doc(path), 'failed', 'too_large', /over the 65536-byte limit \(LEAKLINE_MAX_FILE_BYTES\); only its hash was kept/);
      expect(doc(path).sha256, path).toBe(sha256(big));
      expect(doc(path).bytes, path).toBe(big.length);
    }
    await expectReadable(doc('big.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('big.tar/note.txt'), 'offshore payments');
  });

  it('keeps an unknown binary file as unsupported with its sha256', async () => {
    const dir = await dumpDir();
    const blob = randomBytes(4096);
    blob[0] = 0; // unmistakably binary
    await writeFile(join(dir, 'firmware.bin'), blob);
    await writeFile(join(dir, 'blobs.zip'), makeZip({ 'firmware.bin': blob, 'memo.txt': MEMO }));
    await writeFile(join(dir, 'note.txt'), NOTE);

    const { doc } = await ingest(dir);

    for (const path of ['firmware.bin', 'blobs.zip/firmware.bin']) {
      expectRejected(doc(path), 'unsupported', 'unsupported_format', /no extractor reads \.bin files; it is kept with its hash/);
      expect(doc(path).sha256).toBe(sha256(blob));
    }
    await expectReadable(doc('blobs.zip/memo.txt'), 'forty million euros');
    await expectReadable(doc('note.txt'), 'offshore payments');
  });
});

describe('re-ingesting a hostile dump', () => {
  it('adds no rows and records the same statuses', async () => {
    const dir = await dumpDir();
    const secretDir = await mkdtemp(join(root, 'secret-'));
    await writeFile(join(secretDir, 'secret.txt'), 'nothing to see');
    await writeFile(join(dir, 'memo.txt'), MEMO);
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'legacy.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x74, 0x65]));
    await writeFile(join(dir, 'garbage.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2048)]));
    await writeFile(join(dir, 'firmware.bin'), randomBytes(2048));
    await writeFile(join(dir, 'big.txt'), prose(100 * 1024));
    await symlink(join(secretDir, 'secret.txt'), join(dir, 'link.txt'));
    await writeFile(join(dir, 'bomb.zip'), makeZip({ 'zeros.txt': zeros(20 * MiB), 'note.txt': NOTE }, 9));
    await writeFile(join(dir, 'zeros.gz'), gzipSync(zeros(20 * MiB), { level: 9 }));
    await writeFile(join(dir, 'slip.zip'), makeZip({ '../../evil.txt': 'slip one', 'C:\\evil.txt': 'slip two', 'ok.txt': 'fine' }));
    await writeFile(join(dir, 'enc.zip'), markZipEncrypted(makeZip({ 'secret.txt': 'secret' })));
    await writeFile(join(dir, 'links.tar'), makeTar([{ name: 'passwd', type: 'symlink', linkname: '/etc/passwd' }, { name: 'kept.txt', content: NOTE }]));
    const cut = makeZip({ 'first.txt': 'first entry of a cut archive', 'tail.bin': randomBytes(8192) });
    await writeFile(join(dir, 'cut.zip'), cut.subarray(0, cut.length >> 1));
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'nested', 'deep.zip'), makeZip({ 'a.zip': makeZip({ 'b.zip': makeZip({ 'c.txt': 'deep' }) }) }));
    const settings = { LEAKLINE_MAX_FILE_BYTES: String(64 * 1024), LEAKLINE_MAX_DEPTH: '2' };

    const first = await ingest(dir, settings, 'hostile-again');
    const before = await rowCounts(first.leakId);
    const second = await ingest(dir, settings, 'hostile-again');
    const after = await rowCounts(first.leakId);

    expect(after).toEqual(before);
    const statuses = (docs: Map<string, DocumentRow>) => [...docs.values()].map((d) => [d.path, d.status, d.errorCode]);
    expect(statuses(second.docs)).toEqual(statuses(first.docs));
    // the summary a user reads is the same, except that every document is now already known
    const counts = ({ documents, extracted, failed, unsupported, empty, skipped, failures, unusable }: IngestSummary) => ({ documents, extracted, failed, unsupported, empty, skipped, failures, unusable });
    expect(counts(second.summary)).toEqual(counts(first.summary));
    expect(second.summary.reused).toBe(second.summary.documents);
    expect(second.summary.fingerprints).toBe(0);
    // two entry names folded to the same safe path keep a row each, under the same paths every time
    expect([...second.docs.keys()].filter((p) => p.startsWith('slip.zip/evil.txt'))).toEqual(['slip.zip/evil.txt', 'slip.zip/evil.txt~2']);
    // the run met every kind of trouble it is meant to record
    const codes = new Set(first.summary.failures.map((f) => f.code));
    for (const code of ['empty', 'corrupt', 'unsupported_format', 'too_large', 'symlink', 'zip_bomb', 'encrypted', 'truncated', 'too_deep']) expect(codes, code).toContain(code);
  });
});
