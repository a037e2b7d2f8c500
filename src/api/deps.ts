import type { Fetcher } from '../fetch/fetcher.ts';
import type { UploadStore } from '../ingest/upload-store.ts';
import type { Matcher } from '../match/matcher.ts';
import type { Enqueuer } from '../queue/enqueuer.ts';
import type { Db } from '../store/db.ts';

/** What the HTTP app needs, built once per process by an entry (per request on Workers). */
export interface AppDeps {
  db: Db;
  enqueuer: Enqueuer;
  /** Where uploaded dumps go; absent on runtimes without a disk (uploads are then refused). */
  uploads?: UploadStore | undefined;
  maxUploadBytes: number;
  version: string;
  /** Matches checked documents against the index; absent where no index can be held (checks are refused). */
  matcher?: Matcher | undefined;
  /** Fetches URLs given to check; absent where fetching is not allowed. */
  fetcher?: Fetcher | undefined;
}

export type AppEnv = { Variables: { deps: AppDeps } };
