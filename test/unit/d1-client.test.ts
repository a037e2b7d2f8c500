import { createClient, type Client, type InValue } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createD1Client, inlineArgs, type D1Database, type D1PreparedStatement } from '../../src/entry/d1-client.ts';

/**
 * A stand-in for a D1 binding over an in-memory libSQL database, answering
 * the way D1 does: row objects, BLOBs as arrays of bytes, `meta.changes`, and
 * at most 100 bound parameters per statement. (The real D1 runs in
 * test/workers/worker.test.ts under wrangler dev.)
 */
function fakeD1(client: Client): D1Database {
  const statement = (sql: string, values: unknown[] = []): D1PreparedStatement => ({
    bind: (...bound) => statement(sql, bound),
    async all() {
      if (values.length > 100) throw new Error('D1_ERROR: too many SQL variables: SQLITE_ERROR');
      const r = await client.execute({ sql, args: values as InValue[] });
      const results = r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i] instanceof ArrayBuffer ? [...new Uint8Array(row[i])] : row[i]])));
      return { results, meta: { changes: r.rowsAffected, last_row_id: Number(r.lastInsertRowid ?? 0) } };
    },
  });
  return {
    prepare: (sql) => statement(sql),
    batch: async (statements) => {
      const out = [];
      for (const s of statements) out.push(await s.all());
      return out;
    },
    exec: (sql) => client.executeMultiple(sql),
  };
}

describe('the D1 client adapter', () => {
  let libsql: Client;
  let d1: Client;

  beforeAll(async () => {
    libsql = createClient({ url: ':memory:' });
    await libsql.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, data BLOB);');
    d1 = createD1Client(fakeD1(libsql));
  });
  afterAll(() => libsql.close());

  it('executes a string or { sql, args } and answers rows as libSQL does: by name and by index', async () => {
    const inserted = await d1.execute({ sql: 'INSERT INTO t (name, n, data) VALUES (?, ?, ?)', args: ['memo', 42, new Uint8Array([1, 2, 255])] });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    const { rows, columns } = await d1.execute('SELECT id, name, n, data FROM t');
    expect(columns).toEqual(['id', 'name', 'n', 'data']);
    expect(rows[0]!.name).toBe('memo');
    expect(rows[0]![2]).toBe(42);
    expect(rows[0]!.length).toBe(4);
    expect([...new Uint8Array(rows[0]!.data as ArrayBuffer)]).toEqual([1, 2, 255]);
    // spreading a row gives its named columns only, as with libSQL
    expect({ ...rows[0] }).toEqual({ id: 1, name: 'memo', n: 42, data: expect.any(ArrayBuffer) });
  });

  it('runs a batch in order and returns one result per statement', async () => {
    const results = await d1.batch(
      [
        { sql: 'INSERT INTO t (name, n) VALUES (?, ?)', args: ['a', 1] },
        ['INSERT INTO t (name, n) VALUES (?, ?)', ['b', true]],
        { sql: 'SELECT name, n FROM t WHERE name IN (?, ?) ORDER BY name', args: ['a', 'b'] },
      ],
      'write',
    );
    expect(results).toHaveLength(3);
    expect(results[2]!.rows.map((r) => [r.name, r.n])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(await d1.batch([], 'read')).toEqual([]);
  });

  it('writes more than 100 arguments into the SQL, with the same answer as binding them', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => i - 5);
    const sql = `SELECT count(*) AS n, '?' AS q /* ? */ FROM t WHERE n-? < 0 OR id IN (${ids.map(() => '?').join(',')}) -- ?\n AND name <> ?`;
    const args = [-1, ...ids, "it's -- not /* a comment"];
    const viaD1 = await d1.execute({ sql, args });
    const viaLibsql = await libsql.execute({ sql, args });
    expect({ ...viaD1.rows[0] }).toEqual({ ...viaLibsql.rows[0] });
    expect(viaD1.rows[0]!.q).toBe('?');
  });

  it('writes strings, NULs, blobs and negative numbers as literals SQLite reads back unchanged', async () => {
    const values = ["O'Brien", '"quoted" `ticks` [brackets]', null, -3.5, 2 ** 52];
    const padding = Array.from({ length: 100 }, () => 0);
    const { rows } = await d1.execute({
      sql: `SELECT ? AS a, ? AS b, ? AS c, ? AS d, ? AS e, hex(?) AS nul, hex(?) AS blob WHERE 0 NOT IN (${padding.map(() => '?').join(',')}) OR 1`,
      args: [...values, 'nul\0inside', new Uint8Array([0, 39, 255]), ...padding],
    });
    // hex() because libSQL's reader stops a text value at a NUL: the stored bytes are whole
    expect(Object.values({ ...rows[0] })).toEqual([...values, '6E756C00696E73696465', '0027FF']);
  });

  it('inlines placeholders only outside literals, names and comments', () => {
    expect(inlineArgs(`SELECT "a?", [b?], \`c?\`, 'd''?' FROM t WHERE x = ? -- ?\n AND y = ?`, [1, 'z'])).toBe(`SELECT "a?", [b?], \`c?\`, 'd''?' FROM t WHERE x = 1 -- ?\n AND y = 'z'`);
    expect(() => inlineArgs('SELECT ?, ?', [1])).toThrow(/more \? placeholders/);
    expect(() => inlineArgs('SELECT ?1', [1])).toThrow(/Numbered/);
  });

  it('says plainly what D1 cannot do', async () => {
    await expect(d1.transaction('write')).rejects.toThrow(/no interactive transactions.*batch/);
    await expect(d1.execute({ sql: 'SELECT :a', args: { a: 1 } })).rejects.toThrow(/positional/);
    await expect(d1.execute({ sql: 'SELECT ?', args: [undefined as unknown as null] })).rejects.toThrow(/undefined/);
    d1.close();
    expect(d1.closed).toBe(true);
  });
});
