import { asc, eq } from 'drizzle-orm';
import { domains, settings, sources } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { SEED_DOMAINS } from '../domain/stages/seed-domains.ts';
import { buildRegistry, normalisePattern, type Stage, type StageEntry, type StageRegistry } from '../domain/stages/registry.ts';
import type { Db } from './db.ts';

const SEED_KEY = 'domains_seed_version';
const SEED_VERSION = '1';

/**
 * Puts the default registry in a new database, once: entries a user later
 * edits or deletes stay as the user left them.
 */
export async function seedDomains(db: Db): Promise<void> {
  const done = await db.select().from(settings).where(eq(settings.key, SEED_KEY)).get();
  if (done?.value === SEED_VERSION) return;
  const rows = SEED_DOMAINS.map((e) => ({ ...e, pattern: normalisePattern(e.pattern), origin: 'seed' }));
  for (let i = 0; i < rows.length; i += 100) await db.insert(domains).values(rows.slice(i, i + 100)).onConflictDoNothing();
  await db.insert(settings).values({ key: SEED_KEY, value: SEED_VERSION }).onConflictDoUpdate({ target: settings.key, set: { value: SEED_VERSION } });
}

export type DomainRow = typeof domains.$inferSelect;

export async function listDomains(db: Db, stage?: Stage): Promise<DomainRow[]> {
  const query = db.select().from(domains);
  return (stage ? query.where(eq(domains.stage, stage)) : query).orderBy(asc(domains.stage), asc(domains.pattern));
}

/**
 * Adds or changes a registry entry, and re-stages the sources it covers so
 * that sightings follow the registry.
 */
export async function upsertDomain(db: Db, entry: Omit<StageEntry, 'pattern'> & { pattern: string }): Promise<DomainRow> {
  const pattern = normalisePattern(entry.pattern);
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*(\/\S*)?$/.test(pattern)) {
    throw new DomainError('invalid_domain', `"${entry.pattern}" is not a host name or host/path (e.g. pastebin.com or t.me/somechannel).`);
  }
  const values = { pattern, stage: entry.stage, tier: entry.tier, label: entry.label, platform: entry.platform, origin: 'user', updatedAt: new Date().toISOString() };
  const [row] = await db.insert(domains).values(values).onConflictDoUpdate({ target: domains.pattern, set: values }).returning();
  await restageSources(db);
  return row!;
}

export async function deleteDomain(db: Db, pattern: string): Promise<void> {
  const deleted = await db.delete(domains).where(eq(domains.pattern, normalisePattern(pattern))).returning();
  if (deleted.length === 0) throw new DomainError('domain_not_found', `No registry entry "${pattern}". List them with \`leakline domains list\`.`, { status: 404 });
  await restageSources(db);
}

export async function loadRegistry(db: Db): Promise<StageRegistry> {
  const rows = await db.select().from(domains);
  return buildRegistry(rows.map((r) => ({ pattern: r.pattern, stage: r.stage as Stage, tier: r.tier, label: r.label, platform: r.platform })));
}

/** Re-classifies every page source after a registry change (posts keep their platform's stage). */
async function restageSources(db: Db): Promise<void> {
  const registry = await loadRegistry(db);
  const rows = await db.select({ id: sources.id, url: sources.url, stage: sources.stage, tier: sources.tier }).from(sources).where(eq(sources.kind, 'page'));
  for (const row of rows) {
    const c = registry.classify(row.url);
    if (c.stage !== row.stage || c.tier !== row.tier) await db.update(sources).set({ stage: c.stage, tier: c.tier }).where(eq(sources.id, row.id));
  }
}
