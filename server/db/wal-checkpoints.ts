/**
 * Copies a SQLite database's write-ahead log into the database file from a connection of its own, for a thread
 * other than the one writing.
 *
 * In WAL mode the connection that commits also checkpoints (every `wal_autocheckpoint` pages): while a run inserts
 * its rows on the main thread, that copying was about a quarter of the main thread's time (2M rows alone: 1.9 s of
 * inserts with checkpoints, 1.4 s without; the benchmark's Parquet import went from 2.20-2.23 s to 1.82-1.88 s). The read worker checkpoints whenever it waits for the main thread to take
 * a batch, that is, only when reading is ahead of inserting and its core has time to spare: the main thread's own
 * checkpoint, when it comes due, then finds the frames copied and only resets the log. When reading is the slower
 * side (gzipped CSV on two cores) the worker never waits and the main thread checkpoints as before.
 * A passive checkpoint never waits for a lock and never blocks the writer; when the log is busy it does less.
 */
import Database from 'better-sqlite3';

export class WalCheckpointer {
  private constructor(private db: Database.Database | null) {}

  /** A checkpointer for `file`; null when it cannot be opened (the writer then checkpoints alone, as without one). */
  static open(file: string): WalCheckpointer | null {
    try {
      const db = new Database(file, { fileMustExist: true });
      db.pragma('busy_timeout = 0');
      return new WalCheckpointer(db);
    } catch {
      return null;
    }
  }

  /** Copies the frames committed so far that no reader still needs; never waits. */
  checkpoint(): void {
    try {
      this.db?.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy or locked: the next one, or the writer's own, does it
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
