import type { CombinedError } from '@urql/core';

/** What the UI needs from a failed operation: the server's message, its code and the input field it names. */
export interface ApiError {
  message: string;
  code?: string;
  field?: string;
  /** Every field the server found wrong (BAD_USER_INPUT's `extensions.errors`), the first being `field`. */
  fields?: { field: string; message: string }[];
}

/** Reads the first GraphQL error (or the network error) of an operation in words a person can act on. */
export function apiError(error: CombinedError | undefined | null): ApiError | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (first) {
    const ext = (first.extensions ?? {}) as Record<string, unknown>;
    const field = typeof ext.field === 'string' ? ext.field : undefined;
    const listed = Array.isArray(ext.errors)
      ? (ext.errors as unknown[]).filter((e): e is { field: string; message: string } => typeof (e as { field?: unknown })?.field === 'string' && typeof (e as { message?: unknown })?.message === 'string')
      : [];
    return {
      message: first.message,
      code: typeof ext.code === 'string' ? ext.code : undefined,
      field,
      fields: listed.length ? listed : field ? [{ field, message: first.message }] : [],
    };
  }
  if (error.networkError) {
    return { message: 'Inlet could not be reached. Check your connection and try again.', code: 'NETWORK', fields: [] };
  }
  return { message: error.message.replace(/^\[\w+\]\s*/, ''), fields: [] };
}

/** The message an error has for a form field (`tags` also takes `tags.2`), or undefined. */
export function messageFor(error: ApiError | null | undefined, field: string): string | undefined {
  return error?.fields?.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
}

/** True when the server refused the key (unknown, revoked or missing). */
export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  if (!error) return false;
  if (error.graphQLErrors.some((e) => (e.extensions as Record<string, unknown> | undefined)?.code === 'UNAUTHENTICATED')) return true;
  const status = (error.response as Response | undefined)?.status;
  return status === 401;
}
