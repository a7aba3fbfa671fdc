/**
 * Snowflake failures (driver errors, HTTP answers, SQL errors) turned into SourceErrors whose kind says whether a retry
 * can help and whose message says what to do, naming the step that failed. Never includes a credential.
 */
import { SourceError } from '../../errors.js';
import { findPrivateAddressError } from '../../net/agents.js';

interface DriverError {
  name?: string;
  code?: unknown;
  message?: string;
  sqlState?: string;
  response?: { statusCode?: number; status?: number };
  cause?: { code?: string; message?: string };
}

/** Server text without anything long enough to be a token, and without the connection's own secrets. */
export function scrubber(secrets: string[]): (text: string) => string {
  const parts = secrets.flatMap((s) => [s, ...s.split('\n').map((l) => l.trim())]).filter((s) => s.length >= 8);
  return (text) => {
    let out = text;
    for (const p of parts) if (out.includes(p)) out = out.split(p).join('[redacted]');
    return out.replace(/[A-Za-z0-9+/_=-]{40,}/g, '…').replace(/\s+/g, ' ').trim().slice(0, 300);
  };
}

/** The step of a session a failure happened in (messages differ: a login failure is about credentials). */
export type Step = 'login' | 'role' | 'warehouse' | 'check' | 'discover' | 'read' | 'stream';

const TRANSIENT_MESSAGE = /suspended|cannot be resumed|resource monitor|quota|temporarily|try again|queued|timeout|timed out|service unavailable|overloaded/i;

export interface SnowflakeErrorContext {
  step: Step;
  user: string;
  account: string;
  warehouse: string;
  role: string | null;
  database: string;
  schema: string;
  table?: string;
  scrub: (text: string) => string;
  /** How the connection signs in. */
  method?: 'password' | 'key pair' | 'token';
}

/** Maps driver and server failures to messages a person can act on. Never includes a credential. */
export function explainSnowflakeError(error: unknown, ctx: SnowflakeErrorContext): SourceError {
  if (error instanceof SourceError) return error;
  const refused = findPrivateAddressError(error);
  if (refused) return new SourceError('user', `Refused to connect to Snowflake account ${ctx.account}: ${refused.message}`);
  const e = (error ?? {}) as DriverError;
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : '';
  const serverText = ctx.scrub(e.message ?? '');
  const detail = [code, serverText].filter(Boolean).join(': ');
  const status = e.response?.statusCode ?? e.response?.status ?? 0;
  const sqlState = e.sqlState ?? '';

  if (e.name === 'NetworkError' || (e.name === 'LargeResultSetError' && !status)) {
    return new SourceError('transient', `Could not reach Snowflake account ${ctx.account} (${ctx.scrub(e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error')})`);
  }
  if (e.name === 'LargeResultSetError' && (status === 403 || status === 400 || status === 404)) {
    // A result chunk (a presigned cloud-storage URL) refused even after the driver's retries and its refresh of the
    // URLs: expired links or the storage's spurious 403s. Running the read again gets a new result and new links.
    return new SourceError('transient', `Snowflake's cloud storage refused a result chunk (HTTP ${status}) for account ${ctx.account}: its download link expired or storage failed; Inlet runs the read again`);
  }
  if (e.name === 'RequestFailedError' || e.name === 'LargeResultSetError') {
    if (status >= 500 || status === 429 || status === 408 || status === 0) {
      return new SourceError('transient', `Snowflake answered ${status || 'an error'} ${ctx.step === 'login' ? 'to the login' : 'to a query'} for account ${ctx.account}`);
    }
    if (status === 401 || status === 403) {
      return new SourceError('auth', `Snowflake refused user ${ctx.user} on account ${ctx.account} (HTTP ${status}): check the credentials and any network policy`);
    }
    return new SourceError('internal', `Snowflake answered HTTP ${status} for account ${ctx.account}`);
  }
  if (e.name === 'ClientError' || e.name === 'InvalidParameterError' || e.name === 'ArgumentError') {
    if (ctx.step === 'login') return new SourceError('user', `Snowflake login for user ${ctx.user} could not start (${detail}): check the account identifier and credentials`);
    return new SourceError('internal', `The Snowflake driver refused a request (${detail})`);
  }

  // Operation failures: the server's code and message.
  if (/^39011[24]$/.test(code)) return new SourceError('transient', `The Snowflake session expired (${detail})`);
  if (ctx.step === 'login') {
    if (TRANSIENT_MESSAGE.test(serverText) || sqlState.startsWith('57')) return new SourceError('transient', `Snowflake could not log in user ${ctx.user} right now (${detail})`);
    const check =
      ctx.method === 'password'
        ? 'check the password; a user of TYPE = SERVICE cannot sign in with a password at all, and Snowflake is retiring password sign-in: use a key pair or a programmatic access token'
        : ctx.method === 'token'
          ? 'check that the programmatic access token is current (they expire) and belongs to this user'
          : 'check that the public key registered for the user (RSA_PUBLIC_KEY) matches the private key';
    return new SourceError('auth', `Snowflake login failed for user ${ctx.user}: ${check}${detail ? ` (${detail})` : ''}`);
  }
  // 000630 is a statement timeout (STATEMENT_TIMEOUT_IN_SECONDS of the session, user or warehouse): the same query times
  // out again, billed for the whole timeout each time, so it is never retried.
  if (code === '000630') {
    return new SourceError(
      'user',
      `Snowflake canceled the ${ctx.step === 'read' || ctx.step === 'stream' ? 'read' : 'query'} at its statement timeout (${detail}): raise STATEMENT_TIMEOUT_IN_SECONDS for warehouse ${ctx.warehouse} or user ${ctx.user} (ALTER WAREHOUSE … SET STATEMENT_TIMEOUT_IN_SECONDS = …), use a larger warehouse, or import fewer columns`,
    );
  }
  // "No active warehouse" (sqlState 57P03) after USE WAREHOUSE succeeded: the warehouse went away; not worth retrying.
  if (code === '000606') return new SourceError('auth', `Warehouse ${ctx.warehouse} is not usable by this session (${detail}): check that it exists and the role can use it`);
  if (TRANSIENT_MESSAGE.test(serverText) || sqlState.startsWith('57') || sqlState.startsWith('08')) {
    return new SourceError('transient', `Snowflake warehouse ${ctx.warehouse} cannot run queries right now (${detail})`);
  }
  if (ctx.step === 'role') return new SourceError('auth', `Role ${ctx.role} does not exist or is not granted to user ${ctx.user}${detail ? ` (${detail})` : ''}`);
  if (ctx.step === 'warehouse') return new SourceError('auth', `Warehouse ${ctx.warehouse} does not exist or the role cannot use it${detail ? ` (${detail})` : ''}`);
  if (/does not exist or not authorized/i.test(serverText)) {
    if (/^Database /i.test(serverText.replace(/^SQL compilation error:\s*/i, ''))) {
      return new SourceError('not-found', `Database ${ctx.database} does not exist or the role cannot see it (${detail})`);
    }
    if (/^Schema /i.test(serverText.replace(/^SQL compilation error:\s*/i, ''))) {
      return new SourceError('not-found', `Schema ${ctx.database}.${ctx.schema} does not exist or the role cannot see it (${detail})`);
    }
    if (ctx.table) return new SourceError('not-found', `Table ${ctx.database}.${ctx.schema}.${ctx.table} no longer exists or the role cannot read it (${detail})`);
    return new SourceError('not-found', `Snowflake: ${detail}`);
  }
  if (/invalid identifier/i.test(serverText) && ctx.table) {
    return new SourceError('user', `A column of ${ctx.database}.${ctx.schema}.${ctx.table} is no longer there (${detail}): refresh the schema`);
  }
  if (/insufficient privileges|not authorized|access control/i.test(serverText)) {
    return new SourceError('auth', `The role cannot read ${ctx.table ? `${ctx.database}.${ctx.schema}.${ctx.table}` : `${ctx.database}.${ctx.schema}`} (${detail})`);
  }
  if (e.name === 'OperationFailedError') return new SourceError('user', `Snowflake refused the query (${detail})`);
  return new SourceError('internal', `Snowflake failed (${e.name ?? 'error'}${code ? ` ${code}` : ''})`);
}

