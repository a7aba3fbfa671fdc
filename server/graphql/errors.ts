import { GraphQLError } from 'graphql';

/** The contract's error codes. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

function fail(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Bad input, naming the input path (e.g. `s3.bucketName`) in `extensions.field`. */
export const badInput = (field: string, message: string) => fail('BAD_USER_INPUT', message, { field });
export const notFound = (what: string, id: string) => fail('NOT_FOUND', `${what} ${id} does not exist in this workspace`);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => fail('CONFLICT', message, extra);
export const forbidden = (message: string) => fail('FORBIDDEN', message);
export const unauthenticated = (message = 'Send an API key as "Authorization: Bearer <key>"') => fail('UNAUTHENTICATED', message);
