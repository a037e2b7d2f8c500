import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { memoryBlob } from '../../domain/extract/memory-blob.ts';
import { startsWithBytes, type Extractor } from '../../domain/extract/types.ts';
import type { DumpBudget } from '../budget.ts';
import { LimitExceeded, readCapped } from '../read-capped.ts';

const GZIP = [0x1f, 0x8b];

/**
 * A gzip-compressed single file (`notes.txt.gz`, `inbox.mbox.gz`): one child,
 * named without `.gz`, inflated up to the file limit. A compressed tar is the
 * tar extractor's, which streams it.
 */
export function createGzipExtractor(budget: DumpBudget): Extractor {
  return {
    format: 'gzip',
    mime: 'application/gzip',
    container: true,
    fit(blob) {
      return startsWithBytes(blob.head, GZIP) ? 2 : 0;
    },
    async extract(blob, context) {
      const name = blob.name.replace(/\.t?gz$/i, (m) => (m.toLowerCase() === '.tgz' ? '.tar' : '')) || 'content';
      const input = blob.filePath ? createReadStream(blob.filePath) : Readable.from([await blob.read()]);
      const gunzip = createGunzip();
      input.on('error', (error: Error) => gunzip.destroy(error));
      // a gzip bomb is stopped once it inflates past the ratio limit, not after
      const limit = Math.max(1 << 20, blob.size * budget.limits.maxRatio);
      const read = await readCapped(input.pipe(gunzip), context.maxFileBytes, limit).catch((error: Error) => error);
      const childName = name.slice(name.lastIndexOf('/') + 1);
      if (read instanceof LimitExceeded) {
        const reason = `inflating stopped at ${read.bytes} bytes from ${blob.size} compressed: the ratio exceeds ${budget.limits.maxRatio}:1 (LEAKLINE_MAX_RATIO)`;
        return { text: null, metadata: {}, children: [], partial: { status: 'failed' as const, code: 'zip_bomb', reason } };
      }
      if (read instanceof Error) {
        return { text: null, metadata: {}, children: [], partial: { status: 'failed', code: 'corrupt', reason: `the gzip stream could not be inflated: ${read.message}` } };
      }
      if (read.kind === 'hashed') {
        budget.reserve(read.size);
        const child = { name: childName, rejected: { status: 'failed' as const, code: 'too_large', reason: `inflates to ${read.size} bytes, over the ${context.maxFileBytes}-byte limit (LEAKLINE_MAX_FILE_BYTES)` }, size: read.size, key: read.sha256, sha256: read.sha256 };
        return { text: null, metadata: { inflatedBytes: read.size }, children: [child] };
      }
      if (!budget.reserve(read.bytes.byteLength)) {
        const reason = budget.overBudgetReason(read.bytes.byteLength);
        return { text: null, metadata: {}, children: [], partial: { status: 'failed', code: 'dump_too_large', reason } };
      }
      return { text: null, metadata: { inflatedBytes: read.bytes.byteLength }, children: [{ name: childName, blob: memoryBlob(childName, read.bytes) }] };
    },
  };
}
