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
 * Alerts (notifications/alert.service.ts): a run's final end, an import BLOCKED or unblocked, a supported schema
 *   change awaiting a decision, a connection turning INACTIVE → the alert state moves by compare-and-set and, on a
 *   change of state, one delivery job per channel that wants the alert. An import's alert state goes with it.
 * Before a connection is deleted      → refused while imports use it (a guard).
 * Before a run reads (direct calls in runs/run-engine.ts, not events): a schema refresh job runs inline, its
 *   SchemaRefreshed reaction (detection) completes, then the run asks the import service whether it is BLOCKED.
 */
export function wire(s: Pick<Services, 'events' | 'connections' | 'schemaRefresh' | 'imports' | 'schemaChanges' | 'alerts'>): void {
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
  // Alerts (issue 18).
  s.events.react('ImportRunFinished', (event) => s.alerts.runFinished(event));
  s.events.react('ImportStatusChanged', (event) => s.alerts.importStatusChanged(event));
  s.events.react('SchemaChangeDetected', (event) => s.alerts.schemaChangeDetected(event));
  s.events.react('ConnectionStatusChanged', (event) => s.alerts.connectionStatusChanged(event));
  s.events.react('ImportDeleted', (event) => s.alerts.forget(event.workspaceId, `import:${event.importId}`));
  s.connections.addDeleteGuard((connectionId) => s.imports.namesUsing(connectionId));
}
