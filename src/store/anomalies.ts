import { findAnomalies, type Anomaly } from '../domain/forensics/index.ts';
import type { Db } from './db.ts';
import type { Leak } from './leaks.ts';

/** The dump-forensics anomalies of a leak, from the metadata of its extracted documents. */
export async function leakAnomalies(db: Db, leak: Leak): Promise<Anomaly[]> {
  const { rows } = await db.$client.execute({
    sql: `SELECT d.id, f.path, d.format, d.metadata FROM leak_files f JOIN documents d ON d.id = f.document_id WHERE f.leak_id = ? AND d.status = 'ok' ORDER BY f.path`,
    args: [leak.id],
  });
  const docs = rows.map((r) => ({ id: Number(r.id), path: String(r.path), format: String(r.format), metadata: JSON.parse(String(r.metadata)) as Record<string, unknown> }));
  return findAnomalies(docs, { droppedAt: leak.droppedAt });
}
