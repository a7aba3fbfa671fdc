import { Client, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { isUnauthenticated } from './lib/errors';

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
    shouldRetry: (event) => !(event && typeof event === 'object' && 'code' in event && [4401, 4403].includes((event as CloseEvent).code)),
  });
  const client = new Client({
    url: graphqlUrl(),
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${apiKey}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
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
  return { client, dispose: () => void ws.dispose() };
}
