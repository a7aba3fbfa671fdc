/**
 * Segment rules: validation against the workspace's stored metadata, and compilation to one SQL query over the store
 * (SQLite or PostgreSQL) that selects the matching user ids.
 *
 * - Every value from the rule is a bound parameter (`?`); table and column names come only from an import's stored
 *   metadata (`dataTable`, `stored[].column`), quoted by `quoteIdent`, which accepts nothing but `[a-z_][a-z0-9_]*`.
 *   Event property paths are bound too (SQLite `json_extract(body, ?)`, PostgreSQL `#>> ?::text[]`).
 * - A mistake is an InputError naming its path in the rule (`rule.all.1.value`).
 * - Each node compiles to a SELECT of one text column `user_id` with no duplicates; `all` intersects its positive
 *   children and subtracts its `not` children; `any` unites; a lone `not` (and a comparison that zero satisfies, like
 *   "fewer than 3 purchases") subtracts from the universe: every user id of the workspace's imports and events.
 */
import { badInput, FieldChecks } from '../errors.js';
import type { ColumnType } from '../connectors/formats/format.js';
import type { ImportEntity, StoredColumn } from '../imports/import.entity.js';
import { quoteIdent as q } from '../storage/data-store.js';

export type Operator = 'EQ' | 'NEQ' | 'IN' | 'NOT_IN' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'BETWEEN' | 'CONTAINS' | 'STARTS_WITH' | 'IS_NULL' | 'IS_NOT_NULL';
export const OPERATORS: Operator[] = ['EQ', 'NEQ', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'CONTAINS', 'STARTS_WITH', 'IS_NULL', 'IS_NOT_NULL'];

/** The operators that fit each column type (the admin's builder offers exactly these). */
export const OPERATORS_BY_TYPE: Record<ColumnType, Operator[]> = {
  STRING: ['EQ', 'NEQ', 'IN', 'NOT_IN', 'CONTAINS', 'STARTS_WITH', 'IS_NULL', 'IS_NOT_NULL'],
  INTEGER: ['EQ', 'NEQ', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
  FLOAT: ['EQ', 'NEQ', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
  BOOLEAN: ['EQ', 'NEQ', 'IS_NULL', 'IS_NOT_NULL'],
  DATE: ['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
  TIMESTAMP: ['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
};
/** Comparisons of an aggregate (COUNT or SUM) with the condition's value. */
export const AGGREGATE_OPERATORS: Operator[] = ['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE'];

export interface FilterInput { column: string; operator: Operator; values?: unknown[] | null }
export interface ProfileCondition { importId: string; column: string; operator: Operator; values?: unknown[] | null }
export interface ActivityCondition {
  importId?: string | null; eventType?: string | null; where?: FilterInput[] | null; aggregate: 'COUNT' | 'SUM'; sumColumn?: string | null;
  operator: Operator; value: number; lastDays?: number | null; from?: string | Date | null; to?: string | Date | null;
}
export interface GroupCondition { importId: string; groupIds: string[] }
export interface IdentityCondition { tag: string }
export interface RuleInput {
  all?: RuleInput[] | null; any?: RuleInput[] | null; not?: RuleInput | null;
  profile?: ProfileCondition | null; activity?: ActivityCondition | null; group?: GroupCondition | null; identity?: IdentityCondition | null;
}

/** What a rule is checked and compiled against: the workspace's metadata, read once per compilation. */
export interface RuleContext {
  dialect: 'sqlite' | 'postgres';
  workspaceId: string;
  /** The workspace's imports by id. */
  imports: Map<string, ImportEntity>;
  /** Data tables that exist (an import's table appears with its first run); a missing one matches nobody. */
  tables: Set<string>;
  /** Event types with their learned property schemas (path → JSON types); null when the log is not a database table. */
  eventTypes: Map<string, Record<string, string[]>> | null;
  /** Why event conditions cannot be computed here (the JetStream log), or null. */
  eventsUnavailable: string | null;
  /** Identifier tags known in the workspace (event aliases and IDENTITY imports). */
  tags: Set<string>;
  now: Date;
}

/** What a rule references: the imports (and their columns), event types, and whether it depends on time. */
export interface RuleRefs {
  importIds: string[];
  columns: { importId: string; column: string }[];
  eventTypes: string[];
  /** Uses a time window or events: evaluated hourly. */
  timeBound: boolean;
  /** Uses the universe of all users (a `not`, or a comparison zero satisfies): depends on every import. */
  universe: boolean;
}

export interface CompiledRule {
  /** A SELECT of distinct `user_id` (text) with `?` placeholders. */
  sql: string;
  params: unknown[];
  refs: RuleRefs;
  /** The rule as stored: only the keys it uses. */
  normalized: RuleInput;
}

interface Fragment { sql: string; params: unknown[] }

const MAX_DEPTH = 12;
const MAX_NODES = 200;
const MAX_VALUES = 1000;
const DAY_MS = 86_400_000;

const NOBODY = `SELECT CAST(NULL AS TEXT) AS user_id WHERE 1 = 0`;

/**
 * Validates and compiles a rule; throws an InputError naming the path (`rule.all.1.value`), listing every condition
 * that is wrong (each condition's first mistake), so the builder can mark them all at once.
 */
export function compileRule(input: unknown, ctx: RuleContext, root = 'rule'): CompiledRule {
  const checks = new FieldChecks();
  const compiler = new Compiler(ctx, checks);
  const node = checks.check(() => compiler.node(input, root, 0));
  checks.done();
  if (!node) throw new Error('unreachable: a rule without mistakes did not compile');
  const sql = node.negated ? except(compiler.universe(), node) : node;
  return {
    sql: sql.sql,
    params: sql.params,
    normalized: compiler.normalized.get(input as object) as RuleInput,
    refs: {
      importIds: [...compiler.importIds],
      columns: [...compiler.columns].map((k) => JSON.parse(k) as { importId: string; column: string }),
      eventTypes: [...compiler.eventTypes],
      timeBound: compiler.timeBound,
      universe: compiler.usedUniverse,
    },
  };
}

/** Every import and column a stored rule names (to find the segments an import's delete or a column's dismissal would break). */
export function ruleImportColumns(rule: RuleInput): { importId: string; column: string | null }[] {
  const out: { importId: string; column: string | null }[] = [];
  const walk = (r: RuleInput | null | undefined) => {
    if (!r) return;
    r.all?.forEach(walk);
    r.any?.forEach(walk);
    walk(r.not);
    if (r.profile) out.push({ importId: r.profile.importId, column: r.profile.column });
    if (r.group) out.push({ importId: r.group.importId, column: null });
    if (r.activity?.importId) {
      out.push({ importId: r.activity.importId, column: null });
      if (r.activity.sumColumn) out.push({ importId: r.activity.importId, column: r.activity.sumColumn });
      for (const f of r.activity.where ?? []) out.push({ importId: r.activity.importId, column: f.column });
    }
  };
  walk(rule);
  return out;
}

type Node = Fragment & { negated: boolean };

const wrap = (f: Fragment, alias: string) => `SELECT user_id FROM (${f.sql}) ${alias}`;
function except(base: Fragment, minus: Fragment): Fragment {
  return { sql: `${wrap(base, 'b')} EXCEPT ${wrap(minus, 'x')}`, params: [...base.params, ...minus.params] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;

class Compiler {
  readonly importIds = new Set<string>();
  readonly columns = new Set<string>();
  readonly eventTypes = new Set<string>();
  readonly normalized = new WeakMap<object, unknown>();
  timeBound = false;
  usedUniverse = false;
  private nodes = 0;
  private alias = 0;

  constructor(
    private readonly ctx: RuleContext,
    /** Collects the mistakes of every child of all/any, so that one wrong condition does not hide the next. */
    private readonly checks: FieldChecks,
  ) {}

  private nextAlias() {
    return `t${++this.alias}`;
  }

  node(input: unknown, path: string, depth: number): Node {
    if (!isObject(input)) throw badInput(path, 'A rule is an object with one of all, any, not, profile, activity, group or identity');
    if (++this.nodes > MAX_NODES) throw badInput(path, `A rule has at most ${MAX_NODES} nodes`);
    if (depth > MAX_DEPTH) throw badInput(path, `A rule nests at most ${MAX_DEPTH} levels`);
    const keys = ['all', 'any', 'not', 'profile', 'activity', 'group', 'identity'].filter((k) => present(input[k]));
    if (keys.length !== 1) throw badInput(path, keys.length ? `Set exactly one of ${keys.join(', ')} in each rule node` : 'Set one of all, any, not, profile, activity, group or identity');
    const key = keys[0]!;
    const value = input[key];
    const at = `${path}.${key}`;
    let out: Node;
    let normalized: unknown;
    switch (key) {
      case 'all':
      case 'any': {
        if (!Array.isArray(value) || !value.length) throw badInput(at, `"${key}" needs at least one rule`);
        const children = value.map((child, i) => this.checks.check(() => this.node(child, `${at}.${i}`, depth + 1)));
        // A wrong child is recorded in checks, and compileRule throws them all: this node's SQL is never used.
        if (!children.every((c): c is Node => c !== undefined)) return { sql: NOBODY, params: [], negated: false };
        normalized = { [key]: value.map((child) => this.normalized.get(child)) };
        out = key === 'all' ? this.all(children) : this.any(children);
        break;
      }
      case 'not': {
        const child = this.node(value, at, depth + 1);
        normalized = { not: this.normalized.get(value as object) };
        // not(not(x)) is x; otherwise the parent subtracts it (or the universe does).
        out = child.negated ? { ...child, negated: false } : { ...child, negated: true };
        break;
      }
      case 'profile':
        ({ node: out, normalized } = this.profile(value, at));
        break;
      case 'activity':
        ({ node: out, normalized } = this.activity(value, at));
        break;
      case 'group':
        ({ node: out, normalized } = this.group(value, at));
        break;
      default:
        ({ node: out, normalized } = this.identity(value, at));
    }
    this.normalized.set(input, normalized);
    return out;
  }

  private all(children: Node[]): Node {
    const positive = children.filter((c) => !c.negated);
    const negative = children.filter((c) => c.negated);
    if (!positive.length) {
      // Every child is a `not`: the set is the union of their insides, negated (De Morgan), for the parent to subtract.
      return { ...this.union(negative), negated: true };
    }
    let base: Fragment = positive.length === 1 ? positive[0]! : {
      sql: positive.map((p) => wrap(p, this.nextAlias())).join(' INTERSECT '),
      params: positive.flatMap((p) => p.params),
    };
    if (negative.length) base = except({ sql: `SELECT user_id FROM (${base.sql}) ${this.nextAlias()}`, params: base.params }, this.union(negative));
    return { ...base, negated: false };
  }

  private any(children: Node[]): Node {
    if (children.length === 1) return children[0]!;
    const parts = children.map((c) => (c.negated ? except(this.universe(), c) : c));
    return { ...this.union(parts), negated: false };
  }

  private union(parts: Fragment[]): Fragment {
    if (parts.length === 1) return parts[0]!;
    return { sql: parts.map((p) => wrap(p, this.nextAlias())).join(' UNION '), params: parts.flatMap((p) => p.params) };
  }

  /** Every user id the workspace knows: the users of each import with data, of event aliases, and of the event log. */
  universe(): Fragment {
    this.usedUniverse = true;
    const parts: Fragment[] = [];
    for (const imp of [...this.ctx.imports.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (!this.ctx.tables.has(imp.dataTable)) continue;
      const user = imp.stored.find((s) => s.name === imp.userIdColumn);
      if (!user) continue;
      parts.push({ sql: `SELECT CAST(d.${q(user.column)} AS TEXT) AS user_id FROM ${q(imp.dataTable)} d WHERE d.${q(user.column)} IS NOT NULL`, params: [] });
    }
    parts.push({ sql: `SELECT "user_id" AS user_id FROM "event_alias" WHERE "workspace_id" = ?`, params: [this.ctx.workspaceId] });
    if (!this.ctx.eventsUnavailable) parts.push({ sql: `SELECT "user_id" AS user_id FROM "event_log" WHERE "workspace_id" = ?`, params: [this.ctx.workspaceId] });
    return { sql: parts.map((p) => wrap(p, this.nextAlias())).join(' UNION '), params: parts.flatMap((p) => p.params) };
  }

  private importOf(id: unknown, path: string, type: ImportEntity['type'] | null): ImportEntity {
    if (typeof id !== 'string' || !id) throw badInput(path, 'importId is required');
    const imp = this.ctx.imports.get(id);
    if (!imp) throw badInput(path, `Import ${id} does not exist in this workspace`);
    if (type && imp.type !== type) throw badInput(path, `Import "${imp.name}" is ${imp.type}; this condition needs a ${type} import`);
    this.importIds.add(imp.id);
    return imp;
  }

  private columnOf(imp: ImportEntity, name: unknown, path: string): StoredColumn {
    if (typeof name !== 'string' || !name) throw badInput(path, 'column is required');
    const column = imp.stored.find((s) => s.name === name);
    if (!column) throw badInput(path, `Import "${imp.name}" stores no column "${name}"; its columns are ${imp.stored.map((s) => s.name).join(', ')}`);
    this.columns.add(JSON.stringify({ importId: imp.id, column: name }));
    return column;
  }

  private userColumn(imp: ImportEntity): StoredColumn {
    const user = imp.stored.find((s) => s.name === imp.userIdColumn);
    if (!user) throw new Error(`import ${imp.id} stores no user id column`);
    return user;
  }

  private profile(input: unknown, path: string): { node: Node; normalized: unknown } {
    if (!isObject(input)) throw badInput(path, 'profile needs importId, column and operator');
    const imp = this.importOf(input.importId, `${path}.importId`, 'USER_PROFILE');
    const column = this.columnOf(imp, input.column, `${path}.column`);
    const user = this.userColumn(imp);
    const pred = predicate(this.ctx.dialect, `d.${q(column.column)}`, column.type, input.operator, input.values, path, column.name);
    const normalized = { profile: { importId: imp.id, column: column.name, operator: input.operator, ...(present(input.values) ? { values: input.values } : {}) } };
    if (!this.ctx.tables.has(imp.dataTable)) return { node: { sql: NOBODY, params: [], negated: false }, normalized };
    return {
      node: {
        sql: `SELECT DISTINCT CAST(d.${q(user.column)} AS TEXT) AS user_id FROM ${q(imp.dataTable)} d WHERE d.${q(user.column)} IS NOT NULL AND (${pred.sql})`,
        params: pred.params,
        negated: false,
      },
      normalized,
    };
  }

  private group(input: unknown, path: string): { node: Node; normalized: unknown } {
    if (!isObject(input)) throw badInput(path, 'group needs importId and groupIds');
    const imp = this.importOf(input.importId, `${path}.importId`, 'GROUP_MEMBERSHIP');
    const ids = input.groupIds;
    if (!Array.isArray(ids) || !ids.length) throw badInput(`${path}.groupIds`, 'Name at least one group id');
    if (ids.length > MAX_VALUES) throw badInput(`${path}.groupIds`, `At most ${MAX_VALUES} group ids`);
    ids.forEach((g, i) => {
      if (typeof g !== 'string' || !g) throw badInput(`${path}.groupIds.${i}`, 'A group id is a non-empty string');
    });
    const normalized = { group: { importId: imp.id, groupIds: ids } };
    if (!this.ctx.tables.has(imp.dataTable)) return { node: { sql: NOBODY, params: [], negated: false }, normalized };
    const user = this.userColumn(imp);
    const group = imp.stored.find((s) => s.name === imp.groupIdColumn)!;
    return {
      node: {
        sql: `SELECT DISTINCT CAST(d.${q(user.column)} AS TEXT) AS user_id FROM ${q(imp.dataTable)} d WHERE d.${q(user.column)} IS NOT NULL AND CAST(d.${q(group.column)} AS TEXT) IN (${ids.map(() => '?').join(', ')})`,
        params: [...ids],
        negated: false,
      },
      normalized,
    };
  }

  private identity(input: unknown, path: string): { node: Node; normalized: unknown } {
    if (!isObject(input) || typeof input.tag !== 'string' || !input.tag) throw badInput(`${path}.tag`, 'tag is required (e.g. email_sha256)');
    const tag = input.tag;
    if (!this.ctx.tags.has(tag)) throw badInput(`${path}.tag`, `No identifier tagged "${tag}" is known in this workspace (from event aliases or IDENTITY imports)`);
    const parts: Fragment[] = [{ sql: `SELECT "user_id" AS user_id FROM "event_alias" WHERE "workspace_id" = ? AND "tag" = ?`, params: [this.ctx.workspaceId, tag] }];
    for (const imp of [...this.ctx.imports.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (imp.type !== 'IDENTITY' || imp.identifierType !== tag) continue;
      this.importIds.add(imp.id);
      if (!this.ctx.tables.has(imp.dataTable)) continue;
      const user = this.userColumn(imp);
      const id = imp.stored.find((s) => s.name === imp.identifierColumn)!;
      parts.push({ sql: `SELECT CAST(d.${q(user.column)} AS TEXT) AS user_id FROM ${q(imp.dataTable)} d WHERE d.${q(user.column)} IS NOT NULL AND d.${q(id.column)} IS NOT NULL`, params: [] });
    }
    // UNION removes duplicates; a single part needs DISTINCT (a user has many aliases of a tag).
    const node = parts.length === 1 ? { sql: parts[0]!.sql.replace('SELECT "user_id"', 'SELECT DISTINCT "user_id"'), params: parts[0]!.params } : this.union(parts);
    return { node: { ...node, negated: false }, normalized: { identity: { tag } } };
  }

  private activity(input: unknown, path: string): { node: Node; normalized: unknown } {
    if (!isObject(input)) throw badInput(path, 'activity needs importId or eventType, aggregate, operator and value');
    const hasImport = present(input.importId);
    const hasEvent = present(input.eventType);
    if (hasImport === hasEvent) throw badInput(path, 'Set exactly one of importId (a USER_ACTIVITY import) or eventType');
    const aggregate = input.aggregate;
    if (aggregate !== 'COUNT' && aggregate !== 'SUM') throw badInput(`${path}.aggregate`, 'aggregate is COUNT or SUM');
    const operator = input.operator as Operator;
    if (!AGGREGATE_OPERATORS.includes(operator)) throw badInput(`${path}.operator`, `An aggregate is compared with ${AGGREGATE_OPERATORS.join(', ')}`);
    const value = input.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput(`${path}.value`, 'value is a number');
    if (aggregate === 'COUNT' && (!Number.isInteger(value) || value < 0)) throw badInput(`${path}.value`, 'A COUNT is compared with a whole number of 0 or more');
    if (aggregate === 'COUNT' && present(input.sumColumn)) throw badInput(`${path}.sumColumn`, 'sumColumn is for SUM only');
    const window = this.window(input, path);
    this.timeBound = true;

    let source: { table: string; user: string; time: (bound: Date, cmp: string) => Fragment; where: Fragment[]; sum: string | null; sumParams: unknown[] };
    const filters = input.where ?? [];
    if (!Array.isArray(filters)) throw badInput(`${path}.where`, 'where is a list of filters');
    if (filters.length > 50) throw badInput(`${path}.where`, 'At most 50 filters');
    const normalized: Record<string, unknown> = { aggregate, operator, value };

    if (hasImport) {
      const imp = this.importOf(input.importId, `${path}.importId`, 'USER_ACTIVITY');
      normalized.importId = imp.id;
      const user = this.userColumn(imp);
      const ts = imp.stored.find((s) => s.name === imp.timestampColumn)!;
      const where = filters.map((f: unknown, i: number) => {
        const fp = `${path}.where.${i}`;
        if (!isObject(f)) throw badInput(fp, 'A filter needs column and operator');
        const column = this.columnOf(imp, f.column, `${fp}.column`);
        return predicate(this.ctx.dialect, `d.${q(column.column)}`, column.type, f.operator, f.values, fp, column.name);
      });
      let sum: string | null = null;
      if (aggregate === 'SUM') {
        const column = this.columnOf(imp, input.sumColumn, `${path}.sumColumn`);
        if (column.type !== 'INTEGER' && column.type !== 'FLOAT') throw badInput(`${path}.sumColumn`, `Column "${column.name}" is ${column.type}; SUM needs an INTEGER or FLOAT column`);
        sum = `d.${q(column.column)}`;
        normalized.sumColumn = column.name;
      }
      const tsExpr = `d.${q(ts.column)}`;
      source = {
        table: this.ctx.tables.has(imp.dataTable) ? q(imp.dataTable) : '',
        user: `d.${q(user.column)}`,
        time: (bound, cmp) => ({ sql: `${tsExpr} ${cmp} ?`, params: [timeParam(this.ctx.dialect, ts.type, bound, cmp)] }),
        where,
        sum,
        sumParams: [],
      };
    } else {
      if (typeof input.eventType !== 'string' || !input.eventType) throw badInput(`${path}.eventType`, 'eventType is a name');
      if (this.ctx.eventsUnavailable) throw badInput(`${path}.eventType`, this.ctx.eventsUnavailable);
      const schema = this.ctx.eventTypes!.get(input.eventType);
      if (!schema) throw badInput(`${path}.eventType`, `No events of type "${input.eventType}" have been received in this workspace`);
      this.eventTypes.add(input.eventType);
      normalized.eventType = input.eventType;
      const typeOf = (p: unknown, fp: string): { path: string; type: ColumnType } => {
        if (typeof p !== 'string' || !p) throw badInput(fp, 'A property path is required, e.g. client.url');
        const types = Object.prototype.hasOwnProperty.call(schema, p) ? schema[p]!.filter((t) => t !== 'null') : null;
        if (!types?.length) throw badInput(fp, `Events of type "${input.eventType}" have no property "${p}"`);
        if (types.length > 1) throw badInput(fp, `Property "${p}" holds several types (${types.join(', ')}); conditions need one`);
        const type = ({ string: 'STRING', number: 'FLOAT', boolean: 'BOOLEAN' } as Record<string, ColumnType>)[types[0]!];
        if (!type) throw badInput(fp, `Property "${p}" is ${types[0]}; conditions take string, number or boolean properties`);
        return { path: p, type };
      };
      const where = filters.map((f: unknown, i: number) => {
        const fp = `${path}.where.${i}`;
        if (!isObject(f)) throw badInput(fp, 'A filter needs column (a property path) and operator');
        const prop = typeOf(f.column, `${fp}.column`);
        const expr = propertyExpr(this.ctx.dialect, prop.path, prop.type);
        const pred = predicate(this.ctx.dialect, expr.sql, prop.type, f.operator, f.values, fp, prop.path);
        // The expression comes first in every predicate, before any value.
        return { sql: pred.sql, params: [...expr.params, ...pred.params] };
      });
      let sum: string | null = null;
      let sumParams: unknown[] = [];
      if (aggregate === 'SUM') {
        const prop = typeOf(input.sumColumn, `${path}.sumColumn`);
        if (prop.type !== 'FLOAT') throw badInput(`${path}.sumColumn`, `Property "${prop.path}" is not a number; SUM needs a number property`);
        const expr = propertyExpr(this.ctx.dialect, prop.path, prop.type);
        sum = expr.sql;
        sumParams = expr.params;
        normalized.sumColumn = prop.path;
      }
      source = {
        table: '"event_log"',
        user: 'd."user_id"',
        time: (bound, cmp) => ({ sql: `d."time" ${cmp} ?`, params: [bound.toISOString()] }),
        where: [{ sql: `d."workspace_id" = ? AND d."type" = ?`, params: [this.ctx.workspaceId, input.eventType] }, ...where],
        sum,
        sumParams,
      };
    }
    if (filters.length) normalized.where = filters.map((f: any) => ({ column: f.column, operator: f.operator, ...(present(f.values) ? { values: f.values } : {}) }));
    Object.assign(normalized, window.normalized);

    const conditions: Fragment[] = [{ sql: `${source.user} IS NOT NULL`, params: [] }, ...source.where];
    if (window.from) conditions.push(source.time(window.from, '>='));
    if (window.to) conditions.push(source.time(window.to, window.toInclusive ? '<=' : '<'));
    const agg = aggregate === 'COUNT' ? { sql: 'COUNT(*)', params: [] as unknown[] } : { sql: `COALESCE(SUM(${source.sum}), 0)`, params: source.sumParams };
    const cmp = SQL_CMP[operator]!;
    const zeroMatches = compare(0, operator, value);
    const having = zeroMatches ? `NOT (${agg.sql} ${cmp} ?)` : `${agg.sql} ${cmp} ?`;
    const grouped: Fragment = source.table
      ? {
          sql: `SELECT CAST(${source.user} AS TEXT) AS user_id FROM ${source.table} d WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')} GROUP BY ${source.user} HAVING ${having}`,
          params: [...conditions.flatMap((c) => c.params), ...agg.params, value],
        }
      : { sql: NOBODY, params: [] };
    // A comparison that a user without activity satisfies ("fewer than 3") is everyone but those whose total fails it.
    const node: Node = zeroMatches ? { ...grouped, negated: true } : { ...grouped, negated: false };
    return { node, normalized: { activity: normalized } };
  }

  private window(input: Record<string, unknown>, path: string): { from: Date | null; to: Date | null; toInclusive: boolean; normalized: Record<string, unknown> } {
    const hasDays = present(input.lastDays);
    const hasRange = present(input.from) || present(input.to);
    if (hasDays && hasRange) throw badInput(`${path}.lastDays`, 'Set lastDays or a from/to range, not both');
    if (!hasDays && !hasRange) throw badInput(`${path}.lastDays`, 'Set lastDays (1–365) or a from/to range');
    if (hasDays) {
      const days = input.lastDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) throw badInput(`${path}.lastDays`, 'lastDays is a whole number from 1 to 365');
      return { from: new Date(this.ctx.now.getTime() - days * DAY_MS), to: this.ctx.now, toInclusive: true, normalized: { lastDays: days } };
    }
    const time = (v: unknown, field: string) => {
      if (!present(v)) throw badInput(`${path}.${field}`, `${field} is required with a range`);
      const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : new Date(NaN);
      if (Number.isNaN(d.getTime())) throw badInput(`${path}.${field}`, `${field} is an ISO-8601 time`);
      return d;
    };
    const from = time(input.from, 'from');
    const to = time(input.to, 'to');
    if (from >= to) throw badInput(`${path}.to`, 'to must be after from');
    return { from, to, toInclusive: false, normalized: { from: from.toISOString(), to: to.toISOString() } };
  }
}

const SQL_CMP: Partial<Record<Operator, string>> = { EQ: '=', NEQ: '<>', GT: '>', GTE: '>=', LT: '<', LTE: '<=' };

function compare(a: number, op: Operator, b: number): boolean {
  switch (op) {
    case 'EQ': return a === b;
    case 'NEQ': return a !== b;
    case 'GT': return a > b;
    case 'GTE': return a >= b;
    case 'LT': return a < b;
    case 'LTE': return a <= b;
    default: return false;
  }
}

/** An event property as an SQL value of its type; the path is a bound parameter. */
function propertyExpr(dialect: 'sqlite' | 'postgres', path: string, type: ColumnType): Fragment {
  const segments = path.split('.');
  if (dialect === 'sqlite') {
    // json_extract gives numbers, text, and booleans as 1/0; a value of another JSON type does not compare equal.
    const jsonPath = '$.properties' + segments.map((s) => `."${s.replace(/"/g, '')}"`).join('');
    return { sql: `json_extract(d."body", ?)`, params: [jsonPath] };
  }
  const arr = ['properties', ...segments];
  const text = `(d."body"::jsonb #>> ?::text[])`;
  const kind = { STRING: 'string', FLOAT: 'number', BOOLEAN: 'boolean' }[type as 'STRING'] ?? 'string';
  const cast = type === 'FLOAT' ? '::double precision' : type === 'BOOLEAN' ? '::boolean' : '';
  return { sql: `(CASE WHEN jsonb_typeof(d."body"::jsonb #> ?::text[]) = '${kind}' THEN ${text}${cast} END)`, params: [arr, arr] };
}

/** A bound value for a time column compared with an instant. */
function timeParam(dialect: 'sqlite' | 'postgres', type: ColumnType, bound: Date, cmp: string): unknown {
  if (type === 'DATE') {
    // A DATE d stands for d at 00:00 UTC: d >= t ⇔ d >= ceil(t); d <= t ⇔ d <= floor(t); d < t ⇔ d < ceil(t).
    const floor = bound.toISOString().slice(0, 10);
    const midnight = bound.getTime() % DAY_MS === 0;
    const ceil = midnight ? floor : new Date(Date.parse(floor) + DAY_MS).toISOString().slice(0, 10);
    return cmp === '<=' ? floor : ceil;
  }
  return dialect === 'sqlite' ? bound.getTime() : bound.toISOString();
}

/** A bound value of the column's type, or an InputError naming `path`. */
function valueOf(dialect: 'sqlite' | 'postgres', type: ColumnType, v: unknown, path: string, name: string): unknown {
  const wrong = (what: string) => badInput(path, `"${name}" is ${type}: the value must be ${what}`);
  switch (type) {
    case 'STRING':
      if (typeof v !== 'string') throw wrong('a string');
      return v;
    case 'INTEGER':
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw wrong('a whole number');
      return v;
    case 'FLOAT':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw wrong('a number');
      return v;
    case 'BOOLEAN':
      if (typeof v !== 'boolean') throw wrong('true or false');
      return dialect === 'sqlite' ? (v ? 1 : 0) : v;
    case 'DATE':
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw wrong('a date, YYYY-MM-DD');
      return v;
    case 'TIMESTAMP': {
      const ms = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
      if (Number.isNaN(ms)) throw wrong('an ISO-8601 time, e.g. 2026-12-01T10:00:00Z');
      return dialect === 'sqlite' ? ms : new Date(ms).toISOString();
    }
  }
}

/** `expr` compared by `operator` with `values`, checked against the column's type. */
export function predicate(dialect: 'sqlite' | 'postgres', expr: string, type: ColumnType, operator: unknown, values: unknown, path: string, name: string): Fragment {
  const op = operator as Operator;
  if (!OPERATORS.includes(op)) throw badInput(`${path}.operator`, `Unknown operator ${String(operator)}`);
  if (!OPERATORS_BY_TYPE[type].includes(op)) throw badInput(`${path}.operator`, `${op} does not fit "${name}" (${type}); use ${OPERATORS_BY_TYPE[type].join(', ')}`);
  const list = values === undefined || values === null ? [] : values;
  if (!Array.isArray(list)) throw badInput(`${path}.values`, 'values is a list');
  const need = (n: number | 'some') => {
    if (n === 'some' ? !list.length || list.length > MAX_VALUES : list.length !== n) {
      throw badInput(`${path}.values`, n === 0 ? `${op} takes no values` : n === 'some' ? `${op} takes 1 to ${MAX_VALUES} values` : `${op} takes ${n} value${n > 1 ? 's' : ''}`);
    }
  };
  const vals = () => list.map((v, i) => valueOf(dialect, type, v, `${path}.values.${i}`, name));
  switch (op) {
    case 'IS_NULL':
      need(0);
      return { sql: `${expr} IS NULL`, params: [] };
    case 'IS_NOT_NULL':
      need(0);
      return { sql: `${expr} IS NOT NULL`, params: [] };
    case 'IN':
    case 'NOT_IN':
      need('some');
      return { sql: `${expr} ${op === 'IN' ? 'IN' : 'NOT IN'} (${list.map(() => '?').join(', ')})`, params: vals() };
    case 'BETWEEN': {
      need(2);
      const [a, b] = vals();
      return { sql: `${expr} BETWEEN ? AND ?`, params: [a, b] };
    }
    case 'CONTAINS':
      need(1);
      return { sql: dialect === 'sqlite' ? `instr(${expr}, ?) > 0` : `strpos(${expr}, ?) > 0`, params: vals() };
    case 'STARTS_WITH': {
      need(1);
      const [v] = vals();
      return { sql: `substr(${expr}, 1, length(CAST(? AS TEXT))) = ?`, params: [v, v] };
    }
    default:
      need(1);
      return { sql: `${expr} ${SQL_CMP[op]} ?`, params: vals() };
  }
}
