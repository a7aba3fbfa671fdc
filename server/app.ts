import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from './config.js';
import { openDatabase } from './db/data-source.js';
import { LocalBus, PgBus, Topic, type EventBus } from './events/bus.js';
import { buildContext, type Context } from './graphql/context.js';
import { createSchema } from './graphql/schema.js';
import { mountIngest } from './ingest/ingest.http.js';
import { log, setLogLevel } from './log.js';
import { createServices, type Services } from './services.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

const OUR_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND']);

/** Unexpected errors get a generic message (their text could carry anything); ours go out as written. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (OUR_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (!code && formatted.message.startsWith('Variable "')) return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  log.error('unexpected error', { message: (error as Error)?.message, path: formatted.path });
  return { message: 'Internal server error: the details are in the server log', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export interface InletServer {
  url: string;
  port: number;
  services: Services;
  /** The admin key created on first start (null when it existed or came from INLET_API_KEY). */
  createdAdminKey: string | null;
  close(): Promise<void>;
}

/** Boot: config → database (migrations) → bus → services → schema → HTTP + graphql-ws on one port. */
export async function startServer(config: Config): Promise<InletServer> {
  setLogLevel(config.logLevel);
  const bus: EventBus = config.databaseUrl ? await PgBus.connect(config.databaseUrl, config.databaseSchema ?? 'public') : new LocalBus();
  let createdKey: string | null = null;
  // Migrations and the first-start bootstrap run once, under a lock on PostgreSQL (several servers may start together).
  const db = await openDatabase(config, async (db) => void ({ createdKey } = await new WorkspaceService(db, bus).bootstrap(config.initialApiKey)));
  const services = createServices(db, bus, config);
  const schema = await createSchema(bus);

  const app = express();
  const httpServer: Server = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const socketsByKey = new Map<string, Set<WebSocket>>();
  const stopRevocations = bus.on(Topic.ApiKeyRevoked, ({ keyId }: { keyId: string }) => {
    for (const socket of socketsByKey.get(keyId) ?? []) socket.close(4403, 'API key revoked');
  });
  const wsCleanup = useServer<Record<string, unknown>, { principalKeyId?: string }>(
    {
      schema,
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
      context: (ctx) => buildContext(services, ctx.connectionParams?.authorization),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => new GraphQLError(formatError(e.toJSON(), e).message, { extensions: formatError(e.toJSON(), e).extensions })),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  mountIngest(app, services);
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await buildContext(services, req.headers.authorization);
        } catch (error) {
          if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
          throw error;
        }
      },
    }),
  );
  serveClient(app, config.clientDir);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  await services.connections.reconcileOnStart();
  await services.engine.start();
  if (config.schedulerEnabled) await services.scheduler.start();

  return {
    url,
    port,
    services,
    createdAdminKey: createdKey,
    async close() {
      stopRevocations();
      for (const socket of wsServer.clients) socket.terminate();
      await services.scheduler.stop();
      await apollo.stop();
      await services.connections.idle();
      await services.schemaRefresh.idle();
      await services.engine.stop();
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

/** The built admin UI (vite build) with SPA fallback; a placeholder page when it has not been built. */
function serveClient(app: express.Express, dir: string): void {
  if (existsSync(path.join(dir, 'index.html'))) {
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!graphql).*/, (_req, res) => res.sendFile(path.join(dir, 'index.html')));
    return;
  }
  app.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><title>Inlet</title><h1>Inlet</h1><p>The admin UI has not been built: run <code>npm run build:client</code>. GraphQL is at <a href="/graphql">/graphql</a>.</p>');
  });
}
