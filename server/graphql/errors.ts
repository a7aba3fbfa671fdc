/**
 * The one edge where errors become the contract's `extensions.code`: domain errors (`server/errors.ts`) map to
 * codes here, exhaustively; GraphQL's own errors (parse, validation, our limits) keep theirs; anything else is
 * ours and goes out as a generic message, its details in the log. HTTP (Apollo) and graphql-ws both use it.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, InputError, type DomainErrorKind, type ErrorCode } from '../errors.js';
import { log } from '../log.js';
import { QueryLimitError, tokenLimitError } from './limits.js';

export { badInput, conflict, forbidden, notFound, unauthenticated, type ErrorCode } from '../errors.js';

/** Each kind of domain error and the code it goes out with; a new kind fails to compile until it is listed. */
const CODE_OF: Record<DomainErrorKind, ErrorCode> = {
  input: 'BAD_USER_INPUT',
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  unauthenticated: 'UNAUTHENTICATED',
};

/** HTTP status for the codes that have one of their own (the rest answer 200 with `errors`, as GraphQL does). */
const STATUS_OF: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/** Codes whose messages we wrote for the caller (ours, Apollo's and graphql-js's): they go out as written. */
const CALLER_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND']);

/** The domain error behind a (possibly wrapped) error, if any. */
export function domainErrorOf(error: unknown): DomainError | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof DomainError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

function queryLimitErrorOf(error: unknown): QueryLimitError | null {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof QueryLimitError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return null;
}

function isClientHttpError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** The extensions a domain error goes out with. */
function extensionsOf(error: DomainError): Record<string, unknown> {
  const code = CODE_OF[error.kind];
  // BAD_USER_INPUT: `field` names the first field found wrong, `errors` lists every one ({ field, message }).
  return { ...error.extra, code, ...(error instanceof InputError ? { field: error.field, errors: error.errors } : {}) };
}

/** A domain error as a GraphQLError, with its HTTP status (for errors thrown outside execution, e.g. building the context). */
export function toGraphQLError(error: DomainError): GraphQLError {
  const extensions = extensionsOf(error);
  const status = STATUS_OF[extensions.code as ErrorCode];
  return new GraphQLError(error.message, { originalError: error, extensions: { ...extensions, ...(status ? { http: { status } } : {}) } });
}

/** Unexpected errors get a generic message (their text could carry anything); the caller's go out as written. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domain = domainErrorOf(error);
  if (domain) {
    return { message: domain.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions: extensionsOf(domain) };
  }
  const limit = queryLimitErrorOf(error) ?? (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted) : null);
  if (limit) return { message: limit.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: { code: 'BAD_USER_INPUT', limit: limit.limit } };
  const code = String(formatted.extensions?.code ?? '');
  // An unknown operationName, or several operations and none named: the client's mistake.
  if (code === 'OPERATION_RESOLUTION_FAILURE') return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  // Apollo's own refusals without a code (a persisted query's hash or version) carry a 4xx status: the client's mistake.
  if (isClientHttpError(error)) return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  if (CALLER_CODES.has(code)) {
    const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (!code && formatted.message.startsWith('Variable "')) return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  log.error('unexpected error', { message: (error as Error)?.message, path: formatted.path });
  return { message: 'Internal server error: the details are in the server log', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
