import { z } from 'zod';
import type { Config } from '../config.ts';
import { slugSchema } from '../queue/jobs.ts';
import { openDb } from '../store/db.ts';
import { duplicateGroups, listLeakDocuments } from '../store/documents.ts';
import { getLeak, listLeaks } from '../store/leaks.ts';
import { leakAnomalies } from '../store/anomalies.ts';
import { formatBytes } from '../web/layout.ts';
import { flag, printJson } from './args.ts';

type Args = { positionals: string[]; values: Record<string, unknown> };

const withDb = async <T>(config: Config, fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> => {
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    return await fn(db);
  } finally {
    db.$client.close();
  }
};

export const runLeaks = ({ values }: Args, config: Config) =>
  withDb(config, async (db) => {
    const leaks = await listLeaks(db, { limit: 10_000 });
    if (values.json) printJson(leaks);
    else if (leaks.length === 0) console.log('No leaks yet: leakline ingest ./dump.zip --leak my-leak');
    else for (const l of leaks) console.log(`${l.slug.padEnd(24)} ${String(l.documents).padStart(7)} docs ${formatBytes(l.bytes).padStart(10)}  ${l.title ?? ''}`);
    return 0;
  });

export const runDocuments = ({ positionals, values }: Args, config: Config) =>
  withDb(config, async (db) => {
    const leak = await getLeak(db, flag(slugSchema, positionals[0], 'leak'));
    const status = values.status === undefined ? undefined : flag(z.enum(['ok', 'failed', 'unsupported', 'empty', 'skipped']), values.status, 'status');
    const limit = values.limit === undefined ? 1_000_000 : flag(z.coerce.number().int().positive(), values.limit, 'limit');
    const { items } = await listLeakDocuments(db, leak.id, { status, limit, offset: 0 });
    if (values.json) printJson(items);
    else for (const d of items) console.log(`${String(d.id).padStart(7)} ${d.status.padEnd(11)} ${d.format.padEnd(6)} ${d.path}${d.error ? `  (${d.error})` : ''}`);
    return 0;
  });

export const runDuplicates = ({ positionals, values }: Args, config: Config) =>
  withDb(config, async (db) => {
    const leak = await getLeak(db, flag(slugSchema, positionals[0], 'leak'));
    const minWords = values['min-words'] === undefined ? 0 : flag(z.coerce.number().int().min(0), values['min-words'], 'min-words');
    const groups = await duplicateGroups(db, leak.id, minWords);
    if (values.json) printJson(groups);
    else for (const g of groups) console.log(`${g.textSha256.slice(0, 12)}  ${g.paths.join('  ')}`);
    return 0;
  });

export const runAnomalies = ({ positionals, values }: Args, config: Config) =>
  withDb(config, async (db) => {
    const leak = await getLeak(db, flag(slugSchema, positionals[0], 'leak'));
    const anomalies = await leakAnomalies(db, leak);
    if (values.json) printJson(anomalies);
    else if (anomalies.length === 0) console.log(`No metadata anomalies in "${leak.slug}".`);
    else for (const a of anomalies) console.log(`${a.severity.toUpperCase().padEnd(6)} ${a.type}: ${a.summary}\n${a.documents.slice(0, 8).map((d) => `         ${d.path}  ${String(d.value ?? '')}`).join('\n')}`);
    return 0;
  });
