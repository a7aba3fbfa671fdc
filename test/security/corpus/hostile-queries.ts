/**
 * Queries that ask the server for far more than they weigh, one per line: each must be refused before it runs,
 * with the code (and, for our limits, `extensions.limit`) given. Add a case by adding a line.
 */
const nest = (open: string[], leaf: string) => open.map((f) => `${f} {`).join(' ') + ` ${leaf} ` + '}'.repeat(open.length);

export interface HostileQuery {
  name: string;
  query: string;
  code: 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'GRAPHQL_PARSE_FAILED';
  /** The limit named in `extensions.limit` (our limits only). */
  limit?: 'queryLength' | 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost';
}

export const HOSTILE_QUERIES: HostileQuery[] = [
  { name: 'the connection ⇄ imports cycle, 9 deep (issue 14: 197 bytes, 4.2 GB)', query: `{ ${nest(['connections', 'edges', 'node', 'imports', 'connection', 'imports', 'connection', 'imports', 'connection', 'imports'], 'id')} }`, code: 'BAD_USER_INPUT', limit: 'depth' },
  { name: 'the same cycle through one connection, 12 deep', query: `{ ${nest(['connection(id: "x")', 'imports', 'connection', 'imports', 'connection', 'imports', 'connection', 'imports', 'connection', 'imports', 'connection'], 'id')} }`, code: 'BAD_USER_INPUT', limit: 'depth' },
  { name: 'the cycle kept within the depth limit: a page of 100 and two nested lists', query: `{ ${nest(['imports(first: 100)', 'edges', 'node', 'connection', 'imports', 'connection', 'imports'], 'id name table')} }`, code: 'BAD_USER_INPUT', limit: 'cost' },
  { name: 'the cycle hidden in fragments', query: `{ connections { edges { node { ...A } } } } fragment A on Connection { imports { connection { ...B } } } fragment B on Connection { imports { connection { ...C } } } fragment C on Connection { imports { connection { imports { id } } } }`, code: 'BAD_USER_INPUT', limit: 'depth' },
  { name: 'a fragment cycle', query: `{ viewer { ...A } } fragment A on Viewer { workspace { id } ...B } fragment B on Viewer { isAdmin ...A }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a fragment spreading itself', query: `{ connections { edges { node { ...A } } } } fragment A on Connection { id imports { connection { ...A } } }`, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'fragments chained eight deep', query: `{ connections { edges { node { ...F0 } } } } ` + Array.from({ length: 8 }, (_, i) => `fragment F${i} on Connection { imports { connection { ...F${i + 1} } } tables { name } }`).join(' ') + ' fragment F8 on Connection { id }', code: 'BAD_USER_INPUT', limit: 'depth' },
  { name: 'wide lists within depth: tables × columns × every connection and import', query: `{ connections(first: 200) { edges { node { tables { columns { name type } } imports { storedColumns { name } schemaChanges { id } lastRun { rejects { reason } } } } } } }`, code: 'BAD_USER_INPUT', limit: 'cost' },
  { name: '16 aliases of one field', query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { isAdmin }`).join(' ')} }`, code: 'BAD_USER_INPUT', limit: 'aliases' },
  { name: '150 aliases of a list', query: `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: connections { totalCount }`).join(' ')} }`, code: 'BAD_USER_INPUT', limit: 'aliases' },
  { name: '1,200 repeated fields (tokens)', query: `{ viewer { ${'isAdmin '.repeat(1_200)}} }`, code: 'BAD_USER_INPUT', limit: 'tokens' },
  { name: '21 directives', query: `{ viewer { ${'isAdmin @include(if: true) '.repeat(21)}} }`, code: 'BAD_USER_INPUT', limit: 'directives' },
  { name: 'a 40,000-character comment', query: `{ viewer { isAdmin } }\n#${'x'.repeat(40_000)}`, code: 'BAD_USER_INPUT', limit: 'queryLength' },
  { name: 'introspection nested through types and fields', query: `{ ${nest(['__schema', 'types', 'fields', 'type', 'fields', 'type', 'fields', 'type', 'fields'], 'name')} }`, code: 'BAD_USER_INPUT', limit: 'depth' },
  { name: 'unterminated nesting', query: `{ viewer ${'{ workspace '.repeat(200)}`, code: 'GRAPHQL_PARSE_FAILED' },
];
