import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema.ts';
import type { Db } from './db.ts';

/** A setting, created with `make()` the first time it is asked for (e.g. the session-signing secret). */
export async function settingOrCreate(db: Db, key: string, make: () => string): Promise<string> {
  const row = await db.select().from(settings).where(eq(settings.key, key)).get();
  if (row) return row.value;
  await db.insert(settings).values({ key, value: make() }).onConflictDoNothing();
  return (await db.select().from(settings).where(eq(settings.key, key)).get())!.value;
}
