import { z } from 'zod';
import type { Config } from '../config.ts';
import { isoDateSchema, slugSchema } from '../queue/jobs.ts';
import { openDb } from '../store/db.ts';
import { getLeak } from '../store/leaks.ts';
import { listSightings } from '../store/sightings.ts';
import { flag, printJson } from './args.ts';

const optional = <T>(schema: z.ZodType<T>, value: unknown, name: string) => (value === undefined ? undefined : flag(schema, value, name));

/** `leakline sightings <leak>`: what was found, oldest first, with evidence. */
export async function runSightings({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    const leak = await getLeak(db, flag(slugSchema, positionals[0], 'leak'));
    const { items } = await listSightings(db, leak, {
      stage: optional(z.enum(['drop', 'amplification', 'mainstream', 'unclassified']), values.stage, 'stage'),
      kind: optional(z.enum(['exact', 'excerpt', 'near', 'altered', 'link']), values.kind, 'kind'),
      domain: values.domain as string | undefined,
      since: optional(isoDateSchema, values.since, 'since'),
      until: optional(isoDateSchema, values.until, 'until'),
      limit: optional(z.coerce.number().int().positive(), values.limit, 'limit') ?? 1_000_000,
      offset: 0,
    });
    if (values.json) printJson(items);
    else {
      for (const s of items) {
        const when = s.publishedAt ? `${s.publishedAt} (claimed)` : `${s.observedAt} (observed)`;
        console.log(`${when}  ${s.stage.padEnd(13)} ${s.kind.padEnd(8)} ${s.similarity.toFixed(2)}  ${s.url}`);
      }
      if (items.length === 0) console.log(`No sightings of "${leak.slug}" yet: crawl pages (leakline crawl URL) or import posts (leakline import-posts FILE --format F).`);
    }
    return 0;
  } finally {
    db.$client.close();
  }
}
