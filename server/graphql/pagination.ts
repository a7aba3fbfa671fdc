/**
 * Relay-style pagination, one mechanism for every list that can grow (connections, imports, runs, deliveries,
 * segments, the audit log, notification deliveries).
 *
 * - `first` (1–200) and an opaque `after` cursor; the answer is `{ edges { node cursor } pageInfo totalCount }`.
 * - Keyset paging, never OFFSET: the cursor holds the sort key of the last row sent plus its id (the tie-breaker),
 *   so a page is one indexed range scan however deep it is, and rows inserted meanwhile cause no duplicates or gaps
 *   among the rows that existed.
 * - `pageOf(query, …)` works on a TypeORM query builder that already carries the caller's filters (always the
 *   workspace): it adds the cursor's condition and the order, fetches `first + 1` rows to know whether another page
 *   follows, and counts the filtered rows for `totalCount`.
 *
 * A list's GraphQL types come from `connectionTypes(Node, 'Import')`: `ImportEdge` and `ImportConnection`.
 */
import 'reflect-metadata';
import { getArgumentValues, isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from '../errors.js';
import { EntityRows } from '../db/rows.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

@ObjectType({ description: 'Where a page ends, and whether another follows' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on an empty page' }) endCursor!: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The `XEdge` and `XConnection` GraphQL types of a list of `node` (named after `name`). */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node) node!: T;
    @Field(() => String, { description: 'Pass as `after` to get the items after this one' }) cursor!: string;
  }
  @ObjectType(`${name}Connection`, { description: `A page of ${name} items` })
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Items matching the filters, on every page' }) totalCount!: number;
  }
  return { Edge: EdgeType, Connection: ConnectionType };
}

type Key = string | number;

/** An opaque cursor: the sort key values of a row, then its id. */
export function encodeCursor(values: Key[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The values of a cursor, checked to have `length` keys; bad input naming `field` otherwise. */
export function decodeCursor(cursor: string, length: number, field = 'after'): Key[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (!Array.isArray(values) || values.length !== length || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw badInput(field, 'Not a cursor this list gave out: pass an `endCursor` or an edge’s `cursor` from the same list');
  }
  return values as Key[];
}

/** `first`, checked: 1 to MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when absent. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput(field, `first must be between 1 and ${MAX_PAGE_SIZE}`);
  return first;
}

export interface SortKey<E> {
  /** The entity property the list is sorted by (a NOT NULL column of the query’s main alias). */
  property: keyof E & string;
  direction: 'ASC' | 'DESC';
  /** How the value is kept in the cursor and bound back: text (times are ISO text columns, see db/columns.ts) or a number. */
  kind?: 'string' | 'number';
}

export interface PageRequest<E> {
  first?: number | null;
  after?: string | null;
  /** The sort order; the id (`idProperty`, default `id`) breaks ties in the direction of the first key. */
  sort: SortKey<E>[];
  idProperty?: keyof E & string;
  /** Columns a list never shows, not read (db/rows.ts `select`): their properties are null on the page's entities. */
  omit?: readonly (keyof E & string)[];
}

const toKey = (value: unknown, kind: SortKey<unknown>['kind']): Key => {
  if (value instanceof Date) return value.toISOString();
  if (kind === 'number') return Number(value);
  return String(value);
};

/**
 * One page of the rows `query` selects (its alias is the entity's), sorted by `sort` then id. `map` turns each
 * entity into the node the API answers (after the page is cut, so it runs on `first` rows at most).
 */
export async function pageOf<E extends ObjectLiteral, N>(query: SelectQueryBuilder<E>, request: PageRequest<E>, map: (row: E) => N): Promise<Page<N>> {
  const first = pageSize(request.first);
  const alias = query.alias;
  const idProperty = (request.idProperty ?? 'id') as keyof E & string;
  const keys: SortKey<E>[] = [...request.sort, { property: idProperty, direction: request.sort[0]?.direction ?? 'ASC', kind: 'string' }];

  // The builder only writes the SQL, once per list shape (db/rows.ts `statementFor`): the statements run raw and rows
  // map straight to entities (db/rows.ts).
  const reader = EntityRows.of(query.connection);
  const shape = reader.shape<E>(query.expressionMap.mainAlias!.target);
  const counted = () => query.clone().select('COUNT(1)', 'n').orderBy();

  // (k1, k2, …) after (v1, v2, …) in each key's own direction: k1 beyond v1, or k1 = v1 and k2 beyond v2, …
  let after: { condition: string; params: Record<string, unknown> } | null = null;
  if (request.after) {
    const values = decodeCursor(request.after, keys.length);
    const ors: string[] = [];
    const params: Record<string, unknown> = {};
    keys.forEach((key, i) => {
      const ands: string[] = [];
      for (let j = 0; j < i; j++) ands.push(`${alias}.${keys[j].property} = :__c${j}`);
      ands.push(`${alias}.${key.property} ${key.direction === 'DESC' ? '<' : '>'} :__c${i}`);
      ors.push(`(${ands.join(' AND ')})`);
      params[`__c${i}`] = key.kind === 'number' ? Number(values[i]) : String(values[i]);
    });
    after = { condition: `(${ors.join(' OR ')})`, params };
  }
  const parameters = { ...query.getParameters(), ...after?.params };
  const listShape = shapeKey(query, parameters);
  const pageKey = listShape && `page|${listShape}|${keys.map((k) => `${k.property} ${k.direction}`).join(',')}|${after ? 'after' : ''}|${first}|${request.omit?.join(',') ?? ''}`;
  // totalCount rides on the page's own statement (an uncorrelated subquery, run once): one round trip, not two. An
  // empty page carries no row to hold it, so it is counted apart then, unless no cursor was given (nothing matches).
  const raw = await reader.read(
    ...reader.statementFor(pageKey, parameters, () => {
      const paged = query.clone();
      if (after) paged.andWhere(after.condition, after.params);
      paged.orderBy(`${alias}.${keys[0].property}`, keys[0].direction);
      for (const key of keys.slice(1)) paged.addOrderBy(`${alias}.${key.property}`, key.direction);
      return paged.select(shape.columns(alias, request.omit)).addSelect(`(${counted().getQuery()})`, '__total').limit(first + 1);
    }),
  );
  const countApart = async () => Number((await reader.read<{ n: number | string }>(...EntityRows.statement(counted())))[0]?.n ?? 0);
  const totalCount = raw.length ? Number(raw[0].__total) : request.after ? await countApart() : 0;
  const rows = raw.map(shape.map);

  const pageRows = rows.slice(0, first);
  const edges = pageRows.map((row) => ({ node: map(row), cursor: encodeCursor(keys.map((k) => toKey(row[k.property], k.kind))) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/**
 * What the statements `pageOf` and `countBy` write from `query` depend on besides the values of its parameters: its
 * table, alias and conditions, and its parameters' names (a name that is not one stays in the text). Null, so that
 * they are written afresh each time, for a builder with anything else set (joins, its own selects, order, grouping,
 * limits, locks, a condition that is not a string): the lists build theirs from a table and string conditions only.
 */
function shapeKey(query: SelectQueryBuilder<ObjectLiteral>, parameters: ObjectLiteral): string | null {
  const m = query.expressionMap;
  const plain =
    m.queryType === 'select' &&
    m.mainAlias?.hasMetadata &&
    m.selects.length === 1 &&
    m.selects[0]!.selection === m.mainAlias.name &&
    !m.selects[0]!.aliasName &&
    !m.joinAttributes.length &&
    !m.relationIdAttributes.length &&
    !m.groupBys.length &&
    !m.havings.length &&
    !Object.keys(m.orderBys).length &&
    !m.commonTableExpressions.length &&
    !m.selectDistinct &&
    !m.selectDistinctOn.length &&
    m.limit === undefined &&
    m.offset === undefined &&
    m.take === undefined &&
    m.skip === undefined &&
    m.lockMode === undefined &&
    !m.subQuery &&
    !m.comment &&
    !m.useIndex &&
    !m.timeTravel &&
    m.wheres.every((w) => typeof w.condition === 'string');
  if (!plain) return null;
  return [m.mainAlias!.metadata.tablePath, m.mainAlias!.name, m.withDeleted, m.wheres.map((w) => `${w.type} ${w.condition as string}`).join('\u0001'), Object.keys(parameters).sort().join(',')].join('\u0000');
}

/**
 * Narrows `query` to rows whose `expression` (e.g. `c.name`) contains `search`, case-insensitively, on SQLite and
 * PostgreSQL alike (LOWER on both sides; `%`, `_` and `\` in the search are literal). Blank searches change nothing.
 * LOWER folds ASCII letters on SQLite and every letter on PostgreSQL.
 */
export function whereContains<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, expression: string, search: string | null | undefined, param = '__search'): SelectQueryBuilder<E> {
  const text = search?.trim();
  if (!text) return query;
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return query.andWhere(`LOWER(${expression}) LIKE :${param} ESCAPE '\\'`, { [param]: pattern });
}

/** Rows of `query` counted per value of `column` (e.g. `c.status`), in one grouped statement run raw; values absent count 0. */
export async function countBy<E extends ObjectLiteral, V extends string>(query: SelectQueryBuilder<E>, column: string, values: readonly V[]): Promise<{ value: V; count: number }[]> {
  const parameters = query.getParameters();
  const listShape = shapeKey(query, parameters);
  const reader = EntityRows.of(query.connection);
  const [sql, params] = reader.statementFor(listShape && `count|${listShape}|${column}`, parameters, () =>
    query.clone().select(column, 'value').addSelect('COUNT(*)', 'n').groupBy(column).orderBy(),
  );
  const rows = await reader.read<{ value: string; n: string | number }>(sql, params);
  const counts = new Map(rows.map((r) => [r.value, Number(r.n)]));
  return values.map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

/** The sort keys of a `ListOrder` (connections and imports): creation time or name, ties broken by id. */
export function listSort<E extends { createdAt: Date; name: string }>(order: string | null | undefined): SortKey<E>[] {
  switch (order ?? 'CREATED_AT_DESC') {
    case 'CREATED_AT_ASC':
      return [{ property: 'createdAt', direction: 'ASC' }];
    case 'NAME_ASC':
      return [{ property: 'name', direction: 'ASC' }];
    case 'NAME_DESC':
      return [{ property: 'name', direction: 'DESC' }];
    default:
      return [{ property: 'createdAt', direction: 'DESC' }];
  }
}

/**
 * The fields the operation asks of a page's nodes (`edges { node { … } }`, through fragments too), each with its
 * selections (one per alias), so that a list can fetch ahead only what its items will read, with the arguments they
 * will read it with (`nodeFieldArgs`). Directives are not evaluated: a skipped field counts as asked.
 */
export function nodeFields(info: GraphQLResolveInfo): Map<string, FieldNode[]> {
  const names = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined, path: readonly string[]) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!path.length) {
          const list = names.get(selection.name.value);
          if (list) list.push(selection);
          else names.set(selection.name.value, [selection]);
        }
        else if (selection.name.value === path[0]) visit(selection.selectionSet, path.slice(1));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, path);
      else visit(info.fragments[selection.name.value]?.selectionSet, path);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, ['edges', 'node']);
  return names;
}

/**
 * The arguments (variables applied, defaults filled in, as the field's resolver will get them) of each selection of
 * `field` of the GraphQL object type `type` that `nodeFields` found.
 */
export function nodeFieldArgs(info: GraphQLResolveInfo, type: string, field: string, selections: readonly FieldNode[]): Record<string, unknown>[] {
  const objectType = info.schema.getType(type);
  const def = isObjectType(objectType) ? objectType.getFields()[field] : undefined;
  if (!def) throw new Error(`${type}.${field} is not a field of the schema`);
  return selections.map((node) => getArgumentValues(def, node, info.variableValues));
}
