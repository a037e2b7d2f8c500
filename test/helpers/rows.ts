import type { Db } from '../../src/store/db.ts';

/** Everything a leak holds, in a stable order, without ids that differ between runs. */
export async function snapshotLeak(db: Db, slug: string) {
  const files = await db.$client.execute({
    sql: `SELECT f.path, f.parent_path, d.key, d.status, d.error_code, d.format, d.words, d.fingerprints, d.text_sha256, d.simhash
          FROM leak_files f JOIN documents d ON d.id = f.document_id JOIN leaks l ON l.id = f.leak_id
          WHERE l.slug = ? ORDER BY f.path`,
    args: [slug],
  });
  const fingerprints = await db.$client.execute({
    sql: `SELECT d.key, fp.hash, fp.offset FROM fingerprints fp JOIN documents d ON d.id = fp.document_id
          WHERE d.id IN (SELECT f.document_id FROM leak_files f JOIN leaks l ON l.id = f.leak_id WHERE l.slug = ?)
          ORDER BY d.key, fp.hash, fp.offset`,
    args: [slug],
  });
  return { files: files.rows.map((r) => ({ ...r })), fingerprints: fingerprints.rows.map((r) => `${r.key}:${r.hash}:${r.offset}`) };
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['leaks', 'documents', 'document_texts', 'leak_files', 'fingerprints', 'jobs']) {
    const r = await db.$client.execute(`SELECT COUNT(*) AS n FROM ${table}`);
    out[table] = Number(r.rows[0]!.n);
  }
  return out;
}
