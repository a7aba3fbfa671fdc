/**
 * Requests a client can get wrong at the protocol level, one per line, and the answer each must get: JSON in the
 * GraphQL error shape, the client's code (never INTERNAL_SERVER_ERROR) and status, and no error logged.
 * `MARKER` is planted in bodies that must never reach a log line.
 */
export const MARKER = 'inlet-marker-7f3c9a';

export interface MalformedRequest {
  name: string;
  method: string;
  path: string;
  /** Sent as is (a string) or as JSON (an object). */
  body?: string | Record<string, unknown>;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** Send the admin key (the default); false sends none. */
  authenticated?: boolean;
}

const json = { 'content-type': 'application/json' };

export const MALFORMED_REQUESTS: MalformedRequest[] = [
  { name: 'an unknown operationName', method: 'POST', path: '/graphql', body: { query: 'query A { viewer { isAdmin } }', operationName: 'B' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'two operations and no operationName', method: 'POST', path: '/graphql', body: { query: 'query A { viewer { isAdmin } } query B { viewer { isAdmin } }' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'an operationName with an anonymous operation', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', operationName: 'A' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a GET without query', method: 'GET', path: '/graphql', headers: { 'apollo-require-preflight': 'true' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a POST without query', method: 'POST', path: '/graphql', body: { variables: {} }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables as a string', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', variables: '{"a":1}' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables as an array', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', variables: [1, 2] }, status: 400, code: 'BAD_REQUEST' },
  { name: 'variables as a number', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', variables: 5 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'extensions as a string', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', extensions: 'x' }, status: 400, code: 'BAD_REQUEST' },
  // Automatic persisted queries answer 200 PERSISTED_QUERY_NOT_FOUND: the protocol's cue to send the full query.
  { name: 'a persisted query Inlet does not have', method: 'POST', path: '/graphql', body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }, status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'a persisted query whose hash is not the query’s', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'operationName as a number', method: 'POST', path: '/graphql', body: { query: '{ viewer { isAdmin } }', operationName: 7 }, status: 400, code: 'BAD_REQUEST' },
  { name: 'query as an object', method: 'POST', path: '/graphql', body: { query: { a: 1 } }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a JSON array body (batching is off)', method: 'POST', path: '/graphql', body: '[{"query":"{ viewer { isAdmin } }"}]', headers: json, status: 400, code: 'BAD_REQUEST' },
  { name: 'a variable of the wrong type', method: 'POST', path: '/graphql', body: { query: 'query($id: ID!) { connection(id: $id) { id } }', variables: { id: { a: 1 } } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a malformed JSON body with a marker', method: 'POST', path: '/graphql', body: `{"query": "{ viewer { isAdmin } }", "variables": {"secret": "${MARKER}"`, headers: json, status: 400, code: 'BAD_REQUEST' },
  { name: 'a malformed JSON body without a key', method: 'POST', path: '/graphql', body: `{ ${MARKER} }`, headers: json, status: 400, code: 'BAD_REQUEST', authenticated: false },
  { name: 'a body in a charset express does not read', method: 'POST', path: '/graphql', body: '{}', headers: { 'content-type': 'application/json; charset=klingon' }, status: 415, code: 'BAD_REQUEST' },
  { name: 'a body in an encoding express does not read', method: 'POST', path: '/graphql', body: '{}', headers: { ...json, 'content-encoding': 'klingon' }, status: 415, code: 'BAD_REQUEST' },
  { name: 'PUT on /graphql', method: 'PUT', path: '/graphql', body: { query: '{ viewer { isAdmin } }' }, status: 405, code: 'BAD_REQUEST' },
  { name: 'DELETE on /graphql', method: 'DELETE', path: '/graphql', status: 405, code: 'BAD_REQUEST' },
  { name: 'OPTIONS on /graphql (no CORS: the UI is served from the same origin)', method: 'OPTIONS', path: '/graphql', status: 405, code: 'BAD_REQUEST' },
  { name: 'a path below /graphql', method: 'POST', path: '/graphql/extra', body: { query: '{ viewer { isAdmin } }' }, status: 404, code: 'NOT_FOUND' },
  { name: 'a GET of a path below /graphql', method: 'GET', path: '/graphql/schema.json', status: 404, code: 'NOT_FOUND' },
  { name: 'an unknown /v1 path', method: 'GET', path: '/v1/nothing', status: 404, code: 'NOT_FOUND' },
  { name: 'a POST to an unknown /v1 path', method: 'POST', path: '/v1/events/nothing', body: { a: 1 }, status: 404, code: 'NOT_FOUND' },
  { name: 'a POST to an unknown path', method: 'POST', path: '/nowhere', body: { a: 1 }, status: 404, code: 'NOT_FOUND' },
];
