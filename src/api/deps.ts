import type { UploadStore } from '../ingest/upload-store.ts';
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
}

export type AppEnv = { Variables: { deps: AppDeps } };
