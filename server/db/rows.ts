/**
 * Entities read without TypeORM's query building and hydration, for the reads every request makes (the API key, the
 * lists and their loaders): under the lists' load those two were a third of the server's CPU time (bench:api profile),
 * while the statements themselves are small indexed reads. For each entity the column list and a row mapper are
 * derived once from TypeORM's own metadata (names, transformers, booleans), so an entity read here is the same object
 * `find` would return, and a new column needs no code. Statements go through the raw adapter (`ingest/sql.ts`: a
 * prepared-statement cache on SQLite, the pool on PostgreSQL, `?` placeholders on both, counted by INLET_COUNT_SQL);
 * on PostgreSQL the reads of one tick share a statement (`read`).
 */
import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ingestSql, type IngestSql } from '../ingest/sql.js';
import { log } from '../log.js';

interface EntityShape<E> {
  /** `"t"."a" AS "a", "t"."b" AS "b", …` for a given alias: every column, named by its database name. */
  columns(alias: string): string;
  table: string;
  map(row: Record<string, unknown>): E;
}

const perDataSource = new WeakMap<DataSource, EntityRows>();

export class EntityRows {
  readonly sql: IngestSql;
  private readonly shapes = new Map<unknown, EntityShape<unknown>>();

  private constructor(private readonly db: DataSource) {
    this.sql = ingestSql(db);
  }

  /** The one reader of a data source (its statement and shape caches are shared by every service). */
  static of(db: DataSource): EntityRows {
    let rows = perDataSource.get(db);
    if (!rows) perDataSource.set(db, (rows = new EntityRows(db)));
    return rows;
  }

  /** The entity's table, columns and mapper (built on first use). */
  shape<E extends ObjectLiteral>(entity: EntityTarget<E>): EntityShape<E> {
    let shape = this.shapes.get(entity) as EntityShape<E> | undefined;
    if (shape) return shape;
    const metadata = this.db.getMetadata(entity);
    const sqlite = this.db.options.type !== 'postgres';
    const columns = metadata.columns.map((c) => {
      const transformer = Array.isArray(c.transformer) ? c.transformer[0] : c.transformer;
      const bool = sqlite && c.type === 'boolean';
      return { property: c.propertyName, name: c.databaseName, from: transformer ? (v: unknown) => transformer.from(v) : bool ? (v: unknown) => (v == null ? v : Boolean(v)) : null };
    });
    const quoted = columns.map((c) => `"${c.name}"`);
    shape = {
      table: `"${metadata.tableName}"`,
      columns: (alias) => quoted.map((q) => `"${alias}".${q} AS ${q}`).join(', '),
      map: (row) => {
        const out = new (metadata.target as new () => E)();
        for (const c of columns) {
          const value = row[c.name];
          (out as Record<string, unknown>)[c.property] = c.from ? c.from(value) : value;
        }
        return out;
      },
    };
    this.shapes.set(entity, shape as EntityShape<unknown>);
    return shape;
  }

  /** `SELECT <every column> FROM <table> "alias" <rest>`, mapped to entities; `rest` holds `?` placeholders. */
  async select<E extends ObjectLiteral>(entity: EntityTarget<E>, alias: string, rest: string, params: unknown[] = []): Promise<E[]> {
    const shape = this.shape(entity);
    const rows = await this.read(`SELECT ${shape.columns(alias)} FROM ${shape.table} "${alias}" ${rest}`, params);
    return rows.map(shape.map);
  }

  private waiting: { sql: string; params: unknown[]; resolve: (rows: Record<string, unknown>[]) => void; reject: (error: unknown) => void }[] = [];

  /**
   * The rows of one read-only statement. On PostgreSQL every read asked for in the same tick (a list's page and its
   * status counts; then its loaders: connection, last run, schema changes) goes out as one statement, each read a
   * JSON array column of it, so they share one round trip instead of taking one each (each round trip costs the
   * server a socket write and read: 16% of its CPU on the imports list). SQLite reads in process, one statement each.
   */
  read<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    if (this.sql.dialect !== 'postgres') return this.sql.all<T>(sql, params);
    return new Promise((resolve, reject) => {
      if (!this.waiting.length) process.nextTick(() => void this.flush());
      this.waiting.push({ sql, params, resolve: resolve as (rows: Record<string, unknown>[]) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const reads = this.waiting;
    this.waiting = [];
    const alone = (r: (typeof reads)[number]) => this.sql.all<Record<string, unknown>>(r.sql, r.params).then(r.resolve, r.reject);
    if (reads.length === 1) return alone(reads[0]!);
    // Rows come back in each statement's own order (json_agg over a sorted subquery with no further processing).
    const columns = reads.map((r, i) => `(SELECT COALESCE(json_agg("t"), '[]') FROM (${r.sql}) "t") AS "r${i}"`);
    try {
      const [row] = await this.sql.all<Record<string, Record<string, unknown>[]>>(`SELECT ${columns.join(', ')}`, reads.flatMap((r) => r.params));
      reads.forEach((r, i) => r.resolve(row![`r${i}`]!));
    } catch (error) {
      // One bad read fails the shared statement: each runs again alone, so each gets its own rows or its own error.
      // Said in the log: a read that can never share would otherwise double its round trips without a word.
      log.warn('shared read failed; its reads run alone', { reads: reads.length, error: String((error as Error)?.message ?? error) });
      await Promise.all(reads.map(alone));
    }
  }

  /** A query builder's statement with `?` placeholders for `read` (TypeORM writes `$n` on PostgreSQL). */
  static statement(query: SelectQueryBuilder<ObjectLiteral>): [string, unknown[]] {
    const [sql, params] = query.getQueryAndParameters();
    const ordered: unknown[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => (ordered.push(params[Number(n) - 1]), '?'));
    return ordered.length ? [text, ordered] : [sql, params];
  }

  /** `(?, ?, …)` for an IN list of `n` values. */
  static list(n: number): string {
    return `(${Array.from({ length: n }, () => '?').join(', ')})`;
  }
}
