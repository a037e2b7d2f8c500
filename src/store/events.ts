import { asc, eq, gt } from 'drizzle-orm';
import { events, webhooks } from '../../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import type { Db } from './db.ts';

export interface EventRow {
  id: number;
  leakId: number | null;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export async function appendEvent(db: Db, event: { leakId: number | null; type: string; payload: Record<string, unknown> }): Promise<number> {
  const [row] = await db.insert(events).values({ ...event, payload: JSON.stringify(event.payload) }).returning({ id: events.id });
  return row!.id;
}

/** Events after an id, oldest first (the live stream resumes from the last one a client saw). */
export async function eventsAfter(db: Db, after: number, limit = 200): Promise<EventRow[]> {
  const rows = await db.select().from(events).where(gt(events.id, after)).orderBy(asc(events.id)).limit(limit);
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

export async function getEvent(db: Db, id: number): Promise<EventRow> {
  const row = await db.select().from(events).where(eq(events.id, id)).get();
  if (!row) throw new DomainError('event_not_found', `No event ${id}.`, { status: 404 });
  return { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> };
}

export async function lastEventId(db: Db): Promise<number> {
  const { rows } = await db.$client.execute('SELECT coalesce(max(id), 0) AS id FROM events');
  return Number(rows[0]!.id);
}

export type WebhookRow = typeof webhooks.$inferSelect;

export async function addWebhook(db: Db, hook: { url: string; secret: string; events?: string }): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(hook).onConflictDoUpdate({ target: webhooks.url, set: { secret: hook.secret, events: hook.events ?? 'stage.entered,leak.entered_mainstream' } }).returning();
  return row!;
}

export async function listWebhooks(db: Db): Promise<WebhookRow[]> {
  return db.select().from(webhooks).orderBy(asc(webhooks.id));
}

export async function getWebhook(db: Db, id: number): Promise<WebhookRow> {
  const row = await db.select().from(webhooks).where(eq(webhooks.id, id)).get();
  if (!row) throw new DomainError('webhook_not_found', `No webhook ${id}. List them with \`leakline webhooks list\`.`, { status: 404 });
  return row;
}

export async function removeWebhook(db: Db, id: number): Promise<void> {
  const gone = await db.delete(webhooks).where(eq(webhooks.id, id)).returning();
  if (gone.length === 0) throw new DomainError('webhook_not_found', `No webhook ${id}.`, { status: 404 });
}

/** Whether a webhook asked for an event type. */
export const wants = (hook: WebhookRow, type: string) => hook.events === '*' || hook.events.split(',').map((e) => e.trim()).includes(type);
