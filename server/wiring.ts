import type { Services } from './services.js';

/**
 * Every cross-domain reaction, in one place: read this file to know what happens after a fact. Reactions run in the
 * process that published the fact, after its state was written, and are awaited by the publisher
 * (events/domain-events.ts). Services register no listeners themselves.
 *
 * After a connection turns ACTIVE     → a schema-refresh job discovers its tables.
 * After it turns INACTIVE/DEPRECATED  → its imports' queued and running runs are cancelled (deactivated by a
 *                                        person, credentials refused by the source, platform retired).
 * After a schema refresh              → schema-change detection compares each import of the connection with the
 *                                        stored tables: SchemaChangeDetected for new changes; the import is BLOCKED
 *                                        (or unblocked) through the import service (ImportStatusChanged).
 * After a run finishes                → nothing else reacts yet: ImportRunUpdated / ImportRunFinished reach
 *                                        GraphQL subscriptions; a retry, if any, was queued by the job engine.
 * After an import is deleted          → its schema changes are deleted.
 * Metrics (metrics/metrics.ts), counted by the process that published the fact:
 *   a run finished → runs, rows, bytes and duration by import type; a schema refresh ended → refreshes, requests,
 *   bytes; events ingested (each server's per-second tally) → events accepted and rejected.
 * Before a connection is deleted      → refused while imports use it (a guard).
 * Before a run reads (direct calls in runs/run-engine.ts, not events): a schema refresh job runs inline, its
 *   SchemaRefreshed reaction (detection) completes, then the run asks the import service whether it is BLOCKED.
 */
export function wire(s: Pick<Services, 'events' | 'connections' | 'schemaRefresh' | 'imports' | 'schemaChanges' | 'metrics'>): void {
  s.events.react('ConnectionStatusChanged', async (event) => {
    if (event.to === 'ACTIVE') await s.schemaRefresh.enqueue({ id: event.connectionId, workspaceId: event.workspaceId });
  });
  s.events.react('ConnectionStatusChanged', async (event) => {
    if (event.to !== 'INACTIVE' && event.to !== 'DEPRECATED') return;
    await s.imports.cancelRunsOfConnection(event.connectionId, `the connection turned ${event.to}${event.reason ? ` (${event.reason})` : ''}`);
  });
  s.events.react('SchemaRefreshed', async (event) => {
    if (!event.error) await s.schemaChanges.detectForConnection(event.connectionId);
  });
  s.events.react('ImportDeleted', async (event) => {
    await s.schemaChanges.forgetImport(event.importId);
  });
  // Metrics: one block.
  s.events.react('ImportRunFinished', async (event) => {
    const importType = (await s.imports.byId(event.importId))?.type ?? 'DELETED';
    s.metrics.runFinished({ importType, status: event.status, rowsRead: event.rowsRead ?? 0, rowsImported: event.rowsImported ?? 0, rowsRejected: event.rowsRejected ?? 0, bytesRead: event.bytesRead ?? 0, durationMs: event.durationMs ?? null });
  });
  s.events.react('SchemaRefreshed', (event) => s.metrics.schemaRefreshed(!event.error, event.requests ?? 0, event.bytesRead ?? 0));
  s.events.react('EventsIngested', (event) => s.metrics.eventsIngested(event.counts.reduce((n, c) => n + c.accepted, 0), event.counts.reduce((n, c) => n + c.rejected, 0)));
  s.connections.addDeleteGuard((connectionId) => s.imports.namesUsing(connectionId));
}
