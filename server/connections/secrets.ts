import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { log, registerSecret } from '../log.js';

/**
 * Seals credentials at rest with AES-256-GCM. The key lives outside the database: INLET_MASTER_KEY
 * (64 hex chars or 32 bytes base64), or `master.key` (mode 0600) created in the data directory on first start.
 * Several servers sharing one PostgreSQL must share INLET_MASTER_KEY.
 */
export class Sealer {
  private constructor(private readonly key: Buffer) {}

  static fromConfig(config: Config): Sealer {
    if (config.masterKey) return new Sealer(parseKey(config.masterKey, 'INLET_MASTER_KEY'));
    const file = path.join(config.dataDir, 'master.key');
    if (!existsSync(file)) {
      if (config.databaseUrl) {
        log.warn('INLET_MASTER_KEY is not set: created a key file; every server on this database needs the same key', { file });
      }
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    }
    return new Sealer(parseKey(readFileSync(file, 'utf8').trim(), file));
  }

  /** Encrypts a JSON-able value to `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Decrypts what `seal` produced; every string inside is registered with the logger for redaction. */
  open<T>(sealed: string): T {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('sealed credentials are malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    let text: string;
    try {
      text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('sealed credentials cannot be opened: the master key differs from the one that sealed them');
    }
    const value = JSON.parse(text) as T;
    registerSecrets(value);
    return value;
  }
}

/** Registers every string in a credentials object with the log redactor. */
export function registerSecrets(value: unknown): void {
  if (typeof value === 'string') registerSecret(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) registerSecrets(v);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${source} must hold a 32-byte key (64 hex characters or base64)`);
  return key;
}
