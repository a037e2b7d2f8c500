import { z } from 'zod';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { STAGES, type Stage } from '../domain/stages/registry.ts';
import { openDb } from '../store/db.ts';
import { deleteDomain, listDomains, upsertDomain } from '../store/domains.ts';
import { flag, printJson } from './args.ts';

const stageSchema = z.enum(STAGES as [Stage, ...Stage[]], { error: 'use drop, amplification or mainstream' });

/** `leakline domains add|list|remove`: the stage registry. */
export async function runDomains({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  const [action, pattern] = positionals;
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    if (action === 'add') {
      if (!pattern) throw new DomainError('usage', 'leakline domains add paste.example --stage drop [--tier 1] [--label "paste site"]');
      const row = await upsertDomain(db, {
        pattern,
        stage: flag(stageSchema, values.stage, 'stage'),
        tier: values.tier === undefined ? null : flag(z.coerce.number().int().min(1).max(3), values.tier, 'tier'),
        label: (values.label as string | undefined) ?? null,
        platform: (values.platform as string | undefined) ?? null,
      });
      if (values.json) printJson(row);
      else console.log(`${row.pattern}: ${row.stage}${row.tier ? ` (tier ${row.tier})` : ''}`);
    } else if (action === 'remove') {
      if (!pattern) throw new DomainError('usage', 'leakline domains remove paste.example');
      await deleteDomain(db, pattern);
      if (!values.json) console.log(`removed ${pattern}`);
    } else if (action === 'list' || action === undefined) {
      const rows = await listDomains(db, values.stage === undefined ? undefined : flag(stageSchema, values.stage, 'stage'));
      if (values.json) printJson(rows);
      else for (const r of rows) console.log(`${r.stage.padEnd(14)} ${r.tier ? `tier ${r.tier}` : '      '}  ${r.pattern.padEnd(32)} ${r.label ?? ''}`);
    } else throw new DomainError('usage', `Unknown action "${action}": use add, list or remove.`);
    return 0;
  } finally {
    db.$client.close();
  }
}
