import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { ConnectionService } from '../connections/connection.service.js';
import type { ConnectionStatusChanged, ImportRunFinished, ImportStatusChanged, SchemaChangeDetected } from '../events/domain-events.js';
import type { ImportService } from '../imports/import.service.js';
import type { JobEngine } from '../jobs/engine.js';
import { log } from '../log.js';
import type { SchemaChangeService } from '../schema-changes/schema-change.service.js';
import { AlertStateEntity, type AlertKind } from './notification.entity.js';
import type { Alert, NotificationService } from './notification.service.js';

const UNIQUE = /unique|duplicate/i;

/** The state of one family of alerts for one subject, as stored. */
export interface AlertState {
  state: string;
  streak: number;
  lastEvent: string | null;
}

/** A step of a family's state machine: the next state and the alerts the change fires, or null when nothing changes. */
export type AlertStep = (current: AlertState | null) => { next: AlertState; fire: AlertKind[] } | null;

/**
 * Alerts from the typed domain events (wired in server/wiring.ts), one notification per change of state, not per run
 * (Hightouch's rule). Each (workspace, subject, family) keeps its state in `alert_state`; a fact moves it by
 * compare-and-set on the version it read, and only the caller whose write wins sends the alerts, so two servers
 * applying the same fact notify once. Families:
 *
 * - run (an import):        OK ⇄ FAILING. The first final failure fires RUN_FAILED; the Nth in a row (INLET_ALERT_REPEATED_FAILURES,
 *                           3) fires REPEATED_FAILURES once; the first success after failures fires RUN_RECOVERED. A failed
 *                           attempt the job engine will retry is not final and counts for nothing; the same run applied twice
 *                           counts once (lastEvent).
 * - blocked (an import):    ACTIVE ⇄ BLOCKED: IMPORT_BLOCKED, IMPORT_UNBLOCKED.
 * - schema (an import):     the set of supported changes awaiting a decision; SCHEMA_CHANGE_PENDING when a change not in the set
 *                           before appears (several columns found by one refresh: one alert).
 * - connection:             its status; CONNECTION_INACTIVE when it turns INACTIVE.
 * - lag (a streaming destination): OK ⇄ LAGGING by INLET_ALERT_LAG_SECONDS; DESTINATION_LAGGING when it turns LAGGING
 *                           (routing's periodic lag check, wired in server/wiring.ts).
 */
export class AlertService {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationService,
    private readonly imports: ImportService,
    private readonly connections: ConnectionService,
    private readonly schemaChanges: SchemaChangeService,
    private readonly jobs: JobEngine,
    private readonly config: Config,
  ) {}

  /**
   * Moves one family's state by compare-and-set and, in the same transaction, queues the deliveries of the alerts the
   * change fires (worded by `compose`, which reads what it needs before the write): a server stopped between the two
   * leaves neither, so the next application of the fact fires them. Returns the alerts this caller sent.
   */
  async transition(workspaceId: string, subject: string, family: string, step: AlertStep, compose: (fire: AlertKind[]) => Promise<Alert[]>): Promise<AlertKind[]> {
    const repo = this.db.getRepository(AlertStateEntity);
    for (let tries = 0; tries < 20; tries++) {
      const row = await repo.findOneBy({ workspaceId, subject, family });
      const outcome = step(row ? { state: row.state, streak: row.streak, lastEvent: row.lastEvent } : null);
      if (!outcome) return [];
      const alerts = outcome.fire.length ? await compose(outcome.fire) : [];
      const now = new Date();
      try {
        const won = await this.jobs.transaction(async (tx) => {
          const states = tx.getRepository(AlertStateEntity);
          if (!row) await states.insert({ workspaceId, subject, family, ...outcome.next, version: 1, updatedAt: now });
          else if (!(await states.update({ workspaceId, subject, family, version: row.version }, { ...outcome.next, version: row.version + 1, updatedAt: now })).affected) return false;
          for (const alert of alerts) await this.notifications.send(tx, alert);
          return true;
        });
        if (!won) continue;
      } catch (error) {
        if (!row && UNIQUE.test(String((error as Error).message))) continue; // another server wrote first: read its state
        throw error;
      }
      for (const alert of alerts) log.info('alert', { kind: alert.kind, workspaceId, subject });
      return outcome.fire;
    }
    log.warn('alert state kept changing; gave up', { workspaceId, subject, family });
    return [];
  }

  /** A run reached a final status. */
  async runFinished(event: ImportRunFinished): Promise<void> {
    if (event.status === 'CANCELLED') return;
    if (event.status === 'FAILED' && (await this.jobs.retryPending(event.runId))) return;
    const n = this.config.alertRepeatedFailures;
    let streakBefore = 0;
    await this.transition(event.workspaceId, `import:${event.importId}`, 'run', (current) => {
      if (current?.lastEvent === event.runId) return null;
      streakBefore = current?.state === 'FAILING' ? current.streak : 0;
      if (event.status === 'SUCCEEDED') {
        if (current?.state !== 'FAILING') return null;
        return { next: { state: 'OK', streak: 0, lastEvent: event.runId }, fire: ['RUN_RECOVERED'] };
      }
      const streak = streakBefore + 1;
      const fire: AlertKind[] = [];
      if (streak === 1) fire.push('RUN_FAILED');
      if (streak === n) fire.push('REPEATED_FAILURES');
      return { next: { state: 'FAILING', streak, lastEvent: event.runId }, fire };
    }, async (fire) => {
      const imp = await this.imports.byId(event.importId);
      if (!imp) return [];
      const connection = await this.connections.byId(imp.connectionId);
      return fire.map((kind) => ({
        kind, workspaceId: imp.workspaceId, subject: `import:${imp.id}`, path: `/imports/${imp.id}`,
        reason:
          kind === 'RUN_FAILED' ? `A run of import "${imp.name}" failed: ${event.error ?? 'no reason was recorded'}`
          : kind === 'REPEATED_FAILURES' ? `${n} runs of import "${imp.name}" failed in a row; the last: ${event.error ?? 'no reason was recorded'}`
          : `Import "${imp.name}" ran successfully again after ${streakBefore} failed run${streakBefore === 1 ? '' : 's'}`,
        import: { id: imp.id, name: imp.name }, ...(connection ? { connection: { id: connection.id, name: connection.name } } : {}),
      }));
    });
  }

  /** An import turned BLOCKED, or left BLOCKED. */
  async importStatusChanged(event: ImportStatusChanged): Promise<void> {
    if (event.to !== 'BLOCKED' && event.from !== 'BLOCKED') return;
    const blocked = event.to === 'BLOCKED';
    await this.transition(event.workspaceId, `import:${event.importId}`, 'blocked', (current) => {
      const was = current?.state === 'BLOCKED';
      if (was === blocked) return null;
      return { next: { state: blocked ? 'BLOCKED' : 'ACTIVE', streak: 0, lastEvent: null }, fire: [blocked ? 'IMPORT_BLOCKED' : 'IMPORT_UNBLOCKED'] };
    }, async ([kind]) => {
      const imp = await this.imports.byId(event.importId);
      if (!imp) return [];
      const reason = blocked
        ? `Import "${imp.name}" is BLOCKED: ${event.reason ?? 'an unsupported schema change'}`
        : `Import "${imp.name}" is ${event.to} again: nothing blocks it any more${event.reason ? ` (${event.reason})` : ''}`;
      return [{ kind: kind!, workspaceId: imp.workspaceId, subject: `import:${imp.id}`, path: `/imports/${imp.id}`, reason, import: { id: imp.id, name: imp.name } }];
    });
  }

  /** A schema change was detected: a supported one awaits a decision (accept or dismiss). */
  async schemaChangeDetected(event: SchemaChangeDetected): Promise<void> {
    if (event.support !== 'SUPPORTED') return;
    const pending = (await this.schemaChanges.list([event.importId], 'PENDING')).filter((c) => c.support === 'SUPPORTED');
    const ids = pending.map((c) => c.id).sort();
    await this.transition(event.workspaceId, `import:${event.importId}`, 'schema', (current) => {
      const before = new Set<string>(current ? (JSON.parse(current.state) as string[]) : []);
      const fresh = pending.filter((c) => !before.has(c.id));
      if (current && current.state === JSON.stringify(ids)) return null;
      return { next: { state: JSON.stringify(ids), streak: 0, lastEvent: null }, fire: fresh.length ? ['SCHEMA_CHANGE_PENDING'] : [] };
    }, async () => {
      const imp = await this.imports.byId(event.importId);
      if (!imp) return [];
      const reason = `Import "${imp.name}" has ${pending.length} schema change${pending.length === 1 ? '' : 's'} awaiting a decision: ${pending.map((c) => c.description).join('; ')}. Accept or dismiss ${pending.length === 1 ? 'it' : 'them'} on the import's page.`;
      return [{ kind: 'SCHEMA_CHANGE_PENDING', workspaceId: imp.workspaceId, subject: `import:${imp.id}`, path: `/imports/${imp.id}`, reason, import: { id: imp.id, name: imp.name } }];
    });
  }

  /** A connection's status changed. */
  async connectionStatusChanged(event: ConnectionStatusChanged): Promise<void> {
    await this.transition(event.workspaceId, `connection:${event.connectionId}`, 'connection', (current) => {
      if (current?.state === event.to) return null;
      return { next: { state: event.to, streak: 0, lastEvent: null }, fire: event.to === 'INACTIVE' ? ['CONNECTION_INACTIVE'] : [] };
    }, async () => {
      const connection = await this.connections.byId(event.connectionId);
      if (!connection) return [];
      return [{
        kind: 'CONNECTION_INACTIVE', workspaceId: connection.workspaceId, subject: `connection:${connection.id}`, path: `/connections/${connection.id}`,
        reason: `Connection "${connection.name}" turned INACTIVE: ${event.reason ?? 'no reason was given'}`, connection: { id: connection.id, name: connection.name },
      }];
    });
  }

  /** A streaming destination's lag was measured: DESTINATION_LAGGING once when it passes the threshold. */
  async destinationLag(workspaceId: string, connectionId: string, seconds: number): Promise<void> {
    const state = seconds > this.config.alertLagSeconds ? 'LAGGING' : 'OK';
    await this.transition(workspaceId, `connection:${connectionId}`, 'lag', (current) => {
      if ((current?.state ?? 'OK') === state && current) return null;
      return { next: { state, streak: 0, lastEvent: null }, fire: state === 'LAGGING' ? ['DESTINATION_LAGGING'] : [] };
    }, async () => {
      const connection = await this.connections.byId(connectionId);
      if (!connection) return [];
      return [{
        kind: 'DESTINATION_LAGGING', workspaceId, subject: `connection:${connectionId}`, path: `/connections/${connectionId}`,
        reason: `Destination "${connection.name}" is ${Math.round(seconds)} s behind (more than ${this.config.alertLagSeconds} s): its oldest undelivered event is that old`,
        connection: { id: connectionId, name: connection.name },
      }];
    });
  }

  /** Forgets a deleted subject's alert state. */
  async forget(workspaceId: string, subject: string): Promise<void> {
    await this.db.getRepository(AlertStateEntity).delete({ workspaceId, subject });
  }
}
