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
import { jsonTransformer } from './columns.js';
import { log } from '../log.js';

interface EntityShape<E> {
  /** `"t"."a" AS "a", "t"."b" AS "b", …` for a given alias: every column but those whose property `omit` names, by database name. */
  columns(alias: string, omit?: readonly string[]): string;
  table: string;
  map(row: Record<string, unknown>): E;
}

const perDataSource = new WeakMap<DataSource, EntityRows>();

/** A statement kept by `statementFor`: its text with `?` placeholders and the parameter each one binds. */
interface Template {
  text: string;
  names: string[];
}

/** Statement texts kept per data source: lists × filters present × orders × page sizes asked, far fewer in use. */
const MAX_TEMPLATES = 500;

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
      // PostgreSQL reads a JSON column as json: pg then parses it with the rest of its row (within a shared read's
      // json_agg, as part of that one document) instead of handing over text that is parsed again here, value by value
      // (250 values on a page of imports: 3% of the server's CPU under the imports list, bench:api).
      const json = !sqlite && transformer === jsonTransformer;
      return {
        property: c.propertyName,
        name: c.databaseName,
        cast: json ? '::json' : '',
        from: json ? null : transformer ? (v: unknown) => transformer.from(v) : bool ? (v: unknown) => (v == null ? v : Boolean(v)) : null,
      };
    });
    // The column list per alias (and columns left out), written once (each list page and loader asks for it).
    const lists = new Map<string, string>();
    shape = {
      table: `"${metadata.tableName}"`,
      columns: (alias, omit = []) => {
        const key = omit.length ? `${alias}\n${omit.join('\n')}` : alias;
        let list = lists.get(key);
        if (list === undefined) {
          lists.set(key, (list = columns.filter((c) => !omit.includes(c.property)).map((c) => `"${alias}"."${c.name}"${c.cast} AS "${c.name}"`).join(', ')));
        }
        return list;
      },
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

  /**
   * `SELECT <every column> FROM <table> "alias" <rest>`, mapped to entities; `rest` holds `?` placeholders. The
   * columns of the properties `omit` names are not read, and those properties are null (undefined without a transformer).
   */
  async select<E extends ObjectLiteral>(entity: EntityTarget<E>, alias: string, rest: string, params: unknown[] = [], omit?: readonly (string & keyof E)[]): Promise<E[]> {
    const shape = this.shape(entity);
    const rows = await this.read(`SELECT ${shape.columns(alias, omit)} FROM ${shape.table} "${alias}" ${rest}`, params);
    return rows.map(shape.map);
  }

  /**
   * The newest `limit` rows of `entity` for each of `parentIds` (ids of rows of `parentTable`, named by the column
   * `parentColumn`), newest first by `time` then `id`, in one statement whose cost follows the rows answered, not the
   * rows kept (it needs an index on `parentColumn`, `time`): an import's last runs, a segment's latest evaluations.
   * Numbering every child row (ROW_NUMBER) read each parent's whole history: the last runs of a list of 50 imports of
   * 1,000 runs each took 98 ms on SQLite and 437 ms on PostgreSQL that way, under 5 ms this way. PostgreSQL takes each
   * parent's newest rows with LATERAL; SQLite (no LATERAL) reads each parent's rows from its `limit`-th newest `time`
   * on, found by a subquery it evaluates once per parent (PostgreSQL would evaluate it once per row), and rows of the
   * same `time` as that one are cut here. Names come from code, never from input; `omit` as for `select`.
   */
  async newestPer<E extends ObjectLiteral>(
    entity: EntityTarget<E>,
    parentTable: string,
    parentColumn: string & keyof E,
    time: string & keyof E,
    parentIds: readonly string[],
    limit: number,
    omit?: readonly (string & keyof E)[],
  ): Promise<E[][]> {
    if (!parentIds.length || limit < 1) return parentIds.map(() => []);
    const table = this.shape(entity).table;
    const ids = EntityRows.list(parentIds.length);
    const newest = `ORDER BY "r"."${time}" DESC, "r"."id" DESC LIMIT ?`;
    const [rest, params] =
      this.sql.dialect === 'postgres'
        ? [`WHERE "c"."id" IN (SELECT "l"."id" FROM "${parentTable}" "p" CROSS JOIN LATERAL (SELECT "r"."id" FROM ${table} "r" WHERE "r"."${parentColumn}" = "p"."id" ${newest}) "l" WHERE "p"."id" IN ${ids})`, [limit, ...parentIds]]
        : [`JOIN "${parentTable}" "p" ON "c"."${parentColumn}" = "p"."id" WHERE "p"."id" IN ${ids}
             AND "c"."${time}" >= COALESCE((SELECT "r"."${time}" FROM ${table} "r" WHERE "r"."${parentColumn}" = "p"."id" ${newest} OFFSET ?), '')`, [...parentIds, 1, limit - 1]];
    const rows = await this.select(entity, 'c', `${rest} ORDER BY "c"."${time}" DESC, "c"."id" DESC`, params, omit);
    const byParent = new Map<unknown, E[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) {
      const list = byParent.get(row[parentColumn]);
      if (list && list.length < limit) list.push(row);
    }
    return parentIds.map((id) => byParent.get(id)!);
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
    const alone = (r: (typeof reads)[number]) => this.sql.all<Record<string, unknown>>(r.sql, r.params, { prepared: true }).then(r.resolve, r.reject);
    if (reads.length === 1) return alone(reads[0]!);
    // Rows come back in each statement's own order (json_agg over a sorted subquery with no further processing).
    const columns = reads.map((r, i) => `(SELECT COALESCE(json_agg("t"), '[]') FROM (${r.sql}) "t") AS "r${i}"`);
    try {
      const [row] = await this.sql.all<Record<string, Record<string, unknown>[]>>(`SELECT ${columns.join(', ')}`, reads.flatMap((r) => r.params), { prepared: true });
      reads.forEach((r, i) => r.resolve(row![`r${i}`]!));
    } catch (error) {
      // One bad read fails the shared statement: each runs again alone, so each gets its own rows or its own error.
      // Said in the log: a read that can never share would otherwise double its round trips without a word.
      log.warn('shared read failed; its reads run alone', { reads: reads.length, error: String((error as Error)?.message ?? error) });
      await Promise.all(reads.map(alone));
    }
  }

  /** Statement texts by the key their builder's shape gave (`statementFor`), oldest first. */
  private readonly templates = new Map<string, Template>();

  /**
   * The statement a query builder writes, built by TypeORM once per `key` and then only bound: `key` names everything
   * the text depends on but the parameters' values (graphql/pagination.ts derives it from the builder's shape), so a
   * list's page and counts, asked with the same filters, are not written again by the builder on every request (its
   * clone, select expressions and property-name rewriting were 5–6% of the server's CPU under the imports list on
   * PostgreSQL, bench:api). Only statements whose parameters are all strings are kept: TypeORM writes numbers into
   * SQLite's text, expands lists and inlines functions, so their text depends on the values. `key` null: built each time.
   */
  statementFor(key: string | null, parameters: ObjectLiteral, build: () => SelectQueryBuilder<ObjectLiteral>): [string, unknown[]] {
    const cached = key === null ? undefined : this.templates.get(key);
    if (cached && cached.names.every((n) => typeof parameters[n] === 'string')) return [cached.text, cached.names.map((n) => parameters[n])];
    const query = build();
    const template = key === null ? null : EntityRows.template(query.getQuery(), query.getParameters());
    if (!template) return EntityRows.statement(query);
    this.templates.set(key!, template);
    if (this.templates.size > MAX_TEMPLATES) this.templates.delete(this.templates.keys().next().value!);
    const built = query.getParameters();
    return [template.text, template.names.map((n) => built[n])];
  }

  /**
   * A builder's text (TypeORM's `:name` placeholders, as `getQuery` leaves them) with `?` placeholders and the names
   * in their order, replaced as TypeORM's drivers replace them (a name that is not a parameter stays as it is); null
   * when a placeholder's value is not a string.
   */
  static template(sql: string, parameters: ObjectLiteral): Template | null {
    const names: string[] = [];
    let strings = true;
    const text = sql.replace(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (full, list: string | undefined, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(parameters, name)) return full;
      if (list || typeof parameters[name] !== 'string') strings = false;
      names.push(name);
      return '?';
    });
    return strings ? { text, names } : null;
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
