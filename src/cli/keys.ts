import { z } from 'zod';
import type { Config } from '../config.ts';
import { ROLES, type Role } from '../domain/auth/roles.ts';
import { DomainError } from '../domain/errors.ts';
import { openDb } from '../store/db.ts';
import { audit, createApiKey, listApiKeys, listAudit, revokeApiKey } from '../store/keys.ts';
import { flag, printJson } from './args.ts';

/** `leakline keys create|list|revoke` and `leakline audit`: access for the API and the dashboard. */
export async function runKeys({ positionals, values }: { positionals: string[]; values: Record<string, unknown> }, config: Config): Promise<number> {
  const [action = 'list', id] = positionals;
  const db = await openDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    if (action === 'create') {
      const role = flag(z.enum(ROLES as [Role, ...Role[]], { error: 'use reader, analyst or admin' }), values.role, 'role');
      const created = await createApiKey(db, role, (values.label as string | undefined) ?? null);
      await audit(db, { actor: 'cli', role: null, action: 'keys.create', target: created.id, detail: role });
      if (values.json) printJson(created);
      else console.log(`${created.role} key ${created.id}:\n\n  ${created.key}\n\nIt is shown only now; Leakline keeps only its hash. Send it as: Authorization: Bearer <key>`);
    } else if (action === 'list') {
      const keys = await listApiKeys(db);
      if (values.json) printJson(keys);
      else for (const k of keys) console.log(`${k.id}  ${k.role.padEnd(8)} ${k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`}  ${k.label ?? ''}`);
    } else if (action === 'revoke') {
      if (!id) throw new DomainError('usage', 'Give the key id: leakline keys revoke key_…');
      await revokeApiKey(db, id);
      await audit(db, { actor: 'cli', role: null, action: 'keys.revoke', target: id });
      if (!values.json) console.log(`revoked ${id}`);
    } else if (action === 'audit') {
      const entries = await listAudit(db, { limit: 1000 });
      if (values.json) printJson(entries);
      else for (const e of entries) console.log(`${e.at}  ${e.actor.padEnd(16)} ${e.action.padEnd(20)} ${e.target ?? ''} ${e.detail ?? ''}`);
    } else throw new DomainError('usage', `Unknown action "${action}": use create, list, revoke or audit.`);
    return 0;
  } finally {
    db.$client.close();
  }
}
