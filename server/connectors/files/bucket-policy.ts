import { PLACEHOLDER_AWS_ACCOUNT_ID, type Config } from '../../config.js';
import { checkS3BucketName } from './bucket-input.js';

/** The seed's read-only bucket policy (ListBucket on the bucket, GetObject on its objects) for Inlet's own role. */
export function bucketPolicy(bucketName: string, config: Config): string {
  const bucket = bucketName.trim();
  checkS3BucketName(bucket, 'bucketName');
  const principal = { AWS: `arn:aws:iam::${config.awsAccountId}:root` };
  const condition = { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${config.awsAccountId}:role/${config.awsRoleName}` } };
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'InletList', Effect: 'Allow', Principal: principal, Action: 's3:ListBucket', Resource: `arn:aws:s3:::${bucket}`, Condition: condition },
        { Sid: 'InletRead', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: condition },
      ],
    },
    null,
    2,
  );
}

/** Inlet's AWS principal as the bucket policies name it, and whether the account is still the unset placeholder. */
export function awsPrincipal(config: Config): { accountId: string; roleArn: string; isPlaceholder: boolean } {
  return { accountId: config.awsAccountId, roleArn: `arn:aws:iam::${config.awsAccountId}:role/${config.awsRoleName}`, isPlaceholder: config.awsAccountId === PLACEHOLDER_AWS_ACCOUNT_ID };
}
