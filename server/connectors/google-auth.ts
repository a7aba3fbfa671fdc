/**
 * Google service-account authentication, shared by the GCS and BigQuery connectors: reading the key file a user
 * pastes, and access tokens from the OAuth2 JWT-bearer grant (RFC 7523) posted to the key's `token_uri`.
 *
 * The grant is signed here rather than by google-auth-library, which posts it to a hard-coded Google URL (ignoring the
 * key's token_uri) and retries it; this keeps it to one request, to the endpoint the key names. Nothing here loads the
 * Google client libraries. The request goes through Inlet's egress agents (net/agents.ts: private addresses refused at
 * connect time) and never follows a redirect: a 3xx is a failed grant, so the signed assertion goes nowhere else.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { SourceError } from './errors.js';
import type { IoStats } from './files/object-store.js';
import { findPrivateAddressError, type EgressAgents } from './net/agents.js';

const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** A parsed service-account key. Signing uses the KeyObject (it never prints); the PEM text is kept only to register it as a secret. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  privateKeyPem: string;
  privateKeyId?: string;
  projectId?: string;
  tokenUri: string;
}

/** How a connector words a refused key: each connector's messages are its own, and tests assert them. */
export interface KeyWording {
  /** The key as a whole, e.g. `The service account key`. */
  key: string;
  /** One field of the key, e.g. `The key's private_key`. */
  field(name: 'client_email' | 'private_key' | 'token_uri'): string;
  /** The refusal of a key whose type is not service_account (`undefined`: the key has no type). */
  wrongType(type: string | undefined): string;
}

export interface KeyRules {
  /** Accept any token_uri: only when a test endpoint stands in for Google. */
  trustTokenUri: boolean;
  /** Refuse a key with no `type` as well (a key of another type is always refused). */
  requireType?: boolean;
  /** Refuse a client_email that is not shaped like an e-mail address. */
  checkEmail?: boolean;
  wording: KeyWording;
}

/**
 * Reads a service-account key file. The reason it is refused says which field is wrong and never quotes the key: the
 * pasted text is a credential. Returns the reason instead of throwing, so callers choose an input or a source error.
 */
export function readServiceAccountKey(text: string, rules: KeyRules): ServiceAccountKey | { error: string } {
  const { wording } = rules;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: `${wording.key} is not valid JSON: paste the whole key file downloaded from the Cloud console` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { error: `${wording.key} is not a JSON object: paste the whole key file downloaded from the Cloud console` };
  }
  const k = json as Record<string, unknown>;
  if (k.type !== 'service_account' && (typeof k.type === 'string' || rules.requireType)) {
    return { error: wording.wrongType(typeof k.type === 'string' ? k.type.slice(0, 40) : undefined) };
  }
  const missing = ['client_email', 'private_key'].filter((f) => typeof k[f] !== 'string' || !(k[f] as string).trim());
  if (missing.length) return { error: `${wording.key} has no ${missing.join(' or ')}: paste the whole key file downloaded from the Cloud console` };
  const clientEmail = (k.client_email as string).trim();
  if (rules.checkEmail && (!/^[^\s@]+@[^\s@]+$/.test(clientEmail) || clientEmail.length > 320)) {
    return { error: `${wording.field('client_email')} is not an email address: paste the key file unedited` };
  }
  const privateKeyPem = k.private_key as string;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyPem, format: 'pem' });
  } catch {
    return { error: `${wording.field('private_key')} is not a PEM private key: paste the key file unedited` };
  }
  if (privateKey.asymmetricKeyType !== 'rsa') return { error: `${wording.field('private_key')} is not an RSA key: paste the key file unedited` };
  const tokenUri = typeof k.token_uri === 'string' && k.token_uri ? k.token_uri : DEFAULT_TOKEN_URI;
  // A crafted token_uri would make Inlet post a signed grant to any (internal) address; only Google's endpoints may
  // receive it, except on a test server that points the connector at a stand-in.
  if (!rules.trustTokenUri && !isGoogleTokenUri(tokenUri)) {
    return { error: `${wording.field('token_uri')} is not a Google token endpoint: paste the key file unedited` };
  }
  return {
    clientEmail,
    privateKey,
    privateKeyPem,
    privateKeyId: typeof k.private_key_id === 'string' ? k.private_key_id : undefined,
    projectId: typeof k.project_id === 'string' ? k.project_id : undefined,
    tokenUri,
  };
}

function isGoogleTokenUri(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'https:' && ['oauth2.googleapis.com', 'www.googleapis.com', 'accounts.google.com'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** Why a token grant failed, without the assertion or any response text that might echo it. */
export class TokenGrantError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly oauthError: string | undefined,
    readonly networkCode: string | undefined,
    readonly description?: string,
    /** Set when the egress policy refused the token endpoint's address (a private address): not retryable. */
    readonly refused?: string,
  ) {
    super(`token grant failed${status ? ` (HTTP ${status})` : ''}${oauthError ? ` ${oauthError}` : ''}${networkCode ? ` ${networkCode}` : ''}`);
    this.name = 'TokenGrantError';
  }
}

/** One POST of a form, through the egress agents, with no redirect followed; resolves with the status and body text. */
function postForm(uri: string, form: URLSearchParams, agents: EgressAgents, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(uri);
    const body = Buffer.from(form.toString());
    const isHttps = url.protocol === 'https:';
    const request = (isHttps ? https : http).request(url, {
      method: 'POST',
      agent: isHttps ? agents.https : agents.http,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'content-length': body.length },
      timeout: timeoutMs,
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('token request timed out'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // A token answer is a few KB; anything far larger is not one, and is not kept.
        if (size <= 1 << 20) chunks.push(chunk);
      });
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.end(body);
  });
}

/**
 * Access tokens for one key and scope, shaped like the google-auth `AuthClient` the Google clients ask for headers.
 * Key and token live in private fields, so they never show up when a client, store or connector is logged.
 */
export class ServiceAccountTokens {
  readonly universeDomain = 'googleapis.com';
  readonly #key: ServiceAccountKey;
  readonly #scope: string;
  readonly #stats: IoStats | undefined;
  readonly #agents: EgressAgents;
  #token: { value: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  /** Grants go through `agents` (net/agents.ts); with `stats`, each grant counts as a request. */
  constructor(key: ServiceAccountKey, scope: string, agents: EgressAgents, stats?: IoStats) {
    this.#key = key;
    this.#scope = scope;
    this.#agents = agents;
    this.#stats = stats;
  }

  /** A plain record: google-auth-library 9 (under the storage client) merges it with Object.assign, 10 (under BigQuery) takes any HeadersInit. */
  async getRequestHeaders(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.token()}` };
  }

  async getAccessToken(): Promise<{ token: string }> {
    return { token: await this.token() };
  }

  /** Drops the cached token, so the next request (after the API answered 401) asks for a fresh one. */
  forget(): void {
    this.#token = undefined;
  }

  /** The cached token, refreshed well before expiry so it never lapses between being attached and being checked. */
  token(): Promise<string> {
    if (this.#token && this.#token.expiresAt - Date.now() > 5 * 60_000) return Promise.resolve(this.#token.value);
    this.#pending ??= this.#grant().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #grant(): Promise<string> {
    const key = this.#key;
    const iat = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) });
    const claims = base64url({ iss: key.clientEmail, scope: this.#scope, aud: key.tokenUri, iat, exp: iat + 3600 });
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), key.privateKey).toString('base64url');
    if (this.#stats) this.#stats.requests++;
    let response: { status: number; text: string };
    try {
      const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${header}.${claims}.${signature}` });
      response = await postForm(key.tokenUri, form, this.#agents, 30_000);
    } catch (error) {
      const refused = findPrivateAddressError(error);
      if (refused) throw new TokenGrantError(undefined, undefined, undefined, undefined, refused.message);
      throw new TokenGrantError(undefined, undefined, (error as { code?: string }).code ?? (error as Error).name ?? 'network error');
    }
    let body: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      body = JSON.parse(response.text) as typeof body;
    } catch {
      // A non-JSON answer (a proxy's HTML error page) is classified by its status alone.
    }
    if (response.status < 200 || response.status > 299 || !body || typeof body.access_token !== 'string') {
      body ??= {};
      throw new TokenGrantError(
        response.status,
        typeof body.error === 'string' ? body.error.slice(0, 60) : undefined,
        undefined,
        typeof body.error_description === 'string' ? body.error_description : undefined,
      );
    }
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 3600) || 3600;
    this.#token = { value: body.access_token, expiresAt: Date.now() + expiresIn * 1000 };
    return body.access_token;
  }
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** How much of a server message `scrub` keeps: runs of `run` or more token characters go, the rest is cut to `length`. */
export interface ScrubLimits {
  run?: number;
  length?: number;
}

/** Keeps a server message readable but strips anything long enough to be a token or an assertion. */
export function scrub(text: string, { run = 40, length = 300 }: ScrubLimits = {}): string {
  return text.replace(new RegExp(`[A-Za-z0-9+/_.=-]{${run},}`, 'g'), '…').replace(/\s+/g, ' ').trim().slice(0, length);
}

/**
 * A failed token grant as a SourceError: transient when Google's endpoint could not be reached or answered 5xx/429/408,
 * otherwise `rejected(detail)` (the connector's wording of a refused key). `during` places it: `listing gs://b/p`, `while reading x`.
 */
export function explainTokenGrantError(error: TokenGrantError, during: string, rejected: (detail: string) => SourceError, limits?: ScrubLimits): SourceError {
  if (error.refused) return new SourceError('user', `Refused to send the token request ${during}: the key's token_uri ${error.refused}`);
  if (error.networkCode) return new SourceError('transient', `Could not reach Google's token endpoint ${during} (${error.networkCode})`);
  const status = error.status ?? 0;
  if (status >= 300 && status < 400) {
    return new SourceError('user', `The key's token endpoint answered a redirect (HTTP ${status}) ${during}: a signed token request is never sent on to another address; check the key's token_uri`);
  }
  if (status >= 500 || status === 429 || status === 408) return new SourceError('transient', `Google's token endpoint answered ${status} ${during}`);
  return rejected([error.oauthError ?? `HTTP ${status}`, error.description ? scrub(error.description, limits) : ''].filter(Boolean).join(': '));
}
