import { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import pg from 'pg';
import { log } from '../log.js';

/** Topics every service publishes on; payloads are plain JSON so they can cross processes. */
export const Topic = {
  ConnectionStatus: 'CONNECTION_STATUS',
  ImportRun: 'IMPORT_RUN',
  SchemaChange: 'SCHEMA_CHANGE',
  ApiKeyRevoked: 'API_KEY_REVOKED',
} as const;
export type TopicName = (typeof Topic)[keyof typeof Topic];

/**
 * The event bus. State is written to the database first, then one event is published here; GraphQL subscriptions,
 * the UI and other servers read the same stream. On SQLite (one machine, one server) it is in-process;
 * on PostgreSQL it is LISTEN/NOTIFY, so every server sharing the database sees every event.
 */
export interface EventBus {
  publish(topic: TopicName, payload: object): Promise<void>;
  /** Calls `handler` for each event on `topic` until the returned function is called. */
  on(topic: TopicName, handler: (payload: any) => void): () => void;
  close(): Promise<void>;
}

/** In-process bus: events are JSON round-tripped so local and PostgreSQL delivery look the same to handlers. */
export class LocalBus implements EventBus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: TopicName, payload: object): Promise<void> {
    this.deliver(topic, JSON.stringify(payload));
  }

  protected deliver(topic: string, json: string): void {
    for (const listener of this.emitter.listeners(topic)) {
      try {
        listener(JSON.parse(json));
      } catch (error) {
        log.error('event handler failed', { topic, error: String(error) });
      }
    }
  }

  on(topic: TopicName, handler: (payload: any) => void): () => void {
    this.emitter.on(topic, handler);
    return () => this.emitter.off(topic, handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** NOTIFY payloads must stay under 8000 bytes; larger events carry only what subscribers need. */
const MAX_NOTIFY_BYTES = 7900;

/** PostgreSQL bus: one LISTEN connection per server; publish is NOTIFY, delivered to every server including this one. */
export class PgBus extends LocalBus {
  private constructor(private readonly listener: Client, private readonly publisher: pg.Pool, private readonly channel: string) {
    super();
  }

  /** `namespace` (the database schema) keeps servers of different Inlet instances on one database apart. */
  static async connect(url: string, namespace: string): Promise<PgBus> {
    const channel = `inlet_events_${namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const publisher = new pg.Pool({ connectionString: url, max: 2 });
    const bus = new PgBus(listener, publisher, channel);
    listener.on('notification', (msg) => {
      if (msg.channel !== channel || !msg.payload) return;
      const split = msg.payload.indexOf('\n');
      bus.deliver(msg.payload.slice(0, split), msg.payload.slice(split + 1));
    });
    listener.on('error', (error) => log.error('event bus connection failed', { error: error.message }));
    await listener.query(`LISTEN ${channel}`);
    return bus;
  }

  override async publish(topic: TopicName, payload: object): Promise<void> {
    const message = `${topic}\n${JSON.stringify(payload)}`;
    if (Buffer.byteLength(message) > MAX_NOTIFY_BYTES) throw new Error(`event on ${topic} is too large for NOTIFY`);
    await this.publisher.query('SELECT pg_notify($1, $2)', [this.channel, message]);
  }

  override async close(): Promise<void> {
    await super.close();
    await this.listener.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
  }
}
