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

/** The job id of fetching a URL: one job per normalised URL, however it was reached. */
export async function fetchJobId(normalisedUrl: string): Promise<string> {
  return `fetch-${(await sha256Hex(normalisedUrl)).slice(0, 40)}`;
}

/** The job id of importing one post export (by content digest) in one format. */
export async function importJobId(format: string, digest: string): Promise<string> {
  return `import-${(await sha256Hex(`${format}\0${digest}`)).slice(0, 40)}`;
}

/** The job id of rebuilding a leak's timeline: one per leak, enqueued with `debounce` so waiting requests coalesce. */
export async function timelineJobId(leakId: number): Promise<string> {
  return `timeline-${(await sha256Hex(`timeline\0${leakId}`)).slice(0, 40)}`;
}
