/** The error a guarded statement raises (shared by the data store, which runs it, and the job engine, which reads it). */

/** A guarded statement (`expectChanges`) changed another number of rows: its transaction was rolled back. */
export class GuardFailed extends Error {
  constructor(readonly changes: number) {
    super(`a guarded statement changed ${changes} rows`);
    this.name = 'GuardFailed';
  }
}
