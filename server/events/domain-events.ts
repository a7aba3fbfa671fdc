import type { ConnectionStatus } from '../connections/connection.entity.js';
import { log } from '../log.js';
import { Topic, type EventBus, type TopicName } from './bus.js';

/**
 * Typed domain events on top of the string/JSON bus: one type per fact, published once by the domain that changed
 * the state (after writing it). Two ways to listen:
 * - `on(type, …)`: every server hears every event (GraphQL subscriptions, the UI);
 * - `react(type, …)`: a cross-domain reaction (server/wiring.ts), run once, in the process that published the
 *   fact, and awaited by `publish`, so what follows a fact has happened when its publisher carries on.
 */

/** A connection's status changed (`from` null: it was just created). */
export interface ConnectionStatusChanged {
  type: 'ConnectionStatusChanged';
  connectionId: string;
  workspaceId: string;
  from: ConnectionStatus | null;
  to: ConnectionStatus;
  reason: string | null;
  at: string;
}

/** A schema refresh ended: `error` null when the tables were stored. */
export interface SchemaRefreshed {
  type: 'SchemaRefreshed';
  connectionId: string;
  workspaceId: string;
  tables: number;
  error: string | null;
  /** What the refresh cost at the source (metrics). */
  requests?: number;
  bytesRead?: number;
}

/** An import run's row changed (queued, started, progress, ended); the run's fields without its rejects sample. */
export interface ImportRunUpdated {
  type: 'ImportRunUpdated';
  id: string;
  importId: string;
  workspaceId: string;
  status: string;
  [field: string]: unknown;
}

/** An import run reached a final status (SUCCEEDED, FAILED, CANCELLED). */
export interface ImportRunFinished {
  type: 'ImportRunFinished';
  runId: string;
  importId: string;
  workspaceId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  error: string | null;
  /** The run's counts as it ended (metrics); duration null when it never started. */
  rowsRead?: number;
  rowsImported?: number;
  rowsRejected?: number;
  bytesRead?: number;
  durationMs?: number | null;
}

/** A schema change was detected on an import's table (the change's fields). */
export interface SchemaChangeDetected {
  type: 'SchemaChangeDetected';
  id: string;
  importId: string;
  workspaceId: string;
  [field: string]: unknown;
}

/** An import's status changed: BLOCKED by a schema change, unblocked, paused, resumed. */
export interface ImportStatusChanged {
  type: 'ImportStatusChanged';
  importId: string;
  workspaceId: string;
  from: 'ACTIVE' | 'PAUSED' | 'BLOCKED';
  to: 'ACTIVE' | 'PAUSED' | 'BLOCKED';
  reason: string | null;
}

/** An import was deleted with its runs and data. */
export interface ImportDeleted {
  type: 'ImportDeleted';
  importId: string;
  workspaceId: string;
}

/** An API key was revoked (its open subscriptions close). */
export interface ApiKeyRevoked {
  type: 'ApiKeyRevoked';
  keyId: string;
}

/** Events one server accepted for a workspace in the last second, by type (at most one message a second per server). */
export interface EventsIngested {
  type: 'EventsIngested';
  workspaceId: string;
  at: string;
  counts: { type: string; accepted: number; rejected: number }[];
}

/** A segment was evaluated: its membership was swapped (audiences). */
export interface SegmentEvaluated {
  type: 'SegmentEvaluated';
  segmentId: string;
  workspaceId: string;
  code: number;
  at: string;
  size: number;
  added: number;
  removed: number;
  durationMs: number;
}

/** A segment was deleted with its membership (audiences). */
export interface SegmentDeleted {
  type: 'SegmentDeleted';
  segmentId: string;
  workspaceId: string;
  code: number;
}

/** A connection was deleted (its history, and a destination's deliveries and position, go with it). */
export interface ConnectionDeleted {
  type: 'ConnectionDeleted';
  connectionId: string;
  workspaceId: string;
  platform: string;
}

/** A destination's delivery was recorded or changed (uploading, retrying, delivered, failed); the Delivery's fields. */
export interface DeliveryUpdated {
  type: 'DeliveryUpdated';
  id: string;
  connectionId: string;
  workspaceId: string;
  dataType: string;
  key: string;
  rows: number;
  bytes: number;
  windowStart: string | null;
  windowEnd: string | null;
  attempt: number;
  status: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export type DomainEvent = ConnectionStatusChanged | SchemaRefreshed | ImportRunUpdated | ImportRunFinished | SchemaChangeDetected | ImportStatusChanged | ImportDeleted | ApiKeyRevoked | EventsIngested | SegmentEvaluated | SegmentDeleted | ConnectionDeleted | DeliveryUpdated;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** The bus topic of each event type: the four the API had keep their names, so other servers and clients agree. */
export const EVENT_TOPICS: Record<DomainEventType, string> = {
  ConnectionStatusChanged: Topic.ConnectionStatus,
  ImportRunUpdated: Topic.ImportRun,
  SchemaChangeDetected: Topic.SchemaChange,
  ApiKeyRevoked: Topic.ApiKeyRevoked,
  SchemaRefreshed: 'SCHEMA_REFRESHED',
  ImportRunFinished: 'IMPORT_RUN_FINISHED',
  ImportStatusChanged: 'IMPORT_STATUS',
  ImportDeleted: 'IMPORT_DELETED',
  EventsIngested: 'EVENTS_INGESTED',
  SegmentEvaluated: 'SEGMENT_EVALUATED',
  SegmentDeleted: 'SEGMENT_DELETED',
  ConnectionDeleted: 'CONNECTION_DELETED',
  DeliveryUpdated: 'DELIVERY_UPDATED',
};

/** The bus topic for an event type (GraphQL `@Subscription({ topics })` uses it). */
export function topicOf(type: DomainEventType): TopicName {
  // The transport takes any string topic; its type lists only the original four.
  return EVENT_TOPICS[type] as TopicName;
}

type Reaction<T extends DomainEventType> = (event: EventOf<T>) => Promise<void> | void;

/** The typed bus every domain publishes on. */
export class DomainEvents {
  private readonly reactions = new Map<DomainEventType, ((event: DomainEvent) => Promise<void> | void)[]>();

  constructor(readonly bus: EventBus) {}

  /** Publishes one fact: runs this process's reactions (awaited; a failing one is logged), then tells every server. */
  async publish<E extends DomainEvent>(event: E): Promise<void> {
    for (const reaction of this.reactions.get(event.type) ?? []) {
      try {
        await reaction(event);
      } catch (error) {
        log.error('event reaction failed', { type: event.type, error: String((error as Error)?.stack ?? error) });
      }
    }
    try {
      await this.bus.publish(topicOf(event.type), event);
    } catch (error) {
      // The state is already written; a lost notification must not turn a done change into a failure.
      log.error('event not delivered', { type: event.type, error: String(error) });
    }
  }

  /** Every event of `type` from every server, until the returned function is called. */
  on<T extends DomainEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    return this.bus.on(topicOf(type), (payload: EventOf<T>) => {
      if (payload?.type === type) handler(payload);
    });
  }

  /** A cross-domain reaction to `type` (register them in server/wiring.ts only). */
  react<T extends DomainEventType>(type: T, reaction: Reaction<T>): void {
    const list = this.reactions.get(type) ?? [];
    list.push(reaction as (event: DomainEvent) => Promise<void> | void);
    this.reactions.set(type, list);
  }
}
