import DataLoader from 'dataloader';
import type { ConnectionEntity } from '../connections/connection.entity.js';
import type { ImportRunEntity } from '../imports/import.entity.js';
import type { SchemaChangeEntity } from '../schema-changes/schema-change.entity.js';
import type { SegmentEvaluationEntity } from '../audiences/segment.entity.js';
import type { Services } from '../services.js';
import type { Principal } from '../workspaces/workspace.service.js';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * A DataLoader whose loaded values can also be read at once. A list that fetches its items' related rows ahead
 * (`prefetch`, all keys in one batch) lets each item's field answer with the value itself (`get`) instead of a
 * promise: graphql-js then completes the items without a promise and a `Promise.all` per item (bench:api).
 */
export class Loader<K, V> extends DataLoader<K, V> {
  private readonly settled: Map<K, V>;
  private readonly batchAll: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>) {
    const settled = new Map<K, V>();
    const batchAll = async (keys: readonly K[]) => {
      const values = await batch(keys);
      keys.forEach((key, i) => {
        const value = values[i];
        if (!(value instanceof Error)) settled.set(key, value as V);
      });
      return values;
    };
    super(batchAll);
    this.settled = settled;
    this.batchAll = batchAll;
  }

  /** The value when it is loaded already, else the promise of it (a failed load answers as `load` does). */
  get(key: K): V | Promise<V> {
    return this.settled.has(key) ? this.settled.get(key)! : this.load(key);
  }

  /**
   * Loads these keys now, in one batch. Never fails: a key that failed is loaded again where its field asks with `get`,
   * and fails there. The batch function is called at once with the keys not loaded yet, not through DataLoader's
   * `load` of each key (a promise, a cache entry and a batch slot per key, 150 per page of imports): its statement
   * is asked in this same tick, so the prefetches of one list still share one round trip (db/rows.ts `read`).
   */
  async prefetch(keys: readonly K[]): Promise<void> {
    const missing = [...new Set(keys)].filter((key) => !this.settled.has(key));
    if (!missing.length) return;
    try {
      await this.batchAll(missing);
    } catch {
      // each key's field asks again with `get`, and gets the error there
    }
  }
}

/** `fn` of a value, or of a promise's value once it settles: a value stays a value. (Not named `then`: a module exporting `then` is a thenable, and `await import()` of it would call it.) */
export function andThen<T, R>(value: T | Promise<T>, fn: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}

function memo<A, R>(fn: (arg: A) => R): (arg: A) => R {
  const cache = new Map<A, R>();
  return (arg) => {
    if (!cache.has(arg)) cache.set(arg, fn(arg));
    return cache.get(arg)!;
  };
}

/** Per-request batch loaders: a list of N connections costs one query per field, not N. */
export function createLoaders(services: Services, principal: Principal) {
  return {
    statusHistory: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await services.connections.history(ids), (e) => e.connectionId)),
    tables: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await services.schemaRefresh.tables(ids), (t) => t.connectionId)),
    schemaRefresh: new DataLoader(async (ids: readonly string[]) => {
      const rows = await services.schemaRefresh.state(ids);
      return ids.map((id) => rows.find((r) => r.connectionId === id) ?? null);
    }),
    connectionCounts: new DataLoader(async (workspaceIds: readonly string[]) =>
      Promise.all(workspaceIds.map((id) => services.connections.countByPlatform(id))),
    ),
    /** Runs per import, newest first, for one `limit` (one loader per limit in a request). */
    runs: memo((limit: number) => new Loader<string, ImportRunEntity[]>(async (ids: readonly string[]) => services.imports.runs(ids, limit))),
    /** Evaluations per segment, newest first, for one `limit` (Segment.sizeHistory). */
    sizeHistory: memo((limit: number) => new Loader<string, SegmentEvaluationEntity[]>(async (ids: readonly string[]) => services.segments.histories(ids, limit))),
    /** Schema changes per import, oldest first, of one status or (null) all, one loader per status asked in a request. */
    schemaChanges: memo(
      (status: string | null) =>
        new Loader<string, SchemaChangeEntity[]>(async (ids: readonly string[]) => groupBy(ids, await services.schemaChanges.list(ids, status), (c) => c.importId)),
    ),
    /** Connections by id, the caller's workspace only, in one statement, without their sealed credentials (never answered). */
    connection: new Loader<string, ConnectionEntity | null>(async (ids: readonly string[]) => {
      const rows = await services.connections.byIds(ids, ['sealedCredentials']);
      return ids.map((id) => rows.find((c) => c.id === id && c.workspaceId === principal.workspaceId) ?? null);
    }),
    /** Imports per connection (Connection.imports). */
    importsOfConnection: new DataLoader(async (ids: readonly string[]) => services.imports.ofConnections(principal, ids)),
  };
}
