import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../domain/errors.ts';

export interface StoredUpload {
  path: string;
  sha256: string;
  bytes: number;
}

/** Keeps uploaded dumps where workers can read them. */
export interface UploadStore {
  save(file: File): Promise<StoredUpload>;
}

/**
 * Uploads on local disk, named by content hash (so a second upload of the same
 * dump lands on the same file). Workers on other machines need this folder on
 * shared storage.
 */
export function createDiskUploadStore(dir: string, maxBytes: number): UploadStore {
  const root = resolve(dir);
  return {
    async save(file) {
      if (file.size > maxBytes) {
        throw new DomainError('upload_too_large', `The upload is ${file.size} bytes; the limit is ${maxBytes} (LEAKLINE_MAX_UPLOAD_BYTES).`, { status: 413 });
      }
      await mkdir(root, { recursive: true });
      const temp = join(root, `.${randomUUID()}.part`);
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        const source = Readable.fromWeb(file.stream() as import('node:stream/web').ReadableStream<Uint8Array>);
        source.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
          hash.update(chunk);
        });
        await pipeline(source, createWriteStream(temp, { flags: 'wx' }));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      const sha256 = hash.digest('hex');
      // keep a safe extension so the format registry sees `.zip`, `.tar.gz`…
      const ext = /\.tar\.gz$/i.test(file.name) ? '.tar.gz' : extname(file.name).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
      const path = join(root, `${sha256}${ext}`);
      await rename(temp, path);
      return { path, sha256, bytes };
    },
  };
}
