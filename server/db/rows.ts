/**
 * Entities read without TypeORM's query building and hydration, for the reads every request makes (the API key, the
 * lists and their loaders): under the lists' load those two were a third of the server's CPU time (bench:api profile),
 * while the statements themselves are small indexed reads. For each entity the column list and a row mapper are
 * derived once from TypeORM's own metadata (names, transformers, booleans), so an entity read here is the same object
 * `find` would return, and a new column needs no code. Statements go through the raw adapter (`ingest/sql.ts`: a
 * prepared-statement cache on SQLite, the pool on PostgreSQL, `?` placeholders on both, counted by INLET_COUNT_SQL).
 */
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ingestSql, type IngestSql } from '../ingest/sql.js';

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
    const rows = await this.sql.all<Record<string, unknown>>(`SELECT ${shape.columns(alias)} FROM ${shape.table} "${alias}" ${rest}`, params);
    return rows.map(shape.map);
  }

  /** `(?, ?, …)` for an IN list of `n` values. */
  static list(n: number): string {
    return `(${Array.from({ length: n }, () => '?').join(', ')})`;
  }
}
