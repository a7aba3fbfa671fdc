/**
 * The OAuth2 token endpoint of the service-account JWT-bearer grant
 * (https://developers.google.com/identity/protocols/oauth2/service-account#httprest), shared by the stand-ins for
 * Google services (fake-gcs.ts, fake-bigquery.ts), which serve it at `/token`. It checks an assertion as Google does:
 * RS256 with the claims present, `aud` this endpoint, short-lived and issued about now, signed by a trusted key.
 */
import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface FakeTokenEndpoint {
  /** Answers one request to the token URI: a grant, or the OAuth error Google would give. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The client_email an access token was issued to; undefined for a token this endpoint never issued. */
  clientEmailOf(accessToken: string): string | undefined;
  /** Answer the grant for this client_email with 400 invalid_grant, as Google does for a deleted key. */
  revoke(clientEmail: string): void;
  /** Only this client_email gets tokens; others get invalid_grant. `undefined` lifts the restriction. */
  requireClientEmail(clientEmail: string | undefined): void;
  /** Verify grants from this client_email against this public key (done for you by `makeServiceAccountKey`). */
  trustKey(clientEmail: string, publicKey: KeyObject | string): void;
}

/** A token endpoint at `tokenUri`; with `scope`, grants whose scope does not mention it are refused (invalid_scope). */
export function fakeTokenEndpoint(tokenUri: string, options: { scope?: string } = {}): FakeTokenEndpoint {
  const revoked = new Set<string>();
  const trusted = new Map<string, KeyObject>();
  const tokens = new Map<string, string>(); // access token → client_email
  let required: string | undefined;
  let tokenSeq = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request', error_description: 'POST only' });
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== JWT_BEARER) return json(res, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' });
    const assertion = form.get('assertion') ?? '';
    const [h, p, s] = assertion.split('.');
    let header: { alg?: string };
    let claims: { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
    try {
      header = JSON.parse(Buffer.from(h!, 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    } catch {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: malformed.' });
    }
    if (header.alg !== 'RS256' || !claims.iss || !claims.scope || !claims.iat || !claims.exp) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: missing claims.' });
    }
    if (claims.aud !== tokenUri) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT: audience is not this token endpoint.' });
    if (options.scope && !claims.scope.includes(options.scope)) return json(res, 400, { error: 'invalid_scope', error_description: 'Invalid OAuth scope.' });
    if (claims.exp - claims.iat > 3600 || Math.abs(claims.iat - Math.floor(Date.now() / 1000)) > 300) {
      return json(res, 400, {
        error: 'invalid_grant',
        error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      });
    }
    const key = trusted.get(claims.iss);
    const signed = key && s ? verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')) : false;
    if (!signed || revoked.has(claims.iss)) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    if (required !== undefined && claims.iss !== required) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid grant: account not found' });

    const accessToken = `ya29.fake-${++tokenSeq}-${createHash('sha256').update(assertion).digest('hex').slice(0, 24)}`;
    tokens.set(accessToken, claims.iss);
    json(res, 200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
  }

  return {
    handle,
    clientEmailOf(accessToken) {
      return tokens.get(accessToken);
    },
    revoke(clientEmail) {
      revoked.add(clientEmail);
    },
    requireClientEmail(clientEmail) {
      required = clientEmail;
    },
    trustKey(clientEmail, publicKey) {
      trusted.set(clientEmail, typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey);
    },
  };
}

export interface ServiceAccountKeyFile {
  /** The key file text, as a user would paste it. */
  json: string;
  clientEmail: string;
  privateKeyPem: string;
}

/** A throwaway service-account key whose `token_uri` points at the fake, trusted by it. */
export function makeServiceAccountKey(
  fake: Pick<FakeTokenEndpoint, 'trustKey'> & { tokenUri: string },
  options: { clientEmail?: string; projectId?: string } = {},
): ServiceAccountKeyFile {
  const projectId = options.projectId ?? 'inlet-test';
  const clientEmail = options.clientEmail ?? `inlet-reader@${projectId}.iam.gserviceaccount.com`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  fake.trustKey(clientEmail, publicKey);
  const key = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: createHash('sha1').update(privateKeyPem).digest('hex'),
    private_key: privateKeyPem,
    client_email: clientEmail,
    client_id: '100000000000000000000',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: fake.tokenUri,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    universe_domain: 'googleapis.com',
  };
  return { json: JSON.stringify(key, null, 2), clientEmail, privateKeyPem };
}

/** Answers with a JSON body, as Google's APIs do. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
