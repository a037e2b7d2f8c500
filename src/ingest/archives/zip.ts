import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { createHash } from 'node:crypto';
import { safeEntryPath } from '../../domain/extract/entry-path.ts';
import { memoryBlob } from '../../domain/extract/memory-blob.ts';
import { extensionOf, startsWithBytes, type Blob, type Child, type Extractor } from '../../domain/extract/types.ts';
import type { DumpBudget } from '../budget.ts';
import { readCapped } from '../read-capped.ts';
import { decodeEntryName } from './entry-name.ts';
import { salvageZip } from './salvage-zip.ts';

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
/** Zip-based formats that are documents, not folders: left to their own extractor or kept as unsupported. */
const ZIP_DOCUMENTS = new Set(['docx', 'docm', 'dotx', 'xlsx', 'xlsm', 'pptx', 'odt', 'ods', 'odp', 'epub', 'pages', 'numbers', 'key']);
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const openZip = (blob: Blob): Promise<ZipFile> =>
  new Promise((resolve, reject) => {
    const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true } as const;
    const done = (error: Error | null, zip?: ZipFile) => (error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip));
    if (blob.filePath) yauzl.open(blob.filePath, options, done);
    else blob.read().then((bytes) => yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options, done), reject);
  });

const nextEntry = (zip: ZipFile): Promise<Entry | null> =>
  new Promise((resolve, reject) => {
    const onEntry = (entry: Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(null));
    const onError = (error: Error) => settle(() => reject(error));
    const settle = (fn: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      fn();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });

const openEntry = (zip: ZipFile, entry: Entry, options: { decompress?: boolean } = {}) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, options as yauzl.ZipFileOptions, (error, stream) => (error || !stream ? reject(error) : resolve(stream))),
  );

/** The identity of an entry that is never read: its position and what the archive declares about it. */
function unreadKey(archive: Blob, entry: Entry, name: string): string {
  const digest = createHash('sha256')
    .update(`${archive.name}\0${name}\0${entry.uncompressedSize}\0${entry.compressedSize}\0${entry.crc32}`)
    .digest('hex');
  return `unread:${digest}`;
}

/**
 * Zip archives, read entry by entry (from disk when the dump is a file, so a
 * large archive is never held in memory). Encrypted entries, symbolic links,
 * bombs (by ratio and by the dump's total budget) and entries that fail to
 * inflate are each recorded with their reason; a damaged archive without a
 * central directory is salvaged from its local headers.
 */
export function createZipExtractor(budget: DumpBudget): Extractor {
  return {
    format: 'zip',
    mime: 'application/zip',
    container: true,
    fit(blob) {
      const ext = extensionOf(blob.name);
      if (ZIP_DOCUMENTS.has(ext)) return 0;
      const magic = startsWithBytes(blob.head, LOCAL_HEADER) || startsWithBytes(blob.head, EMPTY_ARCHIVE);
      return (ext === 'zip' ? 1 : 0) + (magic ? 2 : 0);
    },
    async extract(blob, context) {
      let zip: ZipFile;
      try {
        zip = await openZip(blob);
      } catch (error) {
        const salvaged = salvageZip(await blob.read(), budget, context.maxFileBytes);
        const readable = salvaged.entries.filter((entry) => 'blob' in entry).length;
        return {
          text: null,
          metadata: { salvaged: readable },
          children: salvaged.entries,
          partial: {
            status: 'failed',
            code: 'truncated',
            reason: `the zip's central directory is unreadable (${(error as Error).message}); ${readable} entries were salvaged from local headers${salvaged.stoppedBy ? `, stopped by: ${salvaged.stoppedBy}` : ''}`,
          },
        };
      }
      return { text: null, metadata: { entries: zip.entryCount, comment: zip.comment ? String(zip.comment).slice(0, 500) : undefined }, children: zipEntries(zip, blob, budget, context.maxFileBytes) };
    },
  };
}

async function* zipEntries(zip: ZipFile, archive: Blob, budget: DumpBudget, maxFileBytes: number): AsyncGenerator<Child> {
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const rawName = entry.fileName as unknown as Buffer;
      const decoded = entry.generalPurposeBitFlag & 0x800 ? rawName.toString('utf8') : decodeEntryName(rawName);
      if (decoded.endsWith('/') || decoded.endsWith('\\')) continue; // a folder
      const { path: name, unsafe } = safeEntryPath(decoded);
      const reject = (status: 'failed' | 'skipped' | 'unsupported', code: string, reason: string, extra: { sha256?: string; size?: number } = {}): Child => ({
        name,
        rejected: { status, code, reason },
        size: extra.size ?? entry!.uncompressedSize,
        key: extra.sha256 ?? unreadKey(archive, entry!, name),
        sha256: extra.sha256,
      });
      if (!budget.countEntry()) {
        yield reject('failed', 'too_many_entries', `the dump has more than ${budget.limits.maxEntries} entries (LEAKLINE_MAX_ENTRIES); the rest were not read`);
        return;
      }
      if (entry.isEncrypted()) {
        yield reject('failed', 'encrypted', 'the entry is encrypted; it cannot be read without the password');
        continue;
      }
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) {
        const target = await readEntry(zip, entry, 4096).catch(() => null);
        const where = target && target.kind === 'bytes' ? new TextDecoder().decode(target.bytes) : '?';
        yield reject('skipped', 'symlink', `symbolic link to "${where}" was not followed`);
        continue;
      }
      const bomb = budget.bombReason(entry.compressedSize, entry.uncompressedSize);
      if (bomb) {
        yield reject('failed', 'zip_bomb', bomb);
        continue;
      }
      if (!budget.reserve(entry.uncompressedSize)) {
        yield reject('failed', 'dump_too_large', budget.overBudgetReason(entry.uncompressedSize));
        continue;
      }
      let read;
      try {
        read = await readEntry(zip, entry, maxFileBytes);
      } catch (error) {
        const message = (error as Error).message;
        // yauzl stops an entry that inflates past the size it declares: a bomb that lies to the ratio check
        if (/^too many bytes in the stream/.test(message)) yield reject('failed', 'zip_bomb', `the entry inflates past the ${entry.uncompressedSize} bytes it declares; it was not read`);
        else yield reject('failed', 'corrupt', `the entry could not be inflated: ${message}`);
        continue;
      }
      if (read.kind === 'hashed') {
        yield reject('failed', 'too_large', `the file is ${read.size} bytes, over the ${maxFileBytes}-byte limit (LEAKLINE_MAX_FILE_BYTES); only its hash was kept`, read);
        continue;
      }
      yield { name, blob: memoryBlob(name, read.bytes), ...(unsafe ? { note: { unsafePath: decoded } } : {}) };
    }
  } finally {
    zip.close();
  }
}

async function readEntry(zip: ZipFile, entry: Entry, cap: number) {
  const stream = await openEntry(zip, entry);
  return readCapped(stream as unknown as AsyncIterable<Uint8Array>, cap);
}
