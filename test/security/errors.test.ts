/**
 * Domain errors become the contract's codes in one place (server/graphql/errors.ts), for HTTP and graphql-ws
 * alike: each class maps to its code (and field), wrapped or not; anything unexpected goes out as a generic
 * INTERNAL_SERVER_ERROR with its text only in the log. Connectors throw domain errors and import nothing of the API.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, InputError, NotFoundError, UnauthenticatedError, badInput, conflict } from '../../server/errors.js';
import { formatError, toGraphQLError } from '../../server/graphql/errors.js';
import { QueryLimitError } from '../../server/graphql/limits.js';
import { setLogSink } from '../../server/log.js';

/** What a resolver throwing `error` looks like once graphql-js has wrapped it, formatted. */
function format(error: Error) {
  const wrapped = new GraphQLError(error.message, { originalError: error, path: ['field'] });
  return formatError({ ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
}

describe('formatError', () => {
  it.each([
    ['InputError', new InputError('s3.bucketName', 'Bucket name is required'), { code: 'BAD_USER_INPUT', field: 's3.bucketName', errors: [{ field: 's3.bucketName', message: 'Bucket name is required' }] }],
    ['NotFoundError', new NotFoundError('Connection x does not exist in this workspace'), { code: 'NOT_FOUND' }],
    ['ConflictError with extra facts', new ConflictError('In use', { imports: ['a'] }), { code: 'CONFLICT', imports: ['a'] }],
    ['ForbiddenError', new ForbiddenError('Instance admin only'), { code: 'FORBIDDEN' }],
    ['UnauthenticatedError', new UnauthenticatedError('Send a key'), { code: 'UNAUTHENTICATED' }],
    ['a builder (badInput)', badInput('name', 'Name is required'), { code: 'BAD_USER_INPUT', field: 'name', errors: [{ field: 'name', message: 'Name is required' }] }],
    ['a builder (conflict) whose extra tries to change the code', conflict('Busy', { code: 'OK' }), { code: 'CONFLICT' }],
  ])('maps %s to its code, with its message', (_name, error, extensions) => {
    const formatted = format(error);
    expect(formatted.message).toBe(error.message);
    expect(formatted.extensions).toEqual(extensions);
    expect(formatted.path).toEqual(['field']);
  });

  it('maps a query limit to BAD_USER_INPUT naming the limit, even inside a validation error', () => {
    const limit = new QueryLimitError('depth', 'Query depth 12 exceeds the limit of 8');
    const validation = new GraphQLError(limit.message, { originalError: limit, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatError(validation.toJSON(), validation)).toMatchObject({ message: limit.message, extensions: { code: 'BAD_USER_INPUT', limit: 'depth' } });
  });

  it('hides an unexpected error behind a generic message and logs it', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    const formatted = format(new Error('relation "secret_table" does not exist'));
    expect(formatted).toEqual({ message: 'Internal server error: the details are in the server log', path: ['field'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines.some((l) => l.includes('secret_table') && l.includes('"level":"error"'))).toBe(true);
  });

  it('gives an authentication failure outside execution its 401', () => {
    expect(toGraphQLError(new UnauthenticatedError('Send a key')).extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });
});

describe('connectors', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? files(path.join(dir, n)) : [path.join(dir, n)]));
  it('import nothing from the API layer (graphql) or the catalog', () => {
    const root = path.resolve(__dirname, '../../server/connectors');
    const offenders = files(root).filter((f) => /from ['"][^'"]*(graphql|catalog\/)[^'"]*['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
