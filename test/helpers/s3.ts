import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

/** s3rver accepts this access key id (it checks the id, not the secret). */
export const S3_KEY = Object.freeze({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

export interface LocalS3 {
  endpoint: string;
  client: S3Client;
  createBucket(name: string): Promise<void>;
  put(bucket: string, key: string, body: Uint8Array | string): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  /** Uploads every file under `dir` to `bucket/prefix`, keeping relative paths (Hive folders included). */
  uploadDir(bucket: string, prefix: string, dir: string): Promise<string[]>;
  close(): Promise<void>;
}

/** A real S3-protocol server (s3rver) on a free loopback port, storing in a temp dir. */
export async function startS3(): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'inlet-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { ...S3_KEY } });
  const put = async (bucket: string, key: string, body: Uint8Array | string) => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  };
  return {
    endpoint,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    put,
    async remove(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async uploadDir(bucket, prefix, dir) {
      const keys: string[] = [];
      const walk = async (current: string) => {
        for (const entry of readdirSync(current)) {
          const full = path.join(current, entry);
          if (statSync(full).isDirectory()) await walk(full);
          else {
            const key = prefix + path.relative(dir, full).split(path.sep).join('/');
            await put(bucket, key, readFileSync(full));
            keys.push(key);
          }
        }
      };
      await walk(dir);
      return keys.sort();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
