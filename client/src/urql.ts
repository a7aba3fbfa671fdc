import { Client, fetchExchange, makeOperation, mapExchange, subscriptionExchange, type Exchange, type Operation } from '@urql/core';
import { pipe, tap } from 'wonka';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { isUnauthenticated } from './lib/errors';
import { markReachable, markUnreachable, onReachable } from './lib/reachability';

/** The GraphQL endpoint on the server that served this page (the vite dev server proxies it). */
export function graphqlUrl(): string {
  return new URL('/graphql', window.location.href).toString();
}

export function graphqlWsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export interface InletClient {
  client: Client;
  /** Closes the WebSocket; call on sign-out before dropping the client. */
  dispose(): void;
}

/**
 * One urql client per API key: queries and mutations over HTTP with `Authorization: Bearer <key>`,
 * subscriptions over graphql-ws with the key in `connectionParams`. Sign-in and sign-out make a new one.
 * `onUnauthenticated` runs when the server refuses the key (revoked while signed in).
 */
export function createInletClient(apiKey: string, onUnauthenticated: () => void = () => {}): InletClient {
  const ws: WsClient = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: { authorization: `Bearer ${apiKey}` },
    lazy: true,
    // Reconnect after a server restart or a dropped network; the server closes with 4401/4403 for a bad key.
    retryAttempts: 20,
    shouldRetry: (event) => !isKeyRefused(event),
    on: {
      connected: () => markReachable(),
      // The server closes every socket of a revoked key with 4403 at once: sign out now, not at the next click.
      closed: (event) => {
        if (isKeyRefused(event)) onUnauthenticated();
      },
    },
  });
  const active = new Map<number, Operation>();
  const activeQueries: Exchange = ({ forward }) => (ops$) =>
    forward(
      pipe(
        ops$,
        tap((op) => {
          if (op.kind === 'query') active.set(op.key, op);
          else if (op.kind === 'teardown') active.delete(op.key);
        }),
      ),
    );
  const client = new Client({
    url: graphqlUrl(),
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    exchanges: [
      activeQueries,
      mapExchange({
        onResult(result) {
          if (!result.error?.networkError) markReachable();
        },
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
          // A network error is not a sign-out: the app says the API is unreachable and retries (lib/reachability).
          else if (error.networkError) markUnreachable();
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  // Back online: every query a page still shows asks again (the page keeps its state; nothing remounts).
  const off = onReachable(() => {
    for (const op of active.values()) client.reexecuteOperation(makeOperation(op.kind, op, { ...op.context, requestPolicy: 'network-only' }));
  });
  return {
    client,
    dispose: () => {
      off();
      void ws.dispose();
    },
  };
}

/** graphql-ws close codes for a refused key: 4401 (unauthorised) or 4403 (forbidden: unknown or revoked). */
export function isKeyRefused(event: unknown): boolean {
  return !!event && typeof event === 'object' && 'code' in event && [4401, 4403].includes((event as CloseEvent).code);
}
