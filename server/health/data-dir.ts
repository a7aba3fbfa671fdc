/**
 * The start-up check of the data directory: a server that cannot write its SQLite file (or create its master key)
 * would start, answer reads and fail every write. Refusing to start, naming the path and the fix, is kinder.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/** A start-up failure whose message is written for the operator: `main.ts` prints it without a stack. */
export class StartupError extends Error {}

/** File operations, injectable so the check can be exercised where the file system cannot be made to refuse. */
export interface DataDirFs {
  existsSync(file: string): boolean;
  openSync(file: string, flags: string): number;
  writeSync(fd: number, data: string): number;
  closeSync(fd: number): void;
  unlinkSync(file: string): void;
}

const nodeFs: DataDirFs = { existsSync, openSync, writeSync, closeSync, unlinkSync };

/** Throws a StartupError naming the path and the fix when Inlet could not write what it needs in DATA_DIR. */
export function assertDataDirWritable(config: Config, fs: DataDirFs = nodeFs): void {
  const dir = config.dataDir;
  const sqlite = !config.databaseUrl;
  const keyFile = path.join(dir, 'master.key');
  const needsKeyFile = !config.masterKey && !fs.existsSync(keyFile);
  if (!sqlite && !needsKeyFile) return;
  const why = sqlite ? 'the SQLite database lives there' : 'the master key file master.key must be created there (INLET_MASTER_KEY is not set)';
  const fix = sqlite
    ? 'Make it writable by the user running Inlet, or set DATA_DIR to a writable directory.'
    : 'Make it writable by the user running Inlet, set DATA_DIR to a writable directory, or set INLET_MASTER_KEY.';
  // Permission bits say little (root ignores them; a read-only mount or an immutable file does not show in them):
  // create a file and write a byte, as the server will.
  const probe = path.join(dir, `.inlet-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fd = fs.openSync(probe, 'wx');
    try {
      fs.writeSync(fd, 'x');
    } finally {
      fs.closeSync(fd);
      fs.unlinkSync(probe);
    }
  } catch (error) {
    throw new StartupError(`Inlet cannot write to its data directory ${dir} (DATA_DIR): ${describe(error)}; ${why}. ${fix}`);
  }
  if (!sqlite) return;
  // The directory may be writable while the database file (or its write-ahead log) is not.
  for (const name of ['inlet.sqlite', 'inlet.sqlite-wal', 'inlet.sqlite-shm']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    try {
      fs.closeSync(fs.openSync(file, 'r+'));
    } catch (error) {
      throw new StartupError(`Inlet cannot write to its SQLite file ${file}: ${describe(error)}. Make the file writable by the user running Inlet (check its owner, mode and attributes, e.g. lsattr), or restore it to a writable location.`);
    }
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted (an immutable directory or file?)',
    EROFS: 'it is on a read-only file system',
    ENOSPC: 'the disk is full',
    ENOENT: 'it does not exist',
  };
  return (code && reasons[code]) ?? (code ? `error ${code}` : 'an unknown error');
}
