// One object written as a stream: bytes go into a PassThrough that @aws-sdk/lib-storage uploads, as one PutObject
// below 5 MiB and as a multipart upload above (parts of 5 MiB, two in flight, aborted on failure so no orphan parts
// stay behind). Writers await backpressure, so memory stays at about the queued parts whatever the object's size.
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';

export const MULTIPART_PART_SIZE = 5 * 1024 * 1024;

export interface UploadTarget {
  s3: S3Client;
  bucket: string;
  kmsKeyArn?: string | null;
}

/** The SSE-KMS parameters of every PUT when a key is set (none otherwise: the bucket's default, SSE-S3, applies). */
export function encryption(kmsKeyArn?: string | null): { ServerSideEncryption?: 'aws:kms'; SSEKMSKeyId?: string } {
  return kmsKeyArn ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyArn } : {};
}

export class ObjectUpload {
  readonly body = new PassThrough({ highWaterMark: 1024 * 1024 });
  /** Bytes written so far (the object's size once ended). */
  bytes = 0;
  private readonly upload: Upload;
  private readonly done: Promise<unknown>;
  private failed = false;
  /** Never resolves; rejects when the upload fails (race it with any wait on the body). */
  readonly failure: Promise<never>;

  constructor(target: UploadTarget, readonly key: string, contentType: string) {
    this.upload = new Upload({
      client: target.s3,
      params: { Bucket: target.bucket, Key: key, Body: this.body, ContentType: contentType, ...encryption(target.kmsKeyArn) },
      partSize: MULTIPART_PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    this.done = this.upload.done();
    this.done.catch(() => (this.failed = true));
    this.failure = this.done.then(() => new Promise<never>(() => undefined));
    this.failure.catch(() => undefined);
  }

  /** Writes bytes, waiting while the upload is behind; rejects as soon as the upload failed. */
  async write(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    if (!this.body.write(chunk)) await this.drained();
  }

  /** Resolves when the body can take more, rejects if the upload failed meanwhile. */
  async drained(): Promise<void> {
    if (this.failed) await this.done;
    await Promise.race([once(this.body, 'drain'), this.failure]);
  }

  /** Ends the body and waits for S3 to have the whole object. */
  async end(): Promise<void> {
    this.body.end();
    await this.done;
  }

  /** Waits for S3 to have the whole object, once the body was ended by a pipe. */
  async finished(): Promise<void> {
    await this.done;
  }

  /** Gives up: aborts the multipart upload (deleting its parts) and discards the body. */
  async abort(): Promise<void> {
    await this.upload.abort().catch(() => undefined);
    this.body.destroy();
    await this.done.catch(() => undefined);
  }
}
