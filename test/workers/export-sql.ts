import type { Db } from '../../src/store/db.ts';

/** Tables that belong to the tools (migration journals, SQLite's and libSQL's own), not to Leakline. */
const SKIP = /^(sqlite_|libsql_|_cf_|__drizzle_migrations$|d1_migrations$)/;

/**
 * The rows of a libSQL database as INSERT statements a D1 database with the
 * same migrations accepts (`wrangler d1 execute --file`): tables in foreign-key
 * order, since D1 always enforces foreign keys.
 */
export async function exportRows(db: Db): Promise<string> {
  const { rows } = await db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const tables = rows.map((r) => String(r.name)).filter((name) => !SKIP.test(name));
  const parents = new Map<string, string[]>();
  for (const table of tables) {
    const fks = await db.$client.execute({ sql: 'SELECT "table" AS parent FROM pragma_foreign_key_list(?)', args: [table] });
    parents.set(table, fks.rows.map((r) => String(r.parent)).filter((p) => p !== table));
  }
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const parent of parents.get(table) ?? []) if (tables.includes(parent)) visit(parent);
    ordered.push(table);
  };
  tables.forEach(visit);

  const out: string[] = [];
  for (const table of ordered) {
    const result = await db.$client.execute(`SELECT * FROM "${table}"`);
    const columns = result.columns.map((c) => `"${c}"`).join(', ');
    for (const row of result.rows) {
      const values = result.columns.map((_, i) => literal(row[i])).join(', ');
      out.push(`INSERT INTO "${table}" (${columns}) VALUES (${values});`);
    }
  }
  return `${out.join('\n')}\n`;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof ArrayBuffer) return `X'${Buffer.from(value).toString('hex')}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}
