import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

import { createRequire } from 'node:module';

/**
 * s3rver 3.7 prunes folders below a would-be common prefix before it records the prefix, so for prefix `a/` and
 * delimiter `/` the key `a/b/c/file` yields no `a/b/` (real S3 answers `a/b/`). Hive layouts nest files two or more
 * levels down, so this patch walks below and lets the existing roll-up code record the prefix, as S3 does.
 */
function patchS3rverListing(): void {
  const require = createRequire(import.meta.url);
  const FilesystemStore = require('s3rver/lib/stores/filesystem.js');
  const { walk } = require('s3rver/lib/utils.js');
  const S3Object = require('s3rver/lib/models/object.js');
  const proto = FilesystemStore.prototype;
  if (proto.__inletPatched) return;
  proto.listObjects = async function (this: any, bucket: string, options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number }) {
    const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options;
    const bucketPath: string = this.getBucketPath(bucket);
    const prefixPath = [bucketPath, FilesystemStore.encodeKeyPath(prefix)].join('/');
    const startAfterPath = [bucketPath, FilesystemStore.encodeKeyPath(startAfter)].join('/');
    // The fix: only prune folders outside the prefix (and before startAfter); never below a common prefix.
    const it = walk(bucketPath, (dirPath: string) => {
      if (dirPath < startAfterPath && startAfterPath.indexOf(dirPath) === -1) return false;
      return dirPath.startsWith(prefixPath) || prefixPath.startsWith(dirPath);
    });
    const suffix = '._S3rver_object';
    const commonPrefixes = new Set<string>();
    const keys: string[] = [];
    let isTruncated = false;
    for (const keyPath of it as Iterable<string>) {
      if (!keyPath.endsWith(suffix)) continue;
      const key: string = FilesystemStore.decodeKeyPath(keyPath.slice(bucketPath.length + 1, -suffix.length));
      if (key <= startAfter || !key.startsWith(prefix)) continue;
      if (delimiter) {
        const idx = key.slice(prefix.length).indexOf(delimiter);
        if (idx !== -1) {
          const common = key.slice(0, prefix.length + idx + 1);
          if (!commonPrefixes.has(common) && commonPrefixes.size + keys.length >= maxKeys) {
            isTruncated = true;
            break;
          }
          commonPrefixes.add(common);
          continue;
        }
      }
      if (keys.length + commonPrefixes.size < maxKeys) keys.push(key);
      else {
        isTruncated = true;
        break;
      }
    }
    const metadata = await Promise.all(keys.map((key) => this.getMetadata(bucket, key).catch((e: any) => (e.code === 'ENOENT' ? undefined : Promise.reject(e)))));
    return {
      objects: keys.map((key, i) => [key, metadata[i]] as const).filter(([, m]) => m !== undefined).map(([key, m]) => new S3Object(bucket, key, null, m)),
      commonPrefixes: [...commonPrefixes].sort(),
      isTruncated,
    };
  };
  proto.__inletPatched = true;
}
patchS3rverListing();

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
  /** Stores many small objects straight through the server's own store (no HTTP), for listings of huge buckets. */
  seed(bucket: string, keys: string[], body?: Buffer): Promise<void>;
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
    // Bytes, not a string: the SDK cannot tell an empty string's length and warns about streams.
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.length }));
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
    async seed(bucket, keys, body = Buffer.from('x')) {
      const store = (server as any).store;
      for (let i = 0; i < keys.length; i += 200) {
        await Promise.all(keys.slice(i, i + 200).map((key) => store.putObject({ bucket, key, content: body, metadata: { 'content-type': 'application/octet-stream' } })));
      }
    },
    async close() {
      client.destroy();
      await server.close();
      // Not awaited: a bucket seeded with 100,000 objects takes long to delete, and nothing waits on it.
      void rm(directory, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
