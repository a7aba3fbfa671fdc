import { platformById } from './catalog/platforms.js';
import type { PlatformId } from './config.js';
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
 * After a destination's status changes → routing gives a new one its state and log position, and a writer when ACTIVE
 *                                        (the writer itself stops when it sees the destination INACTIVE or paused).
 * After a connection is deleted       → a destination's deliveries, state and log position are deleted.
 * Metrics (metrics/metrics.ts), counted by the process that published the fact:
 *   a run finished → runs, rows, bytes and duration by import type; a schema refresh ended → refreshes, requests,
 *   bytes; events ingested (each server's per-second tally) → events accepted and rejected.
 * Alerts (notifications/alert.service.ts): a run's final end, an import BLOCKED or unblocked, a supported schema
 *   change awaiting a decision, a connection turning INACTIVE → the alert state moves by compare-and-set and, on a
 *   change of state, one delivery job per channel that wants the alert, in the same transaction. An import's alert
 *   state goes with it.
 * Before a connection is deleted      → refused while imports use it (a guard).
 * Audiences (segments):
 *   after a run succeeds              → each segment using the import is evaluated once for that run (a slot per
 *                                        segment and run, so servers reacting together queue one evaluation);
 *   after an import turns BLOCKED     → the segments using it turn STALE, naming it; after it is ACTIVE again → they
 *                                        are evaluated (READY after);
 *   before an import is deleted, or changes to its columns are dismissed → refused while segments use them (a guard);
 *   after a segment is evaluated or deleted (any server) → this server's membership cache forgets the workspace;
 *   events take the codes of their user's segments from that cache (ingest's segment lookup).
 * Before a run reads (direct calls in runs/run-engine.ts, not events): a schema refresh job runs inline, its
 *   SchemaRefreshed reaction (detection) completes, then the run asks the import service whether it is BLOCKED.
 */
export function wire(s: Pick<Services, 'events' | 'connections' | 'schemaRefresh' | 'imports' | 'schemaChanges' | 'segments' | 'membershipCache' | 'ingest' | 'routing' | 'metrics' | 'alerts'>): void {
  s.events.react('ConnectionStatusChanged', async (event) => {
    if (event.to !== 'ACTIVE') return;
    // Destinations have no tables to discover: no schema refresh for them.
    const connection = await s.connections.byId(event.connectionId);
    if (connection && platformById(connection.platform as PlatformId).type === 'DESTINATION') return;
    await s.schemaRefresh.enqueue({ id: event.connectionId, workspaceId: event.workspaceId });
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
  // Alerts (issue 18).
  s.events.react('ImportRunFinished', (event) => s.alerts.runFinished(event));
  s.events.react('ImportStatusChanged', (event) => s.alerts.importStatusChanged(event));
  s.events.react('SchemaChangeDetected', (event) => s.alerts.schemaChangeDetected(event));
  s.events.react('ConnectionStatusChanged', (event) => s.alerts.connectionStatusChanged(event));
  s.events.react('ImportDeleted', (event) => s.alerts.forget(event.workspaceId, `import:${event.importId}`));
  s.connections.addDeleteGuard((connectionId) => s.imports.namesUsing(connectionId));

  // Audiences.
  s.events.react('ImportRunFinished', async (event) => {
    if (event.status === 'SUCCEEDED') await s.segments.importRunSucceeded(event.importId, event.workspaceId, event.runId);
  });
  s.events.react('ImportStatusChanged', async (event) => {
    if (event.to === 'BLOCKED') await s.segments.importBlocked(event.importId, event.workspaceId);
    else if (event.from === 'BLOCKED') await s.segments.importHealthy(event.importId, event.workspaceId);
  });
  s.imports.addUsageGuard((imp, columns) => s.segments.usingImport(imp.id, imp.workspaceId, columns));
  s.events.on('SegmentEvaluated', (event) => s.membershipCache.invalidate(event.workspaceId));
  s.events.on('SegmentDeleted', (event) => s.membershipCache.invalidate(event.workspaceId));
  s.ingest.setSegmentLookup((workspaceId, userIds) => s.membershipCache.codes(workspaceId, userIds));
  s.events.react('ConnectionStatusChanged', async (event) => {
    await s.routing.onConnectionStatus(event);
  });
  s.events.react('ConnectionDeleted', async (event) => {
    await s.routing.forget(event);
  });
  // Segment metadata snapshots for streaming destinations.
  s.events.react('SegmentEvaluated', (event) => s.routing.segmentsChanged(event.workspaceId));
  s.events.react('SegmentDeleted', (event) => s.routing.segmentsChanged(event.workspaceId));
  // DESTINATION_LAGGING from routing's periodic lag check.
  s.routing.onLag((lag) => s.alerts.destinationLag(lag.workspaceId, lag.destination, lag.seconds));
}
