import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Parser, type ReadEntry } from 'tar';
import { safeEntryPath } from '../../domain/extract/entry-path.ts';
import { memoryBlob } from '../../domain/extract/memory-blob.ts';
import { startsWithBytes, type Blob, type Child, type Extractor, type Rejection } from '../../domain/extract/types.ts';
import type { DumpBudget } from '../budget.ts';
import { concat } from '../read-capped.ts';

const USTAR = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at offset 257
const GZIP = [0x1f, 0x8b];
const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const METADATA_TYPES = new Set(['Directory', 'GlobalExtendedHeader', 'ExtendedHeader', 'NextFileHasLongPath', 'NextFileHasLongLinkpath', 'OldExtendedHeader']);

const isTarName = (name: string) => /\.(tar|tgz|tar\.gz|taz)$/i.test(name);

/** Looks like a tar header: "ustar" magic, or a v7 header whose checksum adds up. */
function looksLikeTar(head: Uint8Array): boolean {
  if (startsWithBytes(head, USTAR, 257)) return true;
  if (head.length < 512) return false;
  const stored = parseInt(new TextDecoder().decode(head.subarray(148, 156)).replace(/\0.*$/, '').trim(), 8);
  if (!Number.isFinite(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : head[i]!;
  return sum === stored && head[0] !== 0;
}

/**
 * Tar archives, plain or gzip-compressed, streamed entry by entry: a
 * multi-gigabyte .tar.gz on disk is never held in memory. Links and special
 * files are recorded as skipped, and a truncated archive keeps every entry
 * read before the cut.
 */
export function createTarExtractor(budget: DumpBudget): Extractor {
  return {
    format: 'tar',
    mime: 'application/x-tar',
    container: true,
    fit(blob) {
      const gz = startsWithBytes(blob.head, GZIP);
      if (gz) return isTarName(blob.name) ? 3 : 0;
      return (isTarName(blob.name) ? 1 : 0) + (looksLikeTar(blob.head) ? 2 : 0);
    },
    async extract(blob, context) {
      const state: { partial?: Rejection } = {};
      const children = tarEntries(blob, budget, context.maxFileBytes, state);
      return {
        text: null,
        metadata: { compressed: startsWithBytes(blob.head, GZIP) },
        children,
        get partial() {
          return state.partial;
        },
      };
    },
  };
}

async function* source(blob: Blob): AsyncGenerator<Uint8Array> {
  if (blob.filePath) {
    for await (const chunk of createReadStream(blob.filePath, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    return;
  }
  const bytes = await blob.read();
  for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20));
}

async function* tarEntries(blob: Blob, budget: DumpBudget, maxFileBytes: number, state: { partial?: Rejection }): AsyncGenerator<Child> {
  const ready: Child[] = [];
  const warnings: string[] = [];
  let stop = false;
  let aborted = false;
  /** The entry whose body is being read, so an abort part-way through it can still be recorded. */
  const body: { reading: { name: string; size: number; key: string } | null } = { reading: null };
  const parser = new Parser({
    strict: false,
    maxDecompressionRatio: budget.limits.maxRatio,
    onwarn: (code, message) => {
      warnings.push(`${code}: ${String(message)}`);
    },
    onReadEntry: (entry: ReadEntry) => collect(entry),
  });
  // an abort (a decompression bomb, a broken or cut gzip stream) is emitted as an error even when not
  // strict; without a listener it would throw out of write() or end(), and 'end' would never come
  parser.on('abort', () => {
    aborted = true;
  });
  parser.on('error', (error: Error) => {
    warnings.push(`TAR_ABORT: ${error.message}`);
    stop = true;
  });

  const collect = (entry: ReadEntry) => {
    const { path: name, unsafe } = safeEntryPath(entry.path);
    const key = `unread:${createHash('sha256').update(`${blob.name}\0${entry.path}\0${entry.size}`).digest('hex')}`;
    const reject = (status: 'failed' | 'skipped', code: string, reason: string, extra: { sha256?: string } = {}) => {
      ready.push({ name, rejected: { status, code, reason }, size: entry.size, key: extra.sha256 ?? key, sha256: extra.sha256 });
      entry.resume();
    };
    if (METADATA_TYPES.has(entry.type)) return entry.resume();
    if (stop) return entry.resume();
    if (!budget.countEntry()) {
      stop = true;
      return reject('failed', 'too_many_entries', `the dump has more than ${budget.limits.maxEntries} entries (LEAKLINE_MAX_ENTRIES); the rest were not read`);
    }
    if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      return reject('skipped', 'symlink', `${entry.type === 'Link' ? 'hard' : 'symbolic'} link to "${entry.linkpath ?? '?'}" was not followed`);
    }
    if (!FILE_TYPES.has(entry.type)) return reject('skipped', 'special_file', `a ${entry.type} entry, not a regular file; skipped`);
    if (!budget.reserve(entry.size)) return reject('failed', 'dump_too_large', budget.overBudgetReason(entry.size));
    const chunks: Uint8Array[] = [];
    let size = 0;
    const hash = entry.size > maxFileBytes ? createHash('sha256') : null;
    body.reading = { name, size: entry.size, key };
    entry.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (hash) hash.update(chunk);
      else chunks.push(chunk);
    });
    entry.on('end', () => {
      body.reading = null;
      if (size < entry.size) {
        ready.push({ name, rejected: { status: 'failed', code: 'truncated', reason: `the entry was cut off after ${size} of ${entry.size} bytes` }, size: entry.size, key });
      } else if (hash) {
        const sha256 = hash.digest('hex');
        ready.push({ name, rejected: { status: 'failed', code: 'too_large', reason: `the file is ${size} bytes, over the ${maxFileBytes}-byte limit (LEAKLINE_MAX_FILE_BYTES); only its hash was kept` }, size, key: sha256, sha256 });
      } else ready.push({ name, blob: memoryBlob(name, concat(chunks, size)), ...(unsafe ? { note: { unsafePath: entry.path } } : {}) });
    });
  };

  for await (const chunk of source(blob)) {
    try {
      parser.write(chunk);
    } catch (error) {
      warnings.push(`TAR_ABORT: ${(error as Error).message}`);
      stop = true;
    }
    while (ready.length > 0) yield ready.shift()!;
    if (stop) break;
  }
  if (!aborted) await finish(parser);
  while (ready.length > 0) yield ready.shift()!;
  const bomb = warnings.find((w) => /max decompression ratio exceeded/i.test(w));
  const bad = warnings.filter((w) => /TAR_BAD_ARCHIVE|TAR_ABORT|Truncated|unexpected end|zlib/i.test(w));
  if (bomb) {
    state.partial = { status: 'failed', code: 'zip_bomb', reason: `inflating stopped once the compression ratio passed the limit of ${budget.limits.maxRatio}:1 (LEAKLINE_MAX_RATIO); the rest was not read` };
  } else if (bad.length > 0) {
    state.partial = { status: 'failed', code: 'truncated', reason: `the archive is damaged or cut off: ${bad[0]}` };
  }
  const cut = body.reading;
  if (aborted && cut) {
    // the entry cut off by the abort never ends: record it with the archive's reason
    yield { name: cut.name, rejected: state.partial ?? { status: 'failed', code: 'truncated', reason: 'reading stopped part-way through the entry' }, size: cut.size, key: cut.key };
  }
}

/** Ends the parser and waits for it to flush; bounded, and with a timer that keeps the process alive meanwhile. */
function finish(parser: Parser): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, 1000);
    parser.once('end', done);
    parser.once('close', done);
    parser.once('abort', done);
    parser.end();
  });
}
