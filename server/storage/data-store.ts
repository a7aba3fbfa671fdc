/**
 * storage/: imported rows in Inlet's own database. data-store.ts is the one place imported tables are created, written
 * and read (SQLite and PostgreSQL); pg-copy.ts encodes batches for PostgreSQL's binary COPY.
 */
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { GuardFailed } from '../db/guard.js';
import { cellAt, type CellValue, type ColumnType } from '../connectors/formats/format.js';
import type { StoredColumn } from '../imports/import.entity.js';
import type { Column, ColumnBatch } from '../pipeline/parallel-read.js';
import type { WindowRules, Winners } from '../pipeline/keyed-window.js';
import { binaryCopy, binaryCopyRows, COPY_HEADER, COPY_TRAILER } from './pg-copy.js';
import { countSqlite } from '../db/statement-count.js';

/** A SQL statement with `?` placeholders (rewritten to `$n` on PostgreSQL). */
export interface Statement {
  sql: string;
  params?: unknown[];
  /** When set, the statement must change exactly this many rows or the whole transaction rolls back (a guard). */
  expectChanges?: number;
}

/**
 * Where imported rows live: one table per import in Inlet's own database, with typed columns named `c0`, `c1`…
 * (source names are kept in the import, so any source name — quotes, `__proto__`, spaces — is safe).
 * SQLite goes through better-sqlite3 directly (prepared multi-row inserts, synchronous transactions that nothing can
 * interleave with); PostgreSQL through the pool with binary COPY (pg-copy.ts) and set-based SQL.
 */
export interface DataStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** The SQLite database file, whose write-ahead log another thread may checkpoint during a run; null on PostgreSQL. */
  readonly walFile: string | null;
  sqlType(type: ColumnType): string;
  /** Creates a table for these columns, with a unique key on `key` columns when given. */
  createTable(name: string, columns: StoredColumn[], key?: string[]): Promise<void>;
  dropTable(name: string): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  addColumn(table: string, column: StoredColumn): Promise<void>;
  /**
   * Creates (anew) a run's staging table; with `key`, the stage keeps one row per key as `lastPerKey` hands it over
   * (insert into it with the same `key`).
   */
  createStage(name: string, columns: StoredColumn[], key: StageKey | null): Promise<void>;
  /**
   * Appends the rows of a columnar batch (columns in `columns` order) at the indexes `rows` (every row when null);
   * `key` (into a stage created with it): a later row with the same key replaces an earlier one. Not one
   * transaction: SQLite writes a batch in time slices (SLICE_MS), so it is for a run's own stage, which one
   * publishing transaction makes visible.
   */
  insertColumns(table: string, columns: StoredColumn[], batch: ColumnBatch, rows?: Int32Array | null, key?: StageKey | null): Promise<void>;
  /**
   * How a run's keyed window (pipeline/keyed-window.ts) must compare rows so that it keeps the rows this store's keyed
   * stage would keep, for a stage of these column types keyed by the columns `key` (indexes), the greatest `newest`
   * winning; null when it cannot (the stage then takes every row read).
   */
  windowRules(types: ColumnType[], key: number[], newest: number | null): WindowRules | null;
  /**
   * Appends the rows a run's keyed window handed over (pipeline/keyed-window.ts: rows of a batch with their read
   * numbers, or COPY tuples from its arena on PostgreSQL) to a keyed stage created by this store with `key`.
   */
  insertWinners(table: string, columns: StoredColumn[], winners: Winners, key: StageKey): Promise<void>;
  /**
   * Ends the writing of a stage: every row inserted is stored (`ok`), or the writing is abandoned (a failed run).
   * PostgreSQL streams a stage's batches into one COPY, whose rows are stored only once it ends. `onePerKey`: the
   * keyed stage got one row per key already (a keyed window that never overflowed), so lastPerKey need not reduce it.
   */
  endStage(name: string, ok: boolean, onePerKey?: boolean): Promise<void>;
  /**
   * Statements (for a publishing transaction) that leave the last row per key of a keyed stage in `table`, with a
   * unique index on the key: SQLite's stage is that table already (it upserts as rows arrive); PostgreSQL's is
   * appended to by COPY and reduced here in one statement, then dropped.
   */
  lastPerKey(stage: string, columns: StoredColumn[], key: StageKey): { table: string; statements: Statement[] };
  /** Runs statements in one transaction: all or nothing. */
  transaction(statements: Statement[]): Promise<void>;
  count(table: string): Promise<number>;
  /** True when the table holds no rows (without counting them). */
  isEmpty(table: string): Promise<boolean>;
  /** Up to `limit` rows as plain values in `columns` order. */
  select(table: string, columns: StoredColumn[], limit: number): Promise<unknown[][]>;
}

/**
 * How a stage keeps one row per key: the key's storage columns, and the column whose greatest value wins (null: the
 * last row read wins; with a column, ties go to the last row, and a null loses to any value).
 */
export interface StageKey {
  key: string[];
  newest: string | null;
}

const quote = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
};
export { quote as quoteIdent };

const ROWS_PER_STATEMENT = 200;
const MAX_PARAMS = 30_000;

/**
 * SQLite writes are synchronous on the thread that serves requests: the longest this store writes before it lets the
 * event loop run (requests, timers such as a run's progress ticker). A batch is written in slices of this much time,
 * each its own transaction, with a turn of the event loop between them. Writers waiting for a slice queue up and the
 * loop wakes one per turn, so two runs inserting at once still give requests a turn every slice, not every two. The
 * stage a batch goes to is the run's own table, published in one transaction at the end, so slicing its inserts
 * changes nothing readers see.
 */
const SLICE_MS = 8;
let sliceStarted = performance.now();
/** Whether the current slice is over: the writer should wait for nextSlice (also for work on the rows before a store: run-engine.ts's keyed window). */
export const sliceOver = () => performance.now() - sliceStarted >= SLICE_MS;
const waiting: (() => void)[] = [];
function wakeNext(): void {
  const next = waiting.shift();
  sliceStarted = performance.now();
  next?.();
  if (waiting.length) setImmediate(wakeNext);
}
/** Waits for the next turn of the event loop that no other writer has taken. */
export function nextSlice(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(wakeNext);
  });
}

interface BetterSqlite {
  readonly name: string;
  readonly memory: boolean;
  prepare(sql: string): { run(...p: unknown[]): { changes: number }; all(...p: unknown[]): unknown[]; raw(on?: boolean): any; safeIntegers(on?: boolean): any; get(...p: unknown[]): unknown };
  exec(sql: string): void;
  transaction<T extends (...a: any[]) => any>(fn: T): T;
  inTransaction: boolean;
}

/** The data store for the data source's dialect. */
export function createDataStore(db: DataSource, countStatements = false): DataStore {
  if (db.options.type === 'postgres') return new PgDataStore(db);
  const handle = (db.driver as unknown as { databaseConnection: BetterSqlite }).databaseConnection;
  // On SQLite the store runs statements on the handle itself, past TypeORM's logger (INLET_COUNT_SQL counts them here).
  return new SqliteDataStore(countStatements ? countSqlite(handle) : handle);
}

class SqliteDataStore implements DataStore {
  readonly dialect = 'sqlite' as const;
  readonly walFile: string | null;
  private readonly statements = new Map<string, ReturnType<BetterSqlite['prepare']>>();
  constructor(private readonly db: BetterSqlite) {
    this.walFile = db.memory ? null : db.name;
  }

  sqlType(type: ColumnType): string {
    // Timestamps are epoch milliseconds: cheap to write (no ISO formatting per row) and they compare as numbers.
    return { STRING: 'TEXT', INTEGER: 'INTEGER', FLOAT: 'REAL', BOOLEAN: 'INTEGER', DATE: 'TEXT', TIMESTAMP: 'INTEGER' }[type];
  }

  /** TypeORM may hold a transaction open across awaits on the shared connection; wait for it so ours stays separate. */
  private async exclusive<T>(fn: () => T): Promise<T> {
    while (this.db.inTransaction) await new Promise((r) => setImmediate(r));
    return this.db.transaction(fn)();
  }

  private prepared(sql: string) {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
      if (this.statements.size > 500) this.statements.delete(this.statements.keys().next().value!);
    }
    return stmt;
  }

  async createTable(name: string, columns: StoredColumn[], key?: string[]): Promise<void> {
    const defs = columns.map((c) => `${quote(c.column)} ${this.sqlType(c.type)}`).join(', ');
    await this.exclusive(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${quote(name)} (${defs})`);
      if (key?.length) this.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${quote(name + '_key')} ON ${quote(name)} (${key.map(quote).join(', ')})`);
    });
  }

  async dropTable(name: string): Promise<void> {
    await this.exclusive(() => this.db.exec(`DROP TABLE IF EXISTS ${quote(name)}`));
  }

  /** A keyed stage has the key's unique index: rows upsert as they arrive (insertColumns), so it is its own last-per-key. */
  async createStage(name: string, columns: StoredColumn[], key: StageKey | null): Promise<void> {
    await this.dropTable(name);
    await this.createTable(name, columns, key?.key);
  }

  lastPerKey(stage: string): { table: string; statements: Statement[] } {
    return { table: stage, statements: [] };
  }

  async endStage(): Promise<void> {}

  /**
   * A window keeps what the keyed stage's upserts keep when it compares as SQLite does: keys by their COPY bytes are
   * SQLite's equality for text only (an INTEGER key's 1.5 would be 1 there, a FLOAT's NaN is a distinct NULL here, a
   * DATE is stored as the text it came as), so other keys go without a window; a newest TIMESTAMP is compared as the
   * number stored (epoch ms; NaN stored as null), a DATE (stored as its text) goes without. With no arena, the rows a
   * window holds past its bytes are upserted early, which the stage's upserts make right.
   */
  windowRules(types: ColumnType[], key: number[], newest: number | null): WindowRules | null {
    if (!key.every((c) => types[c] === 'STRING')) return null;
    if (newest !== null && types[newest] !== 'TIMESTAMP') return null;
    return { arena: false, newestValue: (col) => sqliteNumbers('TIMESTAMP', col) };
  }

  /** Upserted as any keyed batch (the window hands one row per key, in read order from one hand-over to the next). */
  async insertWinners(table: string, columns: StoredColumn[], winners: Winners, key: StageKey): Promise<void> {
    if ('body' in winners) throw new Error('SQLite stages take columns, not COPY tuples');
    await this.insertColumns(table, columns, winners.batch, winners.rows, key);
  }

  async tableExists(name: string): Promise<boolean> {
    return Boolean(this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name));
  }

  /** Adds a storage column; one that exists already is left as it is (like PostgreSQL's ADD COLUMN IF NOT EXISTS). */
  async addColumn(table: string, column: StoredColumn): Promise<void> {
    if (this.db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column.column)) return;
    await this.exclusive(() => this.db.exec(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote(column.column)} ${this.sqlType(column.type)}`));
  }

  async insertColumns(table: string, columns: StoredColumn[], batch: ColumnBatch, rows: Int32Array | null = null, key?: StageKey | null): Promise<void> {
    const count = rows ? rows.length : batch.length;
    if (!count) return;
    const width = columns.length;
    const { perStatement, sqlFor } = insertSql(table, columns, key);
    // Column by column: each fill is one tight loop over one typed array, with no row arrays or Date objects.
    const fills = columns.map((c, i) => sqliteFill(c.type, batch.columns[i]));
    const full = count >= perStatement ? this.prepared(sqlFor(perStatement)) : null;
    let params = new Array(Math.min(perStatement, count) * width);
    let i = 0;
    // Statements in time slices (SLICE_MS): the rows in order, so an upsert's later row still wins.
    while (i < count) {
      if (sliceOver()) await nextSlice();
      i = await this.exclusive(() => {
        for (; i + perStatement <= count; i += perStatement) {
          for (let c = 0; c < width; c++) fills[c]!(params, c, width, rows, i, perStatement);
          full!.run(params);
          if (sliceOver()) return i + perStatement;
        }
        const left = count - i;
        if (left > 0) {
          if (params.length !== left * width) params = new Array(left * width);
          for (let c = 0; c < width; c++) fills[c]!(params, c, width, rows, i, left);
          this.prepared(sqlFor(left)).run(params);
        }
        return count;
      });
    }
  }

  async transaction(statements: Statement[]): Promise<void> {
    await this.exclusive(() => {
      for (const s of statements) {
        if (s.params?.length || s.expectChanges !== undefined) {
          const { changes } = this.db.prepare(s.sql).run(...(s.params ?? []));
          if (s.expectChanges !== undefined && changes !== s.expectChanges) throw new GuardFailed(changes);
        } else this.db.exec(s.sql);
      }
    });
  }

  async count(table: string): Promise<number> {
    if (!(await this.tableExists(table))) return 0;
    return Number((this.db.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number }).n);
  }

  async isEmpty(table: string): Promise<boolean> {
    return !this.db.prepare(`SELECT 1 FROM ${quote(table)} LIMIT 1`).get();
  }

  async select(table: string, columns: StoredColumn[], limit: number): Promise<unknown[][]> {
    if (!(await this.tableExists(table))) return [];
    const stmt = this.db.prepare(`SELECT ${columns.map((c) => quote(c.column)).join(', ')} FROM ${quote(table)} LIMIT ?`).raw(true).safeIntegers(true);
    return (stmt.all(limit) as unknown[][]).map((row) => row.map((v, i) => fromSqlite(columns[i]!.type, v)));
  }
}

/** The multi-row INSERT for `columns` (with the staging upsert when `key` is given), by rows per statement. */
function insertSql(table: string, columns: StoredColumn[], key?: StageKey | null): { perStatement: number; sqlFor: (rows: number) => string } {
  const width = columns.length;
  const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / Math.max(1, width))));
  // The key's own columns stay out of the SET: naming them makes SQLite rewrite the key's index entry on every
  // conflict (measured: 2M rows over 200k keys took 30 s that way against 18 s without, on a loaded machine).
  const updates = columns.filter((c) => !key?.key.includes(c.column)).map((c) => `${quote(c.column)} = excluded.${quote(c.column)}`);
  const newer = key?.newest ? ` WHERE excluded.${quote(key.newest)} >= ${quote(table)}.${quote(key.newest)} OR ${quote(table)}.${quote(key.newest)} IS NULL` : '';
  const conflict = key?.key.length ? ` ON CONFLICT (${key.key.map(quote).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}${newer}` : 'NOTHING'}` : '';
  const head = `INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.column)).join(', ')}) VALUES `;
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  return { perStatement, sqlFor: (n: number) => head + new Array(n).fill(tuple).join(', ') + conflict };
}

/** Writes the values of `count` rows (indexes `rows[from…]`, or `from…` when null) of a column into `params[offset + k * stride]`. */
type Fill = (params: unknown[], offset: number, stride: number, rows: Int32Array | null, from: number, count: number) => void;

/**
 * The SQLite values of a column of a batch: the same as `sqliteValue(type)` of each cell, read straight from the
 * typed arrays for the usual pairs (numbers, epoch-ms timestamps, booleans, text); any other pair goes cell by cell.
 */
function sqliteFill(type: ColumnType, col: Column | undefined): Fill {
  if (!col || col.kind === 'null') {
    return (params, offset, stride, _rows, _from, count) => {
      for (let k = 0, p = offset; k < count; k++, p += stride) params[p] = null;
    };
  }
  if ((col.kind === 'num' && type !== 'BOOLEAN') || (col.kind === 'date' && type === 'TIMESTAMP')) {
    // Numbers as they are; dates as epoch ms (what sqliteValue('TIMESTAMP') makes of a Date).
    const { values, nulls } = col;
    return (params, offset, stride, rows, from, count) => {
      for (let k = 0, p = offset; k < count; k++, p += stride) {
        const r = rows ? rows[from + k]! : from + k;
        params[p] = nulls !== null && nulls[r] ? null : values[r];
      }
    };
  }
  if (col.kind === 'bool' && type !== 'TIMESTAMP') {
    const values = col.values;
    return (params, offset, stride, rows, from, count) => {
      for (let k = 0, p = offset; k < count; k++, p += stride) {
        const v = values[rows ? rows[from + k]! : from + k];
        params[p] = v === 2 ? null : v;
      }
    };
  }
  if (col.kind === 'str' && type !== 'BOOLEAN' && type !== 'TIMESTAMP') {
    const values = col.values;
    return (params, offset, stride, rows, from, count) => {
      for (let k = 0, p = offset; k < count; k++, p += stride) params[p] = values[rows ? rows[from + k]! : from + k];
    };
  }
  if (col.kind === 'utf8' && type !== 'BOOLEAN' && type !== 'TIMESTAMP') {
    // Text still as the reader's bytes (a keyed window's rows, unpack's keepBytes): the strings utf8Values makes,
    // for the rows asked for only (a value without a byte above 0x7F is its bytes as latin1).
    const { bytes, ends, nulls, wide } = col;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let flags: Uint8Array | null = null;
    if (wide) {
      flags = new Uint8Array(ends.length);
      for (let k = 0; k < wide.length; k++) flags[wide[k]!] = 1;
    }
    return (params, offset, stride, rows, from, count) => {
      for (let k = 0, p = offset; k < count; k++, p += stride) {
        const r = rows ? rows[from + k]! : from + k;
        if (nulls !== null && nulls[r]) params[p] = null;
        else if (flags !== null && flags[r]) params[p] = cellAt(col, r);
        else params[p] = buffer.toString('latin1', r > 0 ? ends[r - 1]! : 0, ends[r]!);
      }
    };
  }
  const convert = sqliteValue(type);
  return (params, offset, stride, rows, from, count) => {
    for (let k = 0, p = offset; k < count; k++, p += stride) params[p] = convert(cellAt(col, rows ? rows[from + k]! : from + k));
  };
}

/** A column's cells as the numbers SQLite stores them as (sqliteFill's values), NaN for null: to compare as SQLite does. */
function sqliteNumbers(type: ColumnType, col: Column | undefined): (r: number) => number {
  const fill = sqliteFill(type, col);
  const one: unknown[] = [null];
  const at = new Int32Array(1);
  return (r) => {
    at[0] = r;
    fill(one, 0, 1, at, 0, 1);
    const v = one[0];
    return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
  };
}

function sqliteValue(type: ColumnType): (v: CellValue) => unknown {
  switch (type) {
    case 'BOOLEAN':
      return (v) => (v === null ? null : v ? 1 : 0);
    case 'TIMESTAMP':
      return (v) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : v);
    default:
      return (v) => (v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
}

function fromSqlite(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'TIMESTAMP') return new Date(Number(value)).toISOString();
  if (typeof value === 'bigint') {
    if (type === 'BOOLEAN') return value !== 0n;
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (type === 'BOOLEAN') return Boolean(value);
  return value;
}

/** A COPY into a stage, open across its batches. */
interface OpenCopy {
  stream: CopyStreamQuery;
  /** Settles when the server has stored every row (after the stream ends) or the COPY failed. */
  done: Promise<void>;
  release(): Promise<void>;
}

/** The column of a PostgreSQL keyed stage that numbers its rows in the order they were read. */
const ORDINAL = '_n';

class PgDataStore implements DataStore {
  readonly dialect = 'postgres' as const;
  readonly walFile = null;
  /**
   * The stages this process is writing (a run's stage is written by one process): the COPY streaming into each, and
   * the next row number of a keyed one.
   */
  private readonly stages = new Map<string, { ordinal: number | null; copy: OpenCopy | null }>();
  /** Keyed stages written with one row per key (endStage's `onePerKey`), until published or dropped. */
  private readonly onePerKey = new Set<string>();
  constructor(private readonly db: DataSource) {}

  sqlType(type: ColumnType): string {
    return { STRING: 'text', INTEGER: 'bigint', FLOAT: 'double precision', BOOLEAN: 'boolean', DATE: 'date', TIMESTAMP: 'timestamptz' }[type];
  }

  async createTable(name: string, columns: StoredColumn[], key?: string[]): Promise<void> {
    const defs = columns.map((c) => `${quote(c.column)} ${this.sqlType(c.type)}`).join(', ');
    await this.db.query(`CREATE TABLE IF NOT EXISTS ${quote(name)} (${defs})`);
    if (key?.length) await this.db.query(`CREATE UNIQUE INDEX IF NOT EXISTS ${quote(name + '_key')} ON ${quote(name)} (${key.map(quote).join(', ')})`);
  }

  async dropTable(name: string): Promise<void> {
    await this.endStage(name, false);
    this.onePerKey.delete(name);
    await this.db.query(`DROP TABLE IF EXISTS ${quote(name)}`);
  }

  /**
   * A keyed stage is appended to by COPY like any other (COPY cannot upsert), each row numbered in the order it was
   * read, and reduced to one row per key in one statement when the run publishes (lastPerKey). It is UNLOGGED: it is
   * read once and dropped in the publishing transaction, so its rows need not go through the write-ahead log (a run
   * that dies with the server starts again with a new stage).
   */
  async createStage(name: string, columns: StoredColumn[], key: StageKey | null): Promise<void> {
    await this.dropTable(name);
    if (key) {
      const defs = columns.map((c) => `${quote(c.column)} ${this.sqlType(c.type)}`).join(', ');
      await this.db.query(`CREATE UNLOGGED TABLE ${quote(name)} (${defs}, ${quote(ORDINAL)} bigint NOT NULL)`);
    } else await this.createTable(name, columns);
    this.stages.set(name, { ordinal: key ? 0 : null, copy: null });
  }

  /**
   * A stage's batches go into one COPY that stays open across batches: PostgreSQL stores one batch while this thread
   * encodes the next (a COPY per batch waited for each to be stored before encoding the next).
   */
  private async streamInto(name: string, columns: string[], body: Buffer): Promise<void> {
    const stage = this.stages.get(name)!;
    if (!stage.copy) {
      const runner = this.db.createQueryRunner();
      const client = (await runner.connect()) as { query(stream: CopyStreamQuery): CopyStreamQuery };
      const stream = client.query(copyFrom(`COPY ${quote(name)} (${columns.map(quote).join(', ')}) FROM STDIN (FORMAT binary)`));
      const done = new Promise<void>((resolve, reject) => {
        stream.once('finish', resolve);
        stream.on('error', reject);
      });
      done.catch(() => {}); // awaited by endStage; a failure also ends the next write
      stage.copy = { stream, done, release: () => runner.release() };
      stream.write(COPY_HEADER);
    }
    const { stream, done } = stage.copy;
    if (!stream.write(body)) await Promise.race([once(stream, 'drain'), done]);
  }

  async endStage(name: string, ok: boolean, onePerKey = false): Promise<void> {
    const stage = this.stages.get(name);
    this.stages.delete(name);
    if (ok && onePerKey && stage?.ordinal !== null && stage) this.onePerKey.add(name);
    const copy = stage?.copy;
    if (!copy) return;
    try {
      if (ok) {
        copy.stream.end(COPY_TRAILER);
        await copy.done;
      } else {
        // Destroying the stream sends CopyFail: the server drops what it received.
        copy.stream.destroy(new Error('stage abandoned'));
        await copy.done.catch(() => {});
      }
    } finally {
      await copy.release();
    }
  }

  /**
   * A stage written one row per key (endStage's `onePerKey`) is copied as it is, without its row numbers (its rows
   * into a logged table: the stage is UNLOGGED); any other is reduced by `DISTINCT ON`, the last read (or newest) row
   * per key by the numbers. The unique index is built either way: it would refuse a stage that was not one per key.
   */
  lastPerKey(stage: string, columns: StoredColumn[], key: StageKey): { table: string; statements: Statement[] } {
    const table = `${stage}_last`;
    const keys = key.key.map(quote).join(', ');
    const order = `${keys}, ${key.newest ? `${quote(key.newest)} DESC NULLS LAST, ` : ''}${quote(ORDINAL)} DESC`;
    const select = this.onePerKey.has(stage) ? '' : `DISTINCT ON (${keys}) `;
    return {
      table,
      statements: [
        { sql: `DROP TABLE IF EXISTS ${quote(table)}` },
        { sql: `CREATE TABLE ${quote(table)} AS SELECT ${select}${columns.map((c) => quote(c.column)).join(', ')} FROM ${quote(stage)}${select ? ` ORDER BY ${order}` : ''}` },
        { sql: `CREATE UNIQUE INDEX ${quote(`${table}_key`)} ON ${quote(table)} (${keys})` },
        { sql: `DROP TABLE ${quote(stage)}` },
      ],
    };
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT to_regclass($1) AS t`, [name]);
    return Boolean(rows[0]?.t);
  }

  async addColumn(table: string, column: StoredColumn): Promise<void> {
    await this.db.query(`ALTER TABLE ${quote(table)} ADD COLUMN IF NOT EXISTS ${quote(column.column)} ${this.sqlType(column.type)}`);
  }

  /**
   * Binary COPY (pg-copy.ts): into a stage, streamed into its one COPY (streamInto), a keyed stage's rows with their
   * numbers; into any other table, one COPY per batch.
   */
  async insertColumns(table: string, columns: StoredColumn[], batch: ColumnBatch, rows: Int32Array | null = null, key?: StageKey | null): Promise<void> {
    const count = rows ? rows.length : batch.length;
    if (!count) return;
    // A batch is encoded and written without waiting for anything when the COPY takes it at once, and the next one
    // is already queued: without a turn of the event loop between batches, a run kept requests waiting for its whole
    // read (bench:api on PostgreSQL: one 19.6 s stall of the main thread, the probe at p50 11-22 s).
    if (sliceOver()) await nextSlice();
    const stage = this.stages.get(table);
    if (!stage) {
      if (key) throw new Error(`${table} is not a keyed stage created by this process`);
      return this.copy(table, columns.map((c) => c.column), binaryCopy(columns, batch, rows));
    }
    const names = columns.map((c) => c.column);
    if (stage.ordinal === null) return this.streamInto(table, names, binaryCopyRows(columns, batch, rows));
    const first = stage.ordinal;
    stage.ordinal += count;
    await this.streamInto(table, [...names, ORDINAL], binaryCopyRows(columns, batch, rows, first));
  }

  /** Keys by their COPY bytes are PostgreSQL's equality (floats made one key per value by the window); a newest column must be a time. */
  windowRules(types: ColumnType[], _key: number[], newest: number | null): WindowRules | null {
    if (newest !== null && !['DATE', 'TIMESTAMP'].includes(types[newest] ?? '')) return null;
    return { arena: true, newestValue: null };
  }

  /** Streamed into the stage's COPY as tuples with their read numbers (rows of a batch encoded here; the arena's as they are). */
  async insertWinners(table: string, columns: StoredColumn[], winners: Winners): Promise<void> {
    const stage = this.stages.get(table);
    if (!stage || stage.ordinal === null) throw new Error(`${table} is not a keyed stage created by this process`);
    if (sliceOver()) await nextSlice();
    const body = 'body' in winners ? Buffer.from(winners.body.buffer, winners.body.byteOffset, winners.body.byteLength) : binaryCopyRows(columns, winners.batch, winners.rows, winners.ordinals);
    if (!body.length) return;
    await this.streamInto(table, [...columns.map((c) => c.column), ORDINAL], body);
  }

  private async copy(table: string, columns: string[], body: Buffer): Promise<void> {
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as { query(stream: CopyStreamQuery): CopyStreamQuery };
    try {
      const sql = `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN (FORMAT binary)`;
      await pipeline(Readable.from([body]), client.query(copyFrom(sql)));
    } finally {
      await runner.release();
    }
  }

  async transaction(statements: Statement[]): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      for (const s of statements) {
        const result = await runner.query(toDollar(s.sql), (s.params ?? []).map((v) => pgValue(v as CellValue)), true);
        if (s.expectChanges !== undefined && result.affected !== s.expectChanges) throw new GuardFailed(result.affected ?? 0);
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async count(table: string): Promise<number> {
    if (!(await this.tableExists(table))) return 0;
    const rows = await this.db.query(`SELECT COUNT(*)::bigint AS n FROM ${quote(table)}`);
    return Number(rows[0].n);
  }

  async isEmpty(table: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM ${quote(table)} LIMIT 1`)).length === 0;
  }

  async select(table: string, columns: StoredColumn[], limit: number): Promise<unknown[][]> {
    if (!(await this.tableExists(table))) return [];
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT ${columns.map((c) => quote(c.column)).join(', ')} FROM ${quote(table)} LIMIT $1`, [limit]);
    return rows.map((row) => columns.map((c) => fromPg(c.type, row[c.column])));
  }
}

function pgValue(v: CellValue): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}

function fromPg(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'INTEGER') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : String(value);
  }
  if (type === 'DATE') return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
  if (type === 'TIMESTAMP') return value instanceof Date ? value.toISOString() : String(value);
  return value;
}

/** `?` placeholders → `$1…` (our statements never contain `?` inside literals). */
function toDollar(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
