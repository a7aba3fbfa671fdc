import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** Platforms, as the contract names them. */
export const PLATFORM_IDS = ['BIGQUERY', 'SNOWFLAKE', 'S3', 'GCS', 'S3_STREAMING', 'S3_BATCH'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** Retry delays for a source that is down (1, 5 and 25 minutes by default). */
/** INLET_AWS_ACCOUNT_ID when unset: no real account, so a bucket policy naming it grants nothing (the UI warns). */
export const PLACEHOLDER_AWS_ACCOUNT_ID = '000000000000';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` for PostgreSQL; empty for SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Schema to use in PostgreSQL (tests give each file its own). */
  databaseSchema: string | null;
  /** Where the event bus's LISTEN connection goes (a session-mode address when DATABASE_URL is a transaction pooler); DATABASE_URL when unset. */
  busDatabaseUrl: string | null;
  /** 32-byte key that seals credentials; from INLET_MASTER_KEY or a key file in dataDir. */
  masterKey: string | null;
  /** Admin API key to use on first start instead of generating one. */
  initialApiKey: string | null;
  allowPrivateEndpoints: boolean;
  deprecatedPlatforms: PlatformId[];
  /** Inlet's own AWS principal, for the bucket policy users paste into their bucket. */
  awsAccountId: string;
  awsRoleName: string;
  /** STS endpoint used to assume customers' roles (AWS's when unset). */
  stsEndpoint: string | null;
  retryDelaysMs: number[];
  /** A RUNNING job whose server wrote no heartbeat for this long was interrupted (PostgreSQL, several servers). */
  runStaleMs: number;
  /** Background jobs (import runs, schema refreshes) one server runs at once. */
  jobConcurrency: number;
  /** Gzip streams that expand past this many bytes are refused. */
  maxDecompressedBytes: number;
  /** Compressed data that expands more than this many times past 4 MiB of output is refused (a bomb); 0 turns it off. */
  maxCompressionRatio: number;
  /** Parquet row groups bigger than this are read column by column in ranged reads of this many bytes. */
  parquetReadBytes: number;
  /**
   * Keyed imports keep one row per key for up to this many keys before the stage (INLET_KEYED_WINDOW_KEYS; 0: off),
   * so the stage gets one row per key rather than every row read: PostgreSQL's COPY, SQLite's upserts
   * (pipeline/keyed-window.ts; on SQLite for text keys only, data-store.ts windowRules).
   */
  keyedWindowKeys: number;
  schedulerEnabled: boolean;
  /** Test and diagnosis hook: count SQL statements per GraphQL request (x-inlet-sql-statements header). */
  countSql: boolean;
  /** Serve the built admin UI from this folder when it exists. */
  clientDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** GraphQL introspection (schema queries): off by default when NODE_ENV=production; the admin UI does not need it. */
  introspection: boolean;
  /** Events are kept at least this long (INLET_EVENT_RETENTION, e.g. "7d", "36h"; default 7 days). */
  eventRetentionMs: number;
  /** POST /v1/events answers 429 when a consumer of the workspace is this many events behind (INLET_EVENT_BACKLOG_LIMIT). */
  eventBacklogLimit: number;
  /** Requests read, parsed or committing at once (each may hold up to 20 MB of body), past which POST /v1/events answers 429 (INLET_EVENT_MAX_IN_FLIGHT). */
  eventMaxInFlight: number;
  /** How often retention purges run (INLET_EVENT_PURGE_INTERVAL_MS). */
  eventPurgeIntervalMs: number;
  /** Where events are logged (INLET_EVENT_LOG): "database" (the default: SQLite or PostgreSQL) or nats://host:port (JetStream). */
  eventLog: string;
  /** The JetStream stream of the events (INLET_EVENT_STREAM, default INLET_EVENTS). */
  eventStream: string;
  /** Users whose segment codes one server keeps in memory for stamping events (INLET_SEGMENT_CACHE_ENTRIES). */
  segmentCacheEntries: number;
  /** Routing: an S3 Streaming file closes after this many seconds (INLET_STREAM_FLUSH_SECONDS, default 300). */
  streamFlushSeconds: number;
  /** Routing: an S3 Streaming file closes at this many uncompressed bytes (INLET_STREAM_MAX_FILE_BYTES, default 128 MiB). */
  streamMaxFileBytes: number;
  /** Routing: this server's stable id in streamed file names (INLET_WORKER_ID; default a hash of the host name and port). */
  workerId: string | null;
  /** Bearer token `GET /metrics` requires (INLET_METRICS_TOKEN); null: /metrics is open, as Prometheus endpoints usually are. */
  metricsToken: string | null;
  /** Alerts (server/notifications): the base of the links alerts carry (INLET_PUBLIC_URL; http://localhost:PORT when unset). */
  publicUrl: string | null;
  /** Backoff between attempts of one alert delivery (INLET_ALERT_RETRY_DELAYS_MS); one attempt more than delays. */
  alertRetryDelaysMs: number[];
  /** A channel whose deliveries failed without a success for this long is disabled (INLET_ALERT_DISABLE_AFTER, default 1d). */
  alertDisableAfterMs: number;
  /** REPEATED_FAILURES fires when this many runs of an import fail in a row (INLET_ALERT_REPEATED_FAILURES, default 3). */
  alertRepeatedFailures: number;
  /** A streaming destination whose oldest undelivered event is older than this (seconds) fires DESTINATION_LAGGING once (INLET_ALERT_LAG_SECONDS, 3600). */
  alertLagSeconds: number;
  /** One delivery attempt waits this long for the receiver's answer (INLET_ALERT_TIMEOUT_MS). */
  alertTimeoutMs: number;
}

/** A duration like "7d", "36h", "15m", "30s" or "500ms", in milliseconds. */
function duration(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(value.trim());
  if (!m) throw new ConfigError(`${name} must be a duration like 7d, 36h, 15m or 30s, got "${value}"`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
}

class ConfigError extends Error {}

function bool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/** Every environment variable Inlet reads, validated in one place. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const deprecated = (env.INLET_DEPRECATED_PLATFORMS ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const p of deprecated) {
    if (!PLATFORM_IDS.includes(p as PlatformId)) {
      throw new ConfigError(`INLET_DEPRECATED_PLATFORMS: unknown platform "${p}" (expected one of ${PLATFORM_IDS.join(', ')})`);
    }
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  }
  const busDatabaseUrl = env.INLET_BUS_DATABASE_URL?.trim() || null;
  if (busDatabaseUrl && !/^postgres(ql)?:\/\//.test(busDatabaseUrl)) throw new ConfigError('INLET_BUS_DATABASE_URL must be a postgres:// URL');
  const retry = (env.INLET_RETRY_DELAYS_MS ?? '60000,300000,1500000')
    .split(',')
    .map((s) => int('INLET_RETRY_DELAYS_MS', s.trim(), 0));
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent, got "${logLevel}"`);
  }
  const config: Config = {
    port: int('PORT', env.PORT, 4000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA?.trim() || null,
    busDatabaseUrl,
    masterKey: env.INLET_MASTER_KEY?.trim() || null,
    initialApiKey: env.INLET_API_KEY?.trim() || null,
    allowPrivateEndpoints: bool('INLET_ALLOW_PRIVATE_ENDPOINTS', env.INLET_ALLOW_PRIVATE_ENDPOINTS, false),
    deprecatedPlatforms: deprecated as PlatformId[],
    awsAccountId: env.INLET_AWS_ACCOUNT_ID ?? PLACEHOLDER_AWS_ACCOUNT_ID,
    awsRoleName: env.INLET_AWS_ROLE_NAME ?? 'inlet-reader',
    stsEndpoint: env.INLET_STS_ENDPOINT?.trim() || null,
    retryDelaysMs: retry,
    runStaleMs: int('INLET_RUN_STALE_MS', env.INLET_RUN_STALE_MS, 30_000),
    jobConcurrency: int('INLET_JOB_CONCURRENCY', env.INLET_JOB_CONCURRENCY, 2),
    maxDecompressedBytes: int('INLET_MAX_DECOMPRESSED_BYTES', env.INLET_MAX_DECOMPRESSED_BYTES, 20 * 1024 ** 3),
    maxCompressionRatio: int('INLET_MAX_COMPRESSION_RATIO', env.INLET_MAX_COMPRESSION_RATIO, 200),
    parquetReadBytes: int('INLET_PARQUET_READ_BYTES', env.INLET_PARQUET_READ_BYTES, 4 * 1024 * 1024),
    keyedWindowKeys: int('INLET_KEYED_WINDOW_KEYS', env.INLET_KEYED_WINDOW_KEYS, 1 << 18),
    schedulerEnabled: bool('INLET_SCHEDULER', env.INLET_SCHEDULER, true),
    countSql: bool('INLET_COUNT_SQL', env.INLET_COUNT_SQL, false),
    clientDir: path.resolve(env.INLET_CLIENT_DIR ?? './dist/client'),
    logLevel,
    introspection: bool('INLET_INTROSPECTION', env.INLET_INTROSPECTION, env.NODE_ENV !== 'production'),
    eventRetentionMs: duration('INLET_EVENT_RETENTION', env.INLET_EVENT_RETENTION, 7 * 86_400_000),
    eventBacklogLimit: int('INLET_EVENT_BACKLOG_LIMIT', env.INLET_EVENT_BACKLOG_LIMIT, 5_000_000),
    eventMaxInFlight: int('INLET_EVENT_MAX_IN_FLIGHT', env.INLET_EVENT_MAX_IN_FLIGHT, 16),
    eventPurgeIntervalMs: int('INLET_EVENT_PURGE_INTERVAL_MS', env.INLET_EVENT_PURGE_INTERVAL_MS, 60_000),
    eventLog: env.INLET_EVENT_LOG?.trim() || 'database',
    eventStream: env.INLET_EVENT_STREAM?.trim() || 'INLET_EVENTS',
    segmentCacheEntries: int('INLET_SEGMENT_CACHE_ENTRIES', env.INLET_SEGMENT_CACHE_ENTRIES, 100_000),
    streamFlushSeconds: int('INLET_STREAM_FLUSH_SECONDS', env.INLET_STREAM_FLUSH_SECONDS, 300),
    streamMaxFileBytes: int('INLET_STREAM_MAX_FILE_BYTES', env.INLET_STREAM_MAX_FILE_BYTES, 128 * 1024 ** 2),
    workerId: env.INLET_WORKER_ID?.trim() || null,
    metricsToken: env.INLET_METRICS_TOKEN?.trim() || null,
    publicUrl: env.INLET_PUBLIC_URL?.trim().replace(/\/+$/, '') || null,
    alertRetryDelaysMs: (env.INLET_ALERT_RETRY_DELAYS_MS ?? '10000,60000,300000,1800000,7200000,21600000,43200000').split(',').map((s) => int('INLET_ALERT_RETRY_DELAYS_MS', s.trim(), 0)),
    alertDisableAfterMs: duration('INLET_ALERT_DISABLE_AFTER', env.INLET_ALERT_DISABLE_AFTER, 86_400_000),
    alertRepeatedFailures: int('INLET_ALERT_REPEATED_FAILURES', env.INLET_ALERT_REPEATED_FAILURES, 3),
    alertLagSeconds: int('INLET_ALERT_LAG_SECONDS', env.INLET_ALERT_LAG_SECONDS, 3600),
    alertTimeoutMs: int('INLET_ALERT_TIMEOUT_MS', env.INLET_ALERT_TIMEOUT_MS, 10_000),
    ...overrides,
  };
  if (config.segmentCacheEntries < 0) throw new ConfigError('INLET_SEGMENT_CACHE_ENTRIES must be 0 or more');
  if (config.jobConcurrency < 1) throw new ConfigError('INLET_JOB_CONCURRENCY must be at least 1');
  if (!/^\d{12}$/.test(config.awsAccountId)) throw new ConfigError('INLET_AWS_ACCOUNT_ID must be a 12-digit AWS account id');
  if (config.eventLog !== 'database' && !/^nats:\/\/[^\s/]+$/.test(config.eventLog)) throw new ConfigError(`INLET_EVENT_LOG must be "database" (the default) or nats://host:port, got "${config.eventLog}"`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.eventStream)) throw new ConfigError('INLET_EVENT_STREAM must be 1 to 64 letters, digits, - or _');
  if (config.streamFlushSeconds < 1) throw new ConfigError('INLET_STREAM_FLUSH_SECONDS must be at least 1');
  if (config.streamMaxFileBytes < 1024) throw new ConfigError('INLET_STREAM_MAX_FILE_BYTES must be at least 1024');
  if (config.workerId !== null && !/^[a-z0-9-]{1,32}$/.test(config.workerId)) throw new ConfigError('INLET_WORKER_ID must be 1 to 32 lower-case letters, digits or -');
  if (config.metricsToken !== null && (config.metricsToken.length < 16 || /\s/.test(config.metricsToken))) throw new ConfigError('INLET_METRICS_TOKEN must be at least 16 characters without spaces');
  if (config.publicUrl && !/^https?:\/\/[^\s]+$/.test(config.publicUrl)) throw new ConfigError(`INLET_PUBLIC_URL must be an http(s):// URL, got "${config.publicUrl}"`);
  if (config.alertRepeatedFailures < 2) throw new ConfigError('INLET_ALERT_REPEATED_FAILURES must be at least 2 (one failure is RUN_FAILED)');
  mkdirSync(config.dataDir, { recursive: true });
  return config;
}
