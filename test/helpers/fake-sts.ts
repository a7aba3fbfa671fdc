/**
 * Stands in for AWS STS: answers AssumeRole (Query protocol, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
 * with the local S3 server's credentials when the caller signs as Inlet's principal and gives the expected external id.
 *
 * Like STS it issues credentials that expire (`Expiration`, `expiresInSeconds` from the call; an hour by default, the
 * role's usual maximum session), and can answer the documented errors
 * (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html): `Throttling` (400, Sender) and
 * `ServiceUnavailable` (503, Receiver) through `failNext`, `AccessDenied` (403) for a wrong principal, role or external id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStsOptions {
  principalKeyId: string;
  roleArn: string;
  externalId: string;
  issue: { accessKeyId: string; secretAccessKey: string };
  /** Lifetime of issued credentials (default 3600 s). */
  expiresInSeconds?: number;
  /** The clock `Expiration` is computed from (a test moves it and the reader's clock together instead of waiting). */
  now?: () => number;
}

export async function startFakeSts(options: FakeStsOptions) {
  const calls: { roleArn: string | null; externalId: string | null; signedBy: string | null }[] = [];
  let failures: { code: 'Throttling' | 'ServiceUnavailable'; count: number } | null = null;
  let issued = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const signedBy = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? null;
      const call = { roleArn: form.get('RoleArn'), externalId: form.get('ExternalId'), signedBy };
      calls.push(call);
      res.setHeader('content-type', 'text/xml');
      const error = (status: number, type: string, code: string, message: string) => {
        res.statusCode = status;
        res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
      };
      if (failures && failures.count > 0) {
        failures.count--;
        if (failures.code === 'Throttling') return error(400, 'Sender', 'Throttling', 'Rate exceeded');
        return error(503, 'Receiver', 'ServiceUnavailable', 'Service is unavailable');
      }
      const ok = form.get('Action') === 'AssumeRole' && signedBy === options.principalKeyId && call.roleArn === options.roleArn && call.externalId === options.externalId;
      if (!ok) return error(403, 'Sender', 'AccessDenied', 'not authorized to perform sts:AssumeRole');
      issued++;
      const expiration = new Date((options.now ?? Date.now)() + (options.expiresInSeconds ?? 3600) * 1000).toISOString();
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
<AccessKeyId>${options.issue.accessKeyId}</AccessKeyId><SecretAccessKey>${options.issue.secretAccessKey}</SecretAccessKey><SessionToken>session-token-${issued}</SessionToken><Expiration>${expiration}</Expiration>
</Credentials><AssumedRoleUser><Arn>${options.roleArn}/inlet</Arn><AssumedRoleId>AROA:inlet</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    /** Credentials issued so far (successful AssumeRole calls). */
    get issued() {
      return issued;
    },
    /** The next `count` calls fail with this documented error before any check. */
    failNext(code: 'Throttling' | 'ServiceUnavailable', count = 1) {
      failures = { code, count };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
