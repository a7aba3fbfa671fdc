// A small SQL adapter for the ingest tables, the same on SQLite and PostgreSQL: SQLite goes straight to better-sqlite3
// (prepared statements, a synchronous transaction nothing can interleave with), PostgreSQL through TypeORM's pg pool.
// Raw SQL keeps the hot path (hundreds of thousands of rows a second) free of ORM overhead. Each statement counts for
// INLET_COUNT_SQL (db/statement-count.ts) like TypeORM's; db/rows.ts reads entities through it.
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { countStatement } from '../db/statement-count.js';
import { PreparedNames } from './prepared-names.js';

/** A statement with `?` placeholders (rewritten to `$n` on PostgreSQL). */
export interface Stmt {
  sql: string;
  params?: unknown[];
}

export interface StmtResult {
  changes: number;
  rows: Record<string, unknown>[];
}

/** What the ingest module needs from a database. */
export interface IngestSql {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * The rows of one statement. `prepared`: a statement the caller sends again and again with other values (a list's
   * page, its loaders), which PostgreSQL then keeps prepared on each pooled connection instead of planning it anew
   * each time (prepared-names.ts); only for texts that name their columns, since a kept plan's result may not change shape.
   */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: { prepared?: boolean }): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Runs statements in one transaction, all or nothing. `durable` makes SQLite sync the write-ahead log at commit
   * (synchronous=FULL for this transaction), so an acknowledged batch survives power loss, not only a process crash.
   * `lockKey` (PostgreSQL) serializes transactions with the same key, so positions become visible in order.
   */
  batch(statements: Stmt[], options?: { durable?: boolean; lockKey?: string; returning?: boolean }): Promise<StmtResult[]>;
  /** SQLite: the database file, for a reader of its own on another thread (null in memory; undefined on PostgreSQL). */
  readonly file?: string | null;
}

interface BetterSqlite {
  prepare(sql: string): { run(...p: unknown[]): { changes: number }; all(...p: unknown[]): unknown[]; reader: boolean };
  pragma(s: string): unknown;
  readonly name: string;
  readonly memory: boolean;
  transaction<T extends (...a: any[]) => any>(fn: T): T;
  inTransaction: boolean;
}

/** The adapter for the data source's dialect. */
export function ingestSql(db: DataSource): IngestSql {
  if (db.options.type === 'postgres') return new PgSql((db.driver as unknown as { master: Pool }).master);
  return new SqliteSql((db.driver as unknown as { databaseConnection: BetterSqlite }).databaseConnection);
}

class SqliteSql implements IngestSql {
  readonly dialect = 'sqlite' as const;
  private readonly cache = new Map<string, ReturnType<BetterSqlite['prepare']>>();
  constructor(private readonly db: BetterSqlite) {}

  get file(): string | null {
    return this.db.memory ? null : this.db.name;
  }

  private prepared(sql: string) {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
      if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value!);
    }
    return s;
  }

  /** TypeORM may hold a transaction open across awaits on the shared connection; wait for it so ours stays separate. */
  private async free(): Promise<void> {
    while (this.db.inTransaction) await new Promise((r) => setImmediate(r));
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    countStatement();
    return this.prepared(sql).all(...params) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    await this.free();
    countStatement();
    return this.prepared(sql).run(...params).changes;
  }

  async batch(statements: Stmt[], options: { durable?: boolean; returning?: boolean } = {}): Promise<StmtResult[]> {
    await this.free();
    const exec = this.db.transaction(() => {
      // A group commit runs one statement thousands of times: it is looked up once per run of equal statements.
      let lastSql = '';
      let stmt: ReturnType<BetterSqlite['prepare']> | null = null;
      return statements.map((s) => {
        countStatement();
        if (s.sql !== lastSql || !stmt) (stmt = this.prepared(s.sql)), (lastSql = s.sql);
        if (stmt.reader) {
          const rows = stmt.all(...(s.params ?? [])) as Record<string, unknown>[];
          return { changes: rows.length, rows };
        }
        return { changes: stmt.run(...(s.params ?? [])).changes, rows: [] };
      });
    });
    if (!options.durable) return exec();
    this.db.pragma('synchronous = FULL');
    try {
      return exec();
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`, …. */
export const toDollar = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

class PgSql implements IngestSql {
  readonly dialect = 'postgres' as const;
  private readonly named = new PreparedNames(toDollar);
  constructor(private readonly pool: Pool) {}

  async all<T>(sql: string, params: unknown[] = [], options: { prepared?: boolean } = {}): Promise<T[]> {
    countStatement();
    const name = options.prepared ? this.named.nameOf(sql) : null;
    if (!name) return (await this.pool.query(toDollar(sql), params)).rows as T[];
    return (await this.pool.query({ name: name.name, text: name.text, values: params })).rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    countStatement();
    return (await this.pool.query(toDollar(sql), params)).rowCount ?? 0;
  }

  async batch(statements: Stmt[], options: { lockKey?: string } = {}): Promise<StmtResult[]> {
    const client: PoolClient = await this.pool.connect();
    // A checked-out client has no listener of the pool's: when its connection dies while the batch holds it
    // (PostgreSQL restarted, a failover, pg_terminate_backend), pg emits 'error' on it as the socket ends, even after
    // the statement in flight failed, and an 'error' nobody listens to ends the process. Kept here, it fails this
    // batch only, and the client is dropped from the pool instead of going back to it.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      if (options.lockKey) await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [options.lockKey]);
      const out: StmtResult[] = [];
      for (const s of statements) {
        countStatement();
        const r = await client.query(toDollar(s.sql), s.params ?? []);
        out.push({ changes: r.rowCount ?? 0, rows: r.rows });
      }
      await client.query('COMMIT');
      return out;
    } catch (error) {
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }
}

/** Where a consumer (a routing destination) has read up to in a workspace's log: kept in the database whichever log holds the events. */
export async function consumerPosition(sql: IngestSql, consumer: string, workspaceId: string): Promise<number> {
  const [row] = await sql.all<{ position: number | string }>(`SELECT "position" FROM "event_consumer" WHERE "consumer" = ? AND "workspace_id" = ?`, [consumer, workspaceId]);
  return Number(row?.position ?? 0);
}

/** Moves a consumer's position forward (never back: a late commit of an older position changes nothing). */
export async function commitConsumerPosition(sql: IngestSql, consumer: string, workspaceId: string, position: number): Promise<void> {
  await sql.run(
    `INSERT INTO "event_consumer" ("consumer", "workspace_id", "position", "updated_at") VALUES (?, ?, ?, ?)
     ON CONFLICT ("consumer", "workspace_id") DO UPDATE SET "position" = excluded."position", "updated_at" = excluded."updated_at"
     WHERE excluded."position" > "event_consumer"."position"`,
    [consumer, workspaceId, position, new Date().toISOString()],
  );
}
