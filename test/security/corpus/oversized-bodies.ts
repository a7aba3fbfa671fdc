/**
 * Bodies past the limits, one per line: a body over 2 MB (413, before anything parses it) or a query text over
 * the query-length limit (400, BAD_USER_INPUT naming the limit). `make` builds the body lazily.
 */
import { gzipSync } from 'node:zlib';

export interface OversizedBody {
  name: string;
  make: () => { body: Buffer | string; headers?: Record<string, string> };
  status: number;
  code: string;
  limit?: string;
}

const MB = 1024 * 1024;
const json = { 'content-type': 'application/json' };

export const OVERSIZED_BODIES: OversizedBody[] = [
  { name: 'a 3 MB JSON body', make: () => ({ body: JSON.stringify({ query: '{ viewer { isAdmin } }', variables: { pad: 'x'.repeat(3 * MB) } }), headers: json }), status: 413, code: 'BAD_REQUEST' },
  { name: 'a 3 MB malformed body', make: () => ({ body: '{' + 'x'.repeat(3 * MB), headers: json }), status: 413, code: 'BAD_REQUEST' },
  { name: 'a 20 KB gzip that expands to 10 MB', make: () => ({ body: gzipSync(JSON.stringify({ query: '{ viewer { isAdmin } }', variables: { pad: ' '.repeat(10 * MB) } })), headers: { ...json, 'content-encoding': 'gzip' } }), status: 413, code: 'BAD_REQUEST' },
  { name: 'a 1 MB query text (under the body limit)', make: () => ({ body: JSON.stringify({ query: `{ viewer { isAdmin } } #${'x'.repeat(MB)}` }), headers: json }), status: 400, code: 'BAD_USER_INPUT', limit: 'queryLength' },
  { name: 'a 40 KB query text', make: () => ({ body: JSON.stringify({ query: `{ viewer { ${'isAdmin '.repeat(5_000)}} }` }), headers: json }), status: 400, code: 'BAD_USER_INPUT', limit: 'queryLength' },
];
