import { EventEmitter } from 'node:events';
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
  /**
   * Whether events flow: 'reconnecting' while a PostgreSQL bus has lost its LISTEN connection (events published
   * meanwhile are lost to this server's subscribers), 'closed' after `close()`. A bus without it is always connected.
   */
  readonly state?: BusState;
  /** Calls `handler` on every change of `state` until the returned function is called. */
  onStateChange?(handler: (state: BusState, reason: string | null) => void): () => void;
}

/** See `EventBus.state`. */
export type BusState = 'connected' | 'reconnecting' | 'closed';

/** In-process bus: events are JSON round-tripped so local and PostgreSQL delivery look the same to handlers. */
export class LocalBus implements EventBus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly states = new EventEmitter().setMaxListeners(0);
  private current: BusState = 'connected';

  get state(): BusState {
    return this.current;
  }

  onStateChange(handler: (state: BusState, reason: string | null) => void): () => void {
    this.states.on('state', handler);
    return () => this.states.off('state', handler);
  }

  protected setState(state: BusState, reason: string | null = null): void {
    if (state === this.current) return;
    this.current = state;
    for (const handler of this.states.listeners('state')) {
      try {
        handler(state, reason);
      } catch (error) {
        log.error('bus state handler failed', { state, error: String(error) });
      }
    }
  }

  /** How many handlers listen on `topic` (open subscriptions, mostly): lets a test know a subscription is in place. */
  listenerCount(topic: TopicName): number {
    return this.emitter.listenerCount(topic);
  }

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
    this.setState('closed');
    this.states.removeAllListeners();
  }
}

/** NOTIFY payloads must stay under 8000 bytes; larger events carry only what subscribers need. */
const MAX_NOTIFY_BYTES = 7900;

/** How the LISTEN connection is made and kept; the defaults suit production. */
export interface PgBusOptions {
  /** Where the LISTEN connection goes (INLET_BUS_DATABASE_URL): a session-mode address when publishers go through a transaction pooler. */
  listenUrl?: string;
  /** First reconnect delay and its cap; each failed attempt doubles the delay, jittered to 50–100% of it. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** How often the idle LISTEN connection is asked `SELECT 1`, so a connection that died silently (a failover without a reset) is noticed. */
  heartbeatMs?: number;
  /** How long a connection attempt or a heartbeat may take before the connection counts as lost. */
  timeoutMs?: number;
}

/**
 * PostgreSQL bus: one LISTEN connection per server; publish is NOTIFY, delivered to every server including this one.
 * When the LISTEN connection drops (a restart, a failover, a reaper), the bus turns 'reconnecting', connects again
 * with capped, jittered backoff and LISTENs again, then turns 'connected'. NOTIFY is not queued for a session that
 * is not listening: what was published in between never reaches this server's subscribers.
 */
export class PgBus extends LocalBus {
  private listener: pg.Client | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private beating = false;
  private closed = false;
  private readonly options: Required<Omit<PgBusOptions, 'listenUrl'>> & { listenUrl: string };

  private constructor(
    private readonly publisher: pg.Pool,
    /** The NOTIFY channel: one per Inlet instance (database schema). */
    readonly channel: string,
    /** Set on the LISTEN connection so operators (and tests) can find it in pg_stat_activity. */
    readonly applicationName: string,
    url: string,
    options: PgBusOptions,
  ) {
    super();
    this.options = { listenUrl: options.listenUrl ?? url, reconnectInitialMs: 250, reconnectMaxMs: 30_000, heartbeatMs: 30_000, timeoutMs: 10_000, ...stripUndefined(options) };
  }

  /** `namespace` (the database schema) keeps servers of different Inlet instances on one database apart. */
  static async connect(url: string, namespace: string, options: PgBusOptions = {}): Promise<PgBus> {
    const safe = namespace.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
    const channel = `inlet_events_${safe}`;
    const publisher = new pg.Pool({ connectionString: url, max: 2, application_name: 'inlet-bus-publish' });
    // An idle pooled connection that PostgreSQL closes (a restart) emits 'error' on the pool: without a handler it would end the process.
    publisher.on('error', (error) => log.warn('event bus publisher connection lost', { error: error.message }));
    // application_name is at most 63 bytes.
    const bus = new PgBus(publisher, channel, `inlet-bus ${safe}`.slice(0, 63), url, options);
    try {
      await bus.open();
    } catch (error) {
      await publisher.end().catch(() => undefined);
      throw error;
    }
    bus.heartbeatTimer = setInterval(() => void bus.heartbeat(), bus.options.heartbeatMs);
    bus.heartbeatTimer.unref();
    return bus;
  }

  /** Connects and LISTENs; the client becomes the listener only once LISTEN has succeeded. */
  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.listenUrl,
      application_name: this.applicationName,
      keepAlive: true,
      connectionTimeoutMillis: this.options.timeoutMs,
    });
    client.on('notification', (msg) => {
      if (client !== this.listener || msg.channel !== this.channel || !msg.payload) return;
      const split = msg.payload.indexOf('\n');
      this.deliver(msg.payload.slice(0, split), msg.payload.slice(split + 1));
    });
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      client.removeAllListeners('notification');
      // A client that failed half-way may still hold a socket.
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  /** The LISTEN connection is gone: say so, and start reconnecting. Events from an older client are ignored. */
  private lost(client: pg.Client, reason: string): void {
    if (client !== this.listener || this.closed) return;
    this.listener = null;
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    log.warn('event bus connection lost: reconnecting', { reason, channel: this.channel });
    this.setState('reconnecting', reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const ceiling = Math.min(this.options.reconnectMaxMs, this.options.reconnectInitialMs * 2 ** this.attempt);
    // Jitter keeps the servers of a restarted database from reconnecting in lockstep.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt = Math.min(this.attempt + 1, 30);
    this.retryTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.retryTimer = null;
    if (this.closed) return;
    try {
      await this.open();
    } catch (error) {
      if (this.closed) return;
      log.warn('event bus reconnect failed', { attempt: this.attempt, error: (error as Error).message, channel: this.channel });
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      const client = this.listener;
      this.listener = null;
      await client?.end().catch(() => undefined);
      return;
    }
    log.info('event bus reconnected', { attempts: this.attempt, channel: this.channel });
    this.attempt = 0;
    this.setState('connected');
  }

  /** A LISTEN connection can die without a reset (a failover, a dropped route): a query that gets no answer finds out. */
  private async heartbeat(): Promise<void> {
    const client = this.listener;
    if (!client || this.beating) return;
    this.beating = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the connection did not answer a heartbeat')), this.options.timeoutMs);
    });
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
    } catch (error) {
      this.lost(client, (error as Error).message);
    } finally {
      clearTimeout(timer);
      this.beating = false;
    }
  }

  override async publish(topic: TopicName, payload: object): Promise<void> {
    const message = `${topic}\n${JSON.stringify(payload)}`;
    if (Buffer.byteLength(message) > MAX_NOTIFY_BYTES) throw new Error(`event on ${topic} is too large for NOTIFY`);
    await this.publisher.query('SELECT pg_notify($1, $2)', [this.channel, message]);
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const listener = this.listener;
    this.listener = null;
    await super.close();
    await listener?.end().catch(() => undefined);
    await this.publisher.end().catch(() => undefined);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
