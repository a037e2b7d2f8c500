import type { Fetcher } from '../fetch/fetcher.ts';
import type { Actor } from './access.ts';
import type { RateLimiter } from './rate-limit.ts';
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
  /**
   * Access control. Left out (tests, local use), the app runs open while no
   * key exists; entries reachable from other machines must pass
   * `openWhenNoKeys: false`.
   */
  access?: AccessSettings;
  /** Matches checked documents against the index; absent where no index can be held (checks are refused). */
  matcher?: Matcher | undefined;
  /** Fetches URLs given to check; absent where fetching is not allowed. */
  fetcher?: Fetcher | undefined;
}

export interface AccessSettings {
  /** Run open (no key needed) while no key exists: only when the server is reachable from this machine alone. */
  openWhenNoKeys: boolean;
  limiter: RateLimiter;
  /** Internal: the last count of active keys. */
  cache?: { at: number; keys: number };
}

export type AppEnv = { Variables: { deps: AppDeps; actor: Actor } };
