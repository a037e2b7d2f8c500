import type { Client, InArgs, InStatement, InValue, ResultSet, Row, Transaction, TransactionMode, Value } from '@libsql/client';

/**
 * The part of Cloudflare's D1 binding this adapter uses, declared here so the
 * project needs no `@cloudflare/workers-types` (whose globals would clash
 * with Node's in the one tsconfig).
 */
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
  exec(sql: string): Promise<unknown>;
}

export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  all(): Promise<D1Result>;
}

export interface D1Result {
  results?: Record<string, unknown>[];
  meta?: { changes?: number; last_row_id?: number };
}

/**
 * A libSQL `Client` over a D1 database, for the stores' raw SQL
 * (`execute({ sql, args })` → `{ rows }`, `batch(statements, mode)`).
 *
 * Differences the callers must live with: D1 has no interactive transactions
 * (`transaction()` rejects; `batch` runs its statements atomically, as
 * libSQL's does), only positional `?` arguments, no declared column types, and
 * a row's columns come from D1's row objects (two result columns with the same
 * name collapse into one, so alias them). D1 binds at most 100 arguments per
 * statement: a statement with more (the fingerprint lookups send up to 500)
 * gets them written into its SQL as literals instead.
 *
 * @example
 * const client = createD1Client(env.DB);
 * const { rows } = await client.execute({ sql: 'SELECT slug FROM leaks WHERE id = ?', args: [1] });
 */
export function createD1Client(d1: D1Database): Client {
  const prepare = (stmt: InStatement | [string, InArgs?]): D1PreparedStatement => {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: undefined } : Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] } : stmt;
    if (args === undefined) return d1.prepare(sql);
    const values = toD1Args(args);
    // the stores look hashes up 500 at a time; D1 binds at most 100 per statement
    if (values.length > D1_MAX_BOUND) return d1.prepare(inlineArgs(sql, values));
    return d1.prepare(sql).bind(...values);
  };
  let closed = false;
  const client: Client = {
    async execute(stmt: InStatement, args?: InArgs): Promise<ResultSet> {
      const statement = typeof stmt === 'string' && args !== undefined ? { sql: stmt, args } : stmt;
      return toResultSet(await prepare(statement).all());
    },
    async batch(stmts: Array<InStatement | [string, InArgs?]>, _mode?: TransactionMode): Promise<ResultSet[]> {
      if (stmts.length === 0) return [];
      // d1.batch runs the statements in one implicit transaction, all or none
      const results = await d1.batch(stmts.map(prepare));
      return results.map(toResultSet);
    },
    async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      return client.batch(stmts, 'deferred');
    },
    async transaction(): Promise<Transaction> {
      throw new Error('D1 has no interactive transactions: group the statements in one batch([...]) instead.');
    },
    async executeMultiple(sql: string): Promise<void> {
      await d1.exec(sql);
    },
    async sync() {
      throw new Error('A D1 database is not an embedded replica: there is nothing to sync.');
    },
    close() {
      // the binding belongs to the Worker's environment: nothing to release
      closed = true;
    },
    reconnect() {
      closed = false;
    },
    get closed() {
      return closed;
    },
    protocol: 'd1',
  };
  return client;
}

/** D1's limit on bound parameters per statement. */
const D1_MAX_BOUND = 100;

type D1Value = null | number | string | ArrayBuffer;

/** libSQL's argument values as D1 binds them: booleans and dates become numbers, as libSQL stores them. */
function toD1Args(args: InArgs): D1Value[] {
  if (!Array.isArray(args)) throw new Error('D1 takes positional arguments (?) only, not named ones.');
  return args.map(toD1Value);
}

function toD1Value(value: InValue): D1Value {
  if (value === undefined) throw new TypeError('An SQL argument is undefined: pass null for NULL.');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`${value} is beyond the integers D1 can bind exactly.`);
    return Number(value);
  }
  if (value instanceof Date) return value.valueOf();
  if (value instanceof Uint8Array) return value.slice().buffer;
  return value;
}

/**
 * The statement with each `?` outside string literals, quoted names and
 * comments replaced by its argument written as an SQL literal.
 *
 * @example
 * inlineArgs('SELECT * FROM t WHERE a IN (?, ?) AND b = \'?\'', [1, "it's"]);
 * // "SELECT * FROM t WHERE a IN (1, 'it''s') AND b = '?'"
 */
export function inlineArgs(sql: string, args: readonly D1Value[]): string {
  let out = '';
  let next = 0;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    let end = i + 1;
    if (ch === "'" || ch === '"' || ch === '`') {
      // a doubled quote inside is an escaped one: scanning on from it finds the real end
      end = skipTo(ch, i + 1);
      while (sql[end] === ch) end = skipTo(ch, end + 1);
    } else if (ch === '[') end = skipTo(']', i + 1);
    else if (ch === '-' && sql[i + 1] === '-') end = skipTo('\n', i + 2);
    else if (ch === '/' && sql[i + 1] === '*') end = skipTo('*/', i + 2);
    else if (ch === '?') {
      if (/[0-9]/.test(sql[i + 1] ?? '')) throw new Error('Numbered parameters (?NNN) cannot be written as literals: use plain ? placeholders.');
      if (next >= args.length) throw new Error(`The statement has more ? placeholders than its ${args.length} arguments.`);
      out += sqlLiteral(args[next++]!);
      i += 1;
      continue;
    }
    out += sql.slice(i, end);
    i = end;
  }
  if (next !== args.length) throw new Error(`The statement has ${next} ? placeholders for ${args.length} arguments.`);
  return out;
}

function sqlLiteral(value: D1Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} cannot be stored in SQLite.`);
    // parenthesised when negative, so that `x-?` cannot become the comment `x--1`
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'string') return value.includes('\0') ? `CAST(${blobLiteral(new TextEncoder().encode(value))} AS TEXT)` : `'${value.replaceAll("'", "''")}'`;
  return blobLiteral(new Uint8Array(value));
}

function blobLiteral(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `X'${hex}'`;
}

/** D1 hands BLOBs back as arrays of byte values; libSQL as ArrayBuffers. */
function fromD1Value(value: unknown): Value {
  if (Array.isArray(value)) return new Uint8Array(value as number[]).buffer;
  return value as Value;
}

function toResultSet(result: D1Result): ResultSet {
  const objects = result.results ?? [];
  const columns = objects.length > 0 ? Object.keys(objects[0]!) : [];
  const rows = objects.map((o) => toRow(columns, columns.map((c) => fromD1Value(o[c]))));
  const rowsAffected = result.meta?.changes ?? 0;
  const lastInsertRowid = rowsAffected > 0 && result.meta?.last_row_id != null ? BigInt(result.meta.last_row_id) : undefined;
  return {
    columns,
    columnTypes: columns.map(() => ''),
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes: columns.map(() => ''), rows: rows.map((r) => Array.from(r as ArrayLike<Value>)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** A row as libSQL builds one: named columns (enumerable), plus indexes and a length (not enumerable). */
function toRow(columns: string[], values: Value[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, 'length', { value: values.length });
  values.forEach((value, i) => {
    Object.defineProperty(row, i, { value });
    Object.defineProperty(row, columns[i]!, { value, enumerable: true });
  });
  return row;
}
