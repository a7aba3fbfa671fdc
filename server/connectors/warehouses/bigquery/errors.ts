/**
 * BigQuery failures (REST API answers, token grants, network errors) turned into SourceErrors whose kind says whether a
 * retry can help and whose message says what to do. Never includes a credential.
 */
import { SourceError } from '../../errors.js';
import { explainTokenGrantError, scrub, TokenGrantError } from '../../google-auth.js';
import { findPrivateAddressError } from '../../net/agents.js';

export interface ErrorContext {
  /** What was being done, for messages: `listing tables in dataset acme.audiences`. */
  what: string;
  clientEmail: string;
  /** The message for a 404. */
  notFound?: string;
  /** The permission a 403 means is missing, e.g. `bigquery.tables.list on dataset acme.audiences`. */
  permission?: string;
}

interface RawApiError {
  code?: unknown;
  errors?: { reason?: string; message?: string }[];
  message?: string;
  name?: string;
  type?: string;
}

const TRANSIENT_REASONS = new Set(['quotaExceeded', 'rateLimitExceeded', 'backendError', 'internalError', 'jobBackendError', 'jobInternalError', 'tableUnavailable']);
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ENETUNREACH|EHOSTUNREACH|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR)/;

/** Maps BigQuery and token-endpoint failures to messages a person can act on. Never includes credential values. */
export function explainBigQueryError(error: unknown, ctx: ErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to BigQuery while ${ctx.what}: ${refused.message}`);
  const rejected = (detail: string) =>
    new SourceError('auth', `BigQuery rejected the service account key for ${ctx.clientEmail} (${detail}) while ${ctx.what}: check that the key is current and not revoked`);

  if (error instanceof TokenGrantError) return explainTokenGrantError(error, `while ${ctx.what}`, rejected);

  const e = (error ?? {}) as RawApiError;
  const status = typeof e.code === 'number' ? e.code : 0;
  const reason = e.errors?.find((x) => x.reason)?.reason;
  const serverMessage = scrub(e.errors?.find((x) => x.message)?.message ?? e.message ?? '');

  if (status === 401) return rejected(reason ?? 'HTTP 401');
  if (status === 403 && reason && TRANSIENT_REASONS.has(reason)) {
    return new SourceError('transient', `BigQuery is rate limiting or over quota (${reason}) while ${ctx.what}`);
  }
  if (status === 403) {
    const permission = ctx.permission ? `lacks ${ctx.permission}` : `was refused (${reason ?? 'accessDenied'})`;
    return new SourceError('auth', `The service account ${ctx.clientEmail} ${permission}${serverMessage ? ` (${serverMessage})` : ''}`);
  }
  if (status === 404) return new SourceError('not-found', ctx.notFound ?? `BigQuery found nothing while ${ctx.what}${serverMessage ? ` (${serverMessage})` : ''}`);
  if (status === 408 || status === 429 || status >= 500 || (reason && TRANSIENT_REASONS.has(reason))) {
    return new SourceError('transient', `BigQuery answered ${status || reason} while ${ctx.what}`);
  }
  if (status === 400) return new SourceError('user', `BigQuery refused the request while ${ctx.what} (${reason ?? 'invalid'}${serverMessage ? `: ${serverMessage}` : ''})`);

  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.test(code) || e.type === 'request-timeout' || e.name === 'AbortError' || /socket hang up|network timeout|premature close|ECONNREFUSED/i.test(e.message ?? '')) {
    return new SourceError('transient', `Could not reach BigQuery while ${ctx.what} (${code || e.type || 'network error'})`);
  }
  return new SourceError('internal', `BigQuery failed while ${ctx.what}: ${code || e.name || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}
