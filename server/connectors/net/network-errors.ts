/**
 * One reading of "the request never got an answer" for every client Inlet uses (AWS SDK, the Google libraries'
 * gaxios/teeny-request, node:http), so that S3, GCS, STS and BigQuery classify the same failure the same way: a
 * transient outage the run engine retries with backoff, never a fault of the connection's settings.
 *
 * The clients report it differently: Node's errno codes (`ECONNRESET`, `ENOTFOUND`…) on `code`, undici's `UND_ERR_*`,
 * the AWS SDK's `TimeoutError` as the error's name, gaxios's `type: 'request-timeout'`, an `AbortError` for a
 * request the client gave up on, and some only in the message ("socket hang up", "premature close").
 */

const CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ENETUNREACH|EHOSTUNREACH|ECONNABORTED|ERR_STREAM_PREMATURE_CLOSE|UND_ERR)/;
const MESSAGES = /socket hang up|network timeout|premature close|\baborted\b|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE/i;
/** A connection that was open and is gone: the server closed a kept-alive socket, or a middlebox reset it. */
const DROPPED = /ECONNRESET|EPIPE|socket hang up/i;

interface ErrorShape {
  code?: unknown;
  name?: string;
  type?: string;
  message?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/**
 * When the error is a network failure (no answer from the server), a short label for messages: the errno code, the
 * client's timeout name or "network error". Otherwise null. An error that carries an HTTP status had an answer.
 */
export function networkFailure(error: unknown): string | null {
  const e = (error ?? {}) as ErrorShape;
  if (e.$metadata?.httpStatusCode) return null;
  const code = typeof e.code === 'string' ? e.code : '';
  if (CODES.test(code)) return code;
  if (e.name === 'TimeoutError' || e.type === 'request-timeout' || e.name === 'AbortError') return e.name === 'AbortError' ? 'aborted' : 'timeout';
  if (MESSAGES.test(e.message ?? '')) return code || 'network error';
  const cause = e.cause as ErrorShape | undefined;
  return cause && typeof cause === 'object' && cause !== error ? networkFailure(cause) : null;
}

/**
 * Whether an open connection was dropped (reset, broken pipe, hang-up) before the answer: worth asking again at once
 * on a fresh socket when the request is idempotent, before counting it as an outage.
 */
export function connectionDropped(error: unknown): boolean {
  const e = (error ?? {}) as ErrorShape;
  if (e.$metadata?.httpStatusCode) return false;
  return DROPPED.test(`${typeof e.code === 'string' ? e.code : ''} ${e.name ?? ''} ${e.message ?? ''}`);
}
