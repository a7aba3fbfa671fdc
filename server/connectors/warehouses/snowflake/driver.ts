/**
 * snowflake-sdk, loaded and configured once for the process.
 *
 * The driver is loaded and configured once, when first used (loadSnowflakeDriver): its log goes only to Inlet's log at
 * debug level (ERROR and above, masked; never to a snowflake.log file or the console); cloud platform detection (which
 * probes the metadata endpoints and calls STS with the server's own AWS credentials), connection-shape telemetry and the
 * native "minicore" add-on are turned off; and its own retries are turned off — login (sfRetryMaxLoginRetries: 0),
 * and query requests (7 retries with up to 16 s sleeps in its private axios instance) —
 * because Inlet retries with its own backoff. Result-chunk downloads keep a few retries (chunkRetryPolicy: see there). Statements always use `streamResult: true`: without it the driver quietly
 * sends a failed statement a second time.
 *
 * Egress: the driver takes no agent option (it makes its own OCSP-checking agents per connection), so the request
 * interceptor on its axios instance guards whatever agent a request carries with the server's egress policy
 * (net/agents.ts: the address each socket connects to is checked) and turns redirects off. The policy is the process's:
 * the last connector made sets it, and a production server has only one.
 */
import type * as Snowflake from 'snowflake-sdk';
import { log } from '../../../log.js';
import { guardAgent, safeAgents, type EgressAgents } from '../../net/agents.js';

/**
 * Result-chunk downloads (GET of a presigned cloud-storage URL, services/large_result_set.js) are retried by the driver
 * on 5xx, 408, 429 and 403 — S3 and Azure Blob answer spurious 403s — sleeping 1 s, then up to 3× longer each time,
 * capped at `maxSleepSeconds`. Turning these off (as Inlet once did) made a single spurious 403 fail the run. A chunk
 * whose URL has expired (Snowflake's expire after hours) fails every retry: the error is then transient, and Inlet's own
 * retry of the run issues the query again, with fresh URLs. Mutable for tests only (which set the sleep to 0).
 */
export const CHUNK_RETRY_DEFAULTS = Object.freeze({ retries: 4, maxSleepSeconds: 8 });
export const chunkRetryPolicy: { retries: number; maxSleepSeconds: number } = { ...CHUNK_RETRY_DEFAULTS };

/** The snowflake-sdk module. */
export type Sdk = typeof Snowflake;

let driver: Promise<Sdk> | undefined;

/** The part of a request the driver's private axios instance is given that Inlet changes. */
interface DriverRequest {
  useSnowflakeRetryMiddleware?: boolean;
  maxRedirects?: number;
  httpAgent?: import('node:http').Agent;
  httpsAgent?: import('node:https').Agent;
}

/** The driver's Result class (connection/result/result.js), whose `refresh` gives chunks fresh URLs. */
interface ResultClass {
  prototype: { refresh?: (this: { _chunks?: { setUrl(url: string): void }[] }, response: { data?: { chunks?: { url: string }[] } }) => void };
}

/** The part of the driver's private axios instance used to turn its retries off and guard its connections. */
interface DriverAxios {
  interceptors: { request: { use(fn: (request: DriverRequest) => unknown): number } };
}

/**
 * The egress agents of this server's policy (set by every connector made; one policy per process). The driver makes
 * its own agents per connection (OCSP-checking ones): each is guarded with this policy when a request first uses it.
 */
let driverEgress: EgressAgents | undefined;

function driverLogger(level: string) {
  // Masked by log.ts (registerSecret) as a second line of defence; the driver masks known secrets itself too.
  return (message: string) => log.debug('snowflake driver', { driverLevel: level, message: String(message).slice(0, 500) });
}
/** Where the driver's log goes: Inlet's log at debug level, ERROR and above only. */
export const DRIVER_LOGGING = {
  logLevel: 'ERROR' as const,
  additionalLogToConsole: false,
  customLogger: { error: driverLogger('error'), warn: driverLogger('warn'), info: driverLogger('info'), debug: driverLogger('debug'), trace: driverLogger('trace') },
};

/** Points the driver's connections at this server's egress policy (every connector made sets it; one per process). */
export function setDriverEgress(agents: EgressAgents): void {
  driverEgress = agents;
}

/** Loads and configures snowflake-sdk once (see the top of this file for why each setting). */
export function loadSnowflakeDriver(): Promise<Sdk> {
  driver ??= (async () => {
    // Read by the driver when it is loaded: set before the import.
    process.env.SNOWFLAKE_DISABLE_PLATFORM_DETECTION ??= 'true';
    process.env.SF_TELEMETRY_DISABLE_CONNECTION_SHAPE ??= 'true';
    process.env.SNOWFLAKE_DISABLE_MINICORE ??= 'true';
    const mod = (await import('snowflake-sdk')) as unknown as { default?: Sdk } & Sdk;
    const sdk = (mod.default ?? mod) as Sdk;
    sdk.configure({
      ...DRIVER_LOGGING,
      // VARIANT/OBJECT/ARRAY as the JSON text Snowflake sent: parsing it would round integers beyond 2^53.
      jsonColumnVariantParser: (raw: string) => raw,
    } as Snowflake.ConfigureOptions);
    // Only login retries are a connection option (sfRetryMaxLoginRetries, set per connection). Query requests go through
    // the driver's own axios instance, whose retry middleware retries 5xx/429/network errors 7 times with up to 16 s
    // sleeps (the per-statement retry setting never reaches it in 3.3): turned off here, on the driver's private axios
    // instance (nothing else uses it). Result-chunk downloads keep chunkRetryPolicy's retries (connection configuration).
    const http = (await import('snowflake-sdk/dist/lib/http/axios_instance.js')) as unknown as { default?: DriverAxios } & Partial<DriverAxios>;
    const axios = (http.default ?? http) as DriverAxios;
    if (axios?.interceptors?.request) {
      // Request interceptors run last-registered first: this one runs before the driver's, which then skips retries.
      axios.interceptors.request.use((request) => {
        request.useSnowflakeRetryMiddleware = false;
        // Every connection checks the address it reaches (net/agents.ts), and no redirect is followed: the driver sets
        // only the agent of the request's own protocol, so a redirect to http:// would otherwise use an unguarded one.
        const egress = driverEgress ?? safeAgents({ allowPrivateEndpoints: false });
        request.maxRedirects = 0;
        request.httpsAgent = request.httpsAgent ? guardAgent(request.httpsAgent, egress.policy) : egress.https;
        request.httpAgent = request.httpAgent ? guardAgent(request.httpAgent, egress.policy) : egress.http;
        return request;
      });
    } else {
      // Without the hook the driver's connections would not be checked: refuse to use it rather than run unguarded.
      throw new Error('snowflake-sdk: cannot guard the driver\'s connections or turn off its query retries (driver changed)');
    }
    const configModule = (await import('snowflake-sdk/dist/lib/connection/connection_config.js')) as unknown as { default?: { prototype: Record<string, unknown> } } & { prototype: Record<string, unknown> };
    const ConnectionConfig = configModule.default ?? configModule;
    if (typeof ConnectionConfig.prototype.getRetryLargeResultSetMaxNumRetries === 'function') {
      ConnectionConfig.prototype.getRetryLargeResultSetMaxNumRetries = () => chunkRetryPolicy.retries;
      ConnectionConfig.prototype.getRetryLargeResultSetMaxSleepTime = () => chunkRetryPolicy.maxSleepSeconds;
    } else {
      log.warn('snowflake-sdk: cannot set the driver\'s chunk download retries (driver changed)');
    }
    // When a chunk download still answers 403 after its retries (its presigned URL expired), the driver asks Snowflake for
    // the result again (GET /queries/<id>/result) and gives each chunk its fresh URL (Result.refresh) — but its chunk
    // list starts with the rows that came inline, which have no URL, so the lists are one apart and 3.3 fails with
    // "TypeError: Cannot read properties of undefined (reading 'url')". Aligned here from the end: the fresh URLs are
    // those of the downloaded chunks, in order. Lists that do not match are left alone (the 403 is then reported).
    const resultModule = (await import('snowflake-sdk/dist/lib/connection/result/result.js')) as unknown as { default?: ResultClass } & ResultClass;
    const Result = resultModule.default ?? resultModule;
    if (typeof Result?.prototype?.refresh === 'function') {
      Result.prototype.refresh = function refresh(this: { _chunks?: { setUrl(url: string): void }[] }, response: { data?: { chunks?: { url: string }[] } }) {
        const chunks = this._chunks ?? [];
        const fresh = response?.data?.chunks ?? [];
        const offset = chunks.length - fresh.length;
        if (offset !== 0 && offset !== 1) return;
        for (let i = 0; i < fresh.length; i++) chunks[i + offset]!.setUrl(fresh[i]!.url);
      };
    } else {
      log.warn('snowflake-sdk: cannot fix the refresh of expired result chunk URLs (driver changed)');
    }
    return sdk;
  })().catch((error: unknown) => {
    driver = undefined; // try again next time rather than caching the failure
    throw error;
  });
  return driver;
}
