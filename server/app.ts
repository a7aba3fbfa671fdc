import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, specifiedRules, validate, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from './config.js';
import { openDatabase } from './db/data-source.js';
import { LocalBus, PgBus, type EventBus } from './events/bus.js';
import { DomainEvents } from './events/domain-events.js';
import { DomainError } from './errors.js';
import { buildContext, type Context } from './graphql/context.js';
import { countStatementsPerRequest } from './db/statement-count.js';
import { formatError, toGraphQLError } from './graphql/errors.js';
import { QUERY_LIMITS, QueryLimitError, checkQueryLength, limitRules, parseLimited } from './graphql/limits.js';
import { logMalformedBody, postLane, queryTooLongAnswer } from './graphql/post-lane.js';
import { createSchema } from './graphql/schema.js';
import { assertDataDirWritable } from './health/data-dir.js';
import { busCheck, databaseCheck, Health, migrationsCheck, readWorkerCheck } from './health/health.js';
import { readWorkerStarts } from './pipeline/parallel-read.js';
import { mountIngest } from './ingest/ingest.http.js';
import { log, setLogLevel } from './log.js';
import { createServices, type Services } from './services.js';
import { WorkspaceService } from './workspaces/workspace.service.js';
import { clientAssets } from './client-assets.js';

/** The largest HTTP body and graphql-ws message (bytes): one limit for both doors. */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** How long boot waits for the read worker's first start before carrying on (`/readyz` says whether it came). */
const READ_WORKER_WAIT_MS = 15_000;
/** A graphql-ws socket that has not sent connection_init by then is closed (4408). */
const WS_INIT_TIMEOUT_MS = 3_000;

export interface InletServer {
  url: string;
  port: number;
  services: Services;
  /** The admin key created on first start (null when it existed or came from INLET_API_KEY). */
  createdAdminKey: string | null;
  /** What `GET /readyz` checks; other parts of the server register their own checks here. */
  health: Health;
  close(): Promise<void>;
}

/** Boot: config → database (migrations) → bus → services → schema → HTTP + graphql-ws on one port. */
export async function startServer(config: Config): Promise<InletServer> {
  setLogLevel(config.logLevel);
  assertDataDirWritable(config);
  const bus: EventBus = config.databaseUrl
    ? await PgBus.connect(config.databaseUrl, config.databaseSchema ?? 'public', { listenUrl: config.busDatabaseUrl ?? undefined })
    : new LocalBus();
  let createdKey: string | null = null;
  // Migrations and the first-start bootstrap run once, under a lock on PostgreSQL (several servers may start together).
  const db = await openDatabase(config, async (db) => void ({ createdKey } = await new WorkspaceService(db, new DomainEvents(bus)).bootstrap(config.initialApiKey)));
  const health = new Health();
  health.register('database', databaseCheck(db));
  health.register('migrations', migrationsCheck(db));
  health.register('bus', busCheck(bus));
  health.register('read-worker', readWorkerCheck());
  const jobsReady = health.flag('jobs', 'the job engine has not started');
  const schedulerReady = config.schedulerEnabled ? health.flag('scheduler', 'the scheduler has not started') : null;
  const services = createServices(db, bus, config);
  const schema = await createSchema(bus);

  const app = express();
  // POST /graphql with a plain JSON body skips express (graphql/post-lane.ts); everything else, and every request
  // when statements are counted, goes through express below. `lane` is set once Apollo has started.
  let lane: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  const httpServer: Server = createServer((req, res) => {
    if (!lane?.(req, res)) app(req, res);
  });

  // One message past the HTTP body limit is refused by `ws` itself (close 1009) before anything parses it.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: BODY_LIMIT_BYTES });
  const socketsByKey = new Map<string, Set<WebSocket>>();
  const stopRevocations = services.events.on('ApiKeyRevoked', ({ keyId }) => {
    for (const socket of socketsByKey.get(keyId) ?? []) socket.close(4403, 'API key revoked');
  });
  // While the bus reconnects, subscriptions here would hear nothing (a revocation included): close every socket with
  // 1012 (service restart), which graphql-ws clients retry, and refuse new ones with 1013 (try again later) until it
  // is back. Clients re-authenticate on reconnect and should re-query what they show: events in between are lost.
  const stopBusWatch = bus.onStateChange?.((state) => {
    if (state !== 'reconnecting') return;
    for (const socket of wsServer.clients) socket.close(1012, 'Event bus reconnecting: reconnect, then re-query');
  });
  wsServer.on('connection', (socket) => {
    if (bus.state === 'reconnecting') socket.close(1013, 'Event bus reconnecting: try again later');
  });
  // `ws` closes a socket whose message is too big (1009) and then reports it as an 'error', which graphql-ws would
  // log as an internal fault: it is the client's, so it is logged here as a warning and goes no further.
  wsServer.on('connection', (socket) => {
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      const error = args[0] as { code?: string } | undefined;
      if (event === 'error' && error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        log.warn('graphql-ws message over the size limit: socket closed', { limitBytes: BODY_LIMIT_BYTES });
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
  });
  const validationRules = operationRules(config.introspection);
  const subscriptionMetrics = services.metrics.wsHooks();
  const wsCleanup = useServer<Record<string, unknown>, { principalKeyId?: string }>(
    {
      schema,
      onOperation: (ctx, id, payload, args, result) => void subscriptionMetrics.onOperation(ctx, id, payload, args, result),
      onComplete: (ctx, id) => subscriptionMetrics.onComplete(ctx, id),
      connectionInitWaitTimeout: WS_INIT_TIMEOUT_MS,
      // The key is checked first; graphql-ws refuses any subscribe message before this acknowledges.
      onConnect: async (ctx) => {
        const principal = await services.workspaces.authenticate(String(bearerOf(ctx.connectionParams?.authorization) ?? ''));
        if (!principal) return false;
        ctx.extra.principalKeyId = principal.keyId;
        const set = socketsByKey.get(principal.keyId) ?? new Set();
        set.add(ctx.extra.socket);
        socketsByKey.set(principal.keyId, set);
        ctx.extra.socket.once('close', () => set.delete(ctx.extra.socket));
        return true;
      },
      // The same size, token, depth, alias, directive and cost limits as HTTP, before anything runs.
      onSubscribe: (_ctx, _id, payload) => checkOperation(schema, validationRules, payload),
      context: (ctx) => buildContext(services, ctx.connectionParams?.authorization),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config.introspection,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: limitRules(),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      services.metrics.apolloPlugin(),
      // Apollo's cache-control plugin, on by default, hooks every resolved field to compute cache hints Inlet never
      // sets (every answer is per key and private): 5% of the main thread under the lists' load (bench:api profile).
      ApolloServerPluginCacheControlDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      // The landing page (an HTML explorer loaded from Apollo's CDN) needs introspection: it goes when that does.
      ...(config.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });
  await apollo.start();
  /** The context of a GraphQL request over HTTP: its key checked; a refusal is a GraphQL error with its status. */
  const graphqlContext = async (req: IncomingMessage): Promise<Context> => {
    try {
      return await buildContext(services, req.headers.authorization);
    } catch (error) {
      if (error instanceof DomainError) throw toGraphQLError(error);
      throw error;
    }
  };

  app.disable('x-powered-by');
  // No ETag on answers: every answer is per key and `no-store`, so no client revalidates one, and express would hash
  // each (a SHA-1 over the imports list's 34 KB) for nothing. The admin UI's files keep theirs (express.static).
  app.set('etag', false);
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  app.get('/readyz', async (_req, res) => {
    const readiness = await health.report();
    res.status(readiness.ok ? 200 : 503).set('cache-control', 'no-store').json(readiness.ok ? { ok: true } : readiness);
  });
  app.get('/metrics', services.metrics.handler(config.metricsToken));
  mountIngest(app, services);
  // Exactly /graphql: a path below it is unknown (404), not another way into GraphQL.
  app.all(
    '/graphql',
    onlyGetAndPost,
    // Every answer is private to its key: no cache, shared or not, keeps one (Apollo's cache-control plugin, which
    // said the same, is off).
    (_req: express.Request, res: express.Response, next: express.NextFunction) => void (res.set('cache-control', 'no-store'), next()),
    express.json({ limit: BODY_LIMIT_BYTES }),
    ...(config.countSql ? [countStatementsPerRequest] : []),
    refuseLongQueries,
    expressMiddleware(apollo, { context: ({ req }) => graphqlContext(req) }),
  );
  if (!config.countSql) lane = postLane({ apollo, app, context: graphqlContext, bodyLimitBytes: BODY_LIMIT_BYTES });
  serveClient(app, config.clientDir);
  answerErrorsAsJson(app);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  await services.connections.reconcileOnStart();
  // Ready means imports read on their worker: wait (bounded) for the one started at boot to load its modules.
  await Promise.race([readWorkerStarts(), new Promise((resolve) => setTimeout(resolve, READ_WORKER_WAIT_MS).unref())]);
  await services.jobs.start();
  services.routing.start();
  jobsReady.set(true);
  if (config.schedulerEnabled) await services.scheduler.start();
  if (config.schedulerEnabled) await services.segmentScheduler.start();
  schedulerReady?.set(true);

  return {
    url,
    port,
    services,
    createdAdminKey: createdKey,
    health,
    async close() {
      // Not ready from the first moment of shutdown, so a load balancer stops sending work here.
      jobsReady.set(false);
      schedulerReady?.set(false);
      stopBusWatch?.();
      stopRevocations();
      for (const socket of wsServer.clients) socket.terminate();
      await services.scheduler.stop();
      await services.segmentScheduler.stop();
      await apollo.stop();
      await services.connections.idle();
      services.routing.stop();
      await services.jobs.stop();
      await services.ingest.stop();
      await bus.close();
      await db.destroy();
    },
  };
}

function bearerOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^Bearer\s+(\S+)$/i.exec(value.trim())?.[1] ?? null;
}

/** graphql-js's rules, our limits, and no introspection when it is off (graphql-ws validates here; Apollo has its own copy). */
function operationRules(introspection: boolean): ValidationRule[] {
  return [...specifiedRules, ...limitRules(), ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
}

/** Parses and validates a graphql-ws operation with the HTTP limits; errors go to the client as an `error` message. */
function checkOperation(schema: GraphQLSchema, rules: ValidationRule[], payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) {
  const tooLong = checkQueryLength(payload.query);
  if (tooLong) return [tooLong];
  let document;
  try {
    document = parseLimited(payload.query);
  } catch (error) {
    if (error instanceof QueryLimitError) return [error];
    return [new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
  }
  const errors = validate(schema, document, rules);
  if (errors.length) return errors.map((e) => (e instanceof QueryLimitError ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })));
  if (!getOperationAST(document, payload.operationName)) {
    const message = payload.operationName ? `Unknown operation named "${payload.operationName}"` : 'The document holds several operations: name one in operationName';
    return [new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } })];
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** GraphQL over HTTP is GET and POST; anything else is 405 before a body is read. */
function onlyGetAndPost(req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (req.method === 'GET' || req.method === 'POST') return next();
  res.set('allow', 'GET, POST');
  sendError(res, 405, 'BAD_REQUEST', `${req.method} is not supported on /graphql: use GET or POST`);
}

/** A query text past the length limit is refused before Apollo parses it. */
function refuseLongQueries(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const query: unknown = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  const error = typeof query === 'string' ? checkQueryLength(query) : null;
  if (!error) return next();
  res.status(400).json(queryTooLongAnswer(error));
}

/** An error answer in the GraphQL shape, for paths and failures outside GraphQL execution. */
function sendError(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Everything after the routes: unknown paths and express errors (malformed or oversized bodies) answer JSON, never
 * an HTML page. A malformed body is logged by its size and hash only: it may hold anything, a key included.
 */
function answerErrorsAsJson(app: express.Express): void {
  app.use((req, res) => sendError(res, 404, 'NOT_FOUND', `No such path: ${req.method} ${req.path}`));
  app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = error as { type?: string; status?: number; statusCode?: number; body?: unknown; length?: number; limit?: number };
    const status = e.status ?? e.statusCode ?? 500;
    if (e.type === 'entity.parse.failed') {
      const body = typeof e.body === 'string' ? e.body : '';
      logMalformedBody(req.path, body);
      return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
    if (e.type === 'entity.too.large') return sendError(res, 413, 'BAD_REQUEST', `The request body is larger than the limit of ${BODY_LIMIT_BYTES} bytes`);
    if (status >= 400 && status < 500) return sendError(res, status, 'BAD_REQUEST', `The request could not be read (${e.type ?? 'bad request'})`);
    log.error('request failed', { path: req.path, method: req.method, message: (error as Error)?.message });
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error: the details are in the server log');
  });
}

/** The built admin UI (vite build) with SPA fallback; a placeholder page when it has not been built. */
function serveClient(app: express.Express, dir: string): void {
  if (existsSync(path.join(dir, 'index.html'))) {
    app.use(clientAssets(dir)); // issue 19: compressed, immutable hashed assets, no public source maps
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // API paths (/graphql/…, /v1/…) are never the UI: they fall through to the JSON 404.
    app.get(/^\/(?!graphql(\/|$)|v1(\/|$)|healthz$).*/, (_req, res) => res.sendFile(path.join(dir, 'index.html')));
    return;
  }
  app.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>Inlet</title><h1>Inlet</h1><p>The admin UI has not been built: run <code>npm run build:client</code>. GraphQL is at <a href="/graphql">/graphql</a>.</p>');
  });
}
