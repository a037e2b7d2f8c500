import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.ts';

/** A fresh folder and libSQL file database for one test file; `cleanup` removes both. */
export async function tempDb(): Promise<{ dir: string; url: string; db: Db; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'leakline-test-'));
  const url = `file:${join(dir, 'leakline.db')}`;
  const db = await openDb({ url });
  return {
    dir,
    url,
    db,
    cleanup: async () => {
      db.$client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const SAMPLE_DUMP = new URL('../../samples/northbridge-dump', import.meta.url).pathname;

/** Polls until `check` returns a value, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 30_000, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}
