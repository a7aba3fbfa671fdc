import type { ImportRunStatus, ImportStatus } from './import.entity.js';

/**
 * Every allowed import and run status transition, each in one table (like connections/state-machine.ts).
 * Anything else is refused by the one function that changes each status: ImportService.transition for imports,
 * transitionRun (import.repository.ts, called by the job engine's transaction) for runs.
 */

/**
 * ACTIVE ⇄ PAUSED by a person; BLOCKED by an unsupported schema change whatever the status, and ACTIVE again when
 * the source reverts (BLOCKED → BLOCKED updates the reason). A BLOCKED import cannot be paused or resumed.
 */
export const IMPORT_TRANSITIONS: Record<ImportStatus, readonly ImportStatus[]> = {
  ACTIVE: ['PAUSED', 'BLOCKED'],
  PAUSED: ['ACTIVE', 'BLOCKED'],
  BLOCKED: ['ACTIVE', 'BLOCKED'],
};

/** Whether an import may go from `from` to `to`. */
export function canImportTransition(from: ImportStatus, to: ImportStatus): boolean {
  return IMPORT_TRANSITIONS[from].includes(to);
}

/**
 * A run is queued (or recorded as skipped: NEW → CANCELLED), claimed, and ends once; a final status never changes.
 */
export const RUN_TRANSITIONS: Record<ImportRunStatus | 'NEW', readonly ImportRunStatus[]> = {
  NEW: ['QUEUED', 'CANCELLED'],
  QUEUED: ['RUNNING', 'CANCELLED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'CANCELLED'],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
};

/** Whether a run may go from `from` (null: it does not exist yet) to `to`. */
export function canRunTransition(from: ImportRunStatus | null, to: ImportRunStatus): boolean {
  return RUN_TRANSITIONS[from ?? 'NEW'].includes(to);
}
