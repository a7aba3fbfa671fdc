import DataLoader from 'dataloader';
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
    runs: memo((limit: number) => new DataLoader(async (ids: readonly string[]) => services.imports.runs(ids, limit))),
    schemaChanges: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await services.schemaChanges.list(ids), (c) => c.importId)),
    /** Connections by id, the caller's workspace only, in one statement. */
    connection: new DataLoader(async (ids: readonly string[]) => {
      const rows = await services.connections.byIds(ids);
      return ids.map((id) => rows.find((c) => c.id === id && c.workspaceId === principal.workspaceId) ?? null);
    }),
    /** Imports per connection (Connection.imports). */
    importsOfConnection: new DataLoader(async (ids: readonly string[]) => services.imports.ofConnections(principal, ids)),
  };
}
