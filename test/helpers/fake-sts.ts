/**
 * Stands in for AWS STS: answers AssumeRole (Query protocol, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html)
 * with the local S3 server's credentials when the caller signs as Inlet's principal and gives the expected external id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakeSts(options: { principalKeyId: string; roleArn: string; externalId: string; issue: { accessKeyId: string; secretAccessKey: string } }) {
  const calls: { roleArn: string | null; externalId: string | null; signedBy: string | null }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const signedBy = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? null;
      const call = { roleArn: form.get('RoleArn'), externalId: form.get('ExternalId'), signedBy };
      calls.push(call);
      const ok = form.get('Action') === 'AssumeRole' && signedBy === options.principalKeyId && call.roleArn === options.roleArn && call.externalId === options.externalId;
      res.setHeader('content-type', 'text/xml');
      if (!ok) {
        res.statusCode = 403;
        res.end(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
        return;
      }
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
<AccessKeyId>${options.issue.accessKeyId}</AccessKeyId><SecretAccessKey>${options.issue.secretAccessKey}</SecretAccessKey><SessionToken>session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>
</Credentials><AssumedRoleUser><Arn>${options.roleArn}/inlet</Arn><AssumedRoleId>AROA:inlet</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
