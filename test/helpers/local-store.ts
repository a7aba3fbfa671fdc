import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SourceError } from '../../server/connectors/errors.js';
import type { IoStats, ListPage, ObjectInfo, ObjectStore } from '../../server/connectors/files/object-store.js';

/**
 * An ObjectStore over a local directory (scheme `file`, bucket = the directory), counting requests and bytes like a
 * bucket store does. It is the filesystem, not a mock of a service: format tests use it to read real files.
 */
export class LocalStore implements ObjectStore {
  readonly scheme = 'file';
  readonly stats: IoStats = { requests: 0, bytesRead: 0 };
  /** Every ranged read, in order, as [key, start, endInclusive]. */
  readonly ranges: [string, number, number][] = [];

  constructor(readonly bucket: string) {}

  private pathOf(key: string): string {
    const full = path.resolve(this.bucket, key);
    if (!full.startsWith(path.resolve(this.bucket) + path.sep)) throw new SourceError('user', `Key ${key} leaves the bucket`);
    return full;
  }

  /** Forgets the counted requests and bytes. */
  resetStats(): void {
    this.stats.requests = 0;
    this.stats.bytesRead = 0;
    this.ranges.length = 0;
  }

  /** The listing entry for one key. */
  async object(key: string): Promise<ObjectInfo> {
    const info = await stat(this.pathOf(key)).catch(() => {
      throw new SourceError('not-found', `file://${this.bucket}/${key} does not exist`);
    });
    return { key, size: info.size, lastModified: info.mtime, version: String(info.mtimeMs) };
  }

  async list(prefix: string, options: { delimiter?: string; token?: string; maxKeys?: number } = {}): Promise<ListPage> {
    this.stats.requests++;
    const keys: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const key = rel + entry.name;
        if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${key}/`);
        else keys.push(key);
      }
    };
    await walk(this.bucket, '');
    keys.sort();
    const objects: ObjectInfo[] = [];
    const prefixes = new Set<string>();
    for (const key of keys) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const cut = options.delimiter ? rest.indexOf(options.delimiter) : -1;
      if (cut >= 0) prefixes.add(prefix + rest.slice(0, cut + options.delimiter!.length));
      else objects.push(await this.object(key));
    }
    return { objects, prefixes: [...prefixes].sort() };
  }

  async readRange(key: string, start: number, end: number): Promise<Uint8Array> {
    this.stats.requests++;
    this.ranges.push([key, start, end]);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
      throw new SourceError('internal', `Bad range ${start}-${end} for ${key}`);
    }
    const handle = await open(this.pathOf(key), 'r');
    try {
      const { size } = await handle.stat();
      if (start >= size) throw new SourceError('user', `Range ${start}-${end} is outside file://${this.bucket}/${key} (${size} bytes)`);
      const length = Math.min(end, size - 1) - start + 1;
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      this.stats.bytesRead += done;
      return buffer.subarray(0, done);
    } finally {
      await handle.close();
    }
  }

  async readStream(key: string): Promise<Readable> {
    this.stats.requests++;
    await this.object(key);
    const stream = createReadStream(this.pathOf(key), { highWaterMark: 256 * 1024 });
    stream.on('data', (chunk) => {
      this.stats.bytesRead += chunk.length;
    });
    return stream;
  }
}
