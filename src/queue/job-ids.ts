import { sha256Hex } from '../domain/sha256.ts';

/**
 * The job id of ingesting one dump into one leak, from the leak and the
 * dump's digest: submitting the same dump twice names the same job.
 *
 * @example
 * await ingestJobId('macron-2017', 'e3b0c442…'); // 'ingest-5d41402abc4b2a76b9719d911017c592…'
 */
export async function ingestJobId(leak: string, dumpDigest: string): Promise<string> {
  return `ingest-${(await sha256Hex(`${leak}\0${dumpDigest}`)).slice(0, 40)}`;
}
