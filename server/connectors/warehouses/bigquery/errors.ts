/**
 * BigQuery failures (REST API answers, token grants, network errors) turned into SourceErrors whose kind says whether a
 * retry can help and whose message says what to do. Never includes a credential.
 */
import { SourceError } from '../../errors.js';
import { explainTokenGrantError, scrub, TokenGrantError } from '../../google-auth.js';
import { findPrivateAddressError } from '../../net/agents.js';
import { networkFailure } from '../../net/network-errors.js';

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

/**
 * What each `errors[].reason` BigQuery documents means for Inlet (https://cloud.google.com/bigquery/docs/error-messages):
 * whose move it is, and what to do. The HTTP status alone says little: a 403 is a missing permission (accessDenied),
 * a rate limit (rateLimitExceeded), a quota (quotaExceeded), billing (billingNotEnabled) or a too large result
 * (responseTooLarge); a 400 is a bad query (invalidQuery), too much work (resourcesExceeded) or a retryable backend
 * failure of the job (jobBackendError). Reasons not listed fall back on the status.
 */
const REASONS: Record<string, { kind: SourceError['kind']; say: (ctx: ErrorContext, server: string) => string }> = {
  rateLimitExceeded: { kind: 'transient', say: (ctx) => `BigQuery is rate limiting the project's requests (rateLimitExceeded) while ${ctx.what}: Inlet retries later` },
  quotaExceeded: {
    kind: 'transient',
    say: (ctx, server) => `BigQuery quota exceeded (quotaExceeded) while ${ctx.what}${server ? ` (${server})` : ''}: Inlet retries later; if it keeps failing, a daily quota (e.g. a custom query-bytes quota) is used up until it resets — raise it in the project's quotas`,
  },
  backendError: { kind: 'transient', say: (ctx) => `BigQuery had a backend error (backendError) while ${ctx.what}: Inlet retries later` },
  internalError: { kind: 'transient', say: (ctx) => `BigQuery had an internal error (internalError) while ${ctx.what}: Inlet retries later` },
  jobBackendError: { kind: 'transient', say: (ctx) => `The BigQuery job failed in BigQuery's backend (jobBackendError) while ${ctx.what}: Inlet retries later` },
  jobInternalError: { kind: 'transient', say: (ctx) => `The BigQuery job had an internal error (jobInternalError) while ${ctx.what}: Inlet retries later` },
  tableUnavailable: { kind: 'transient', say: (ctx) => `A table was temporarily unavailable (tableUnavailable) while ${ctx.what}: Inlet retries later` },
  billingNotEnabled: {
    kind: 'user',
    say: (ctx) => `Billing is not enabled for the project that runs Inlet's queries (billingNotEnabled) while ${ctx.what}: enable billing for it in the Google Cloud console (sandbox projects cannot run these queries)`,
  },
  billingTierLimitExceeded: { kind: 'user', say: (ctx, server) => `The query needs a higher billing tier (billingTierLimitExceeded) while ${ctx.what}${server ? ` (${server})` : ''}` },
  responseTooLarge: {
    kind: 'user',
    say: (ctx) => `The result is larger than BigQuery's maximum response size (about 10 GB compressed; responseTooLarge) while ${ctx.what}: select fewer columns, or import a table rather than a view so Inlet can page through it`,
  },
  resourcesExceeded: {
    kind: 'user',
    say: (ctx, server) => `The query needed more resources than BigQuery allows (resourcesExceeded) while ${ctx.what}${server ? ` (${server})` : ''}: select fewer columns or narrow the view the import reads`,
  },
  invalidQuery: { kind: 'user', say: (ctx, server) => `BigQuery refused the query (invalidQuery) while ${ctx.what}${server ? `: ${server}` : ''}` },
  invalid: { kind: 'user', say: (ctx, server) => `BigQuery refused the request (invalid) while ${ctx.what}${server ? `: ${server}` : ''}` },
  timeout: { kind: 'user', say: (ctx) => `The BigQuery job ran past its time limit (timeout) while ${ctx.what}: narrow the import (fewer columns, a table rather than a heavy view)` },
  blocked: { kind: 'user', say: (ctx, server) => `BigQuery blocked the request (blocked) while ${ctx.what}${server ? ` (${server})` : ''}: check the project's VPC Service Controls or organization policies` },
};

/** A SourceError that keeps BigQuery's reason, for the connector to react to (e.g. split a read that was too large). */
export class BigQueryError extends SourceError {
  constructor(kind: SourceError['kind'], message: string, readonly reason: string) {
    super(kind, message);
  }
}

/** BigQuery's documented reason behind a failure, when it had one. */
export function reasonOf(error: unknown): string | undefined {
  return error instanceof BigQueryError ? error.reason : undefined;
}

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
  const known = reason ? REASONS[reason] : undefined;
  if (known) return new BigQueryError(known.kind, known.say(ctx, serverMessage), reason!);
  if (status === 403) {
    // accessDenied (or a 403 without a documented reason): a permission the service account lacks.
    const permission = ctx.permission ? `lacks ${ctx.permission}` : `was refused (${reason ?? 'accessDenied'})`;
    return new SourceError('auth', `The service account ${ctx.clientEmail} ${permission}${serverMessage ? ` (${serverMessage})` : ''}`);
  }
  if (status === 404 || reason === 'notFound') return new SourceError('not-found', ctx.notFound ?? `BigQuery found nothing while ${ctx.what}${serverMessage ? ` (${serverMessage})` : ''}`);
  if (status === 408 || status === 429 || status >= 500) {
    return new SourceError('transient', `BigQuery answered ${status}${reason ? ` (${reason})` : ''} while ${ctx.what}: Inlet retries later`);
  }
  if (status === 400) return new SourceError('user', `BigQuery refused the request while ${ctx.what} (${reason ?? 'invalid'}${serverMessage ? `: ${serverMessage}` : ''})`);

  const code = typeof e.code === 'string' ? e.code : '';
  const network = networkFailure(error);
  if (network) return new SourceError('transient', `Could not reach BigQuery while ${ctx.what} (${network})`);
  return new SourceError('internal', `BigQuery failed while ${ctx.what}: ${code || e.name || 'unknown error'}${status ? ` (HTTP ${status})` : ''}`);
}
