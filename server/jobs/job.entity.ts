import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';

/** The job engine's tables: the durable queue (`job`) and the schedule slots already fired (`job_slot`). */
/** What a job's payload may hold: flat JSON values (ids, names), nothing secret. */
export type JobPayload = Record<string, string | number | boolean | null>;

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** One unit of background work: the single record of whether it is queued, running or over. */
@Entity('job')
export class JobEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  /** Which handler runs it (`import-run`, `schema-refresh`). */
  @TextColumn() kind!: string;
  /** At most one queued or running job per (kind, key): an import id, a connection id. */
  @TextColumn() key!: string;
  @JsonColumn() payload!: JobPayload;
  @TextColumn() status!: JobStatus;
  @IntColumn() attempt!: number;
  @TimeColumn({ nullable: true }) notBefore!: Date | null;
  @TimeColumn({ nullable: true }) heartbeatAt!: Date | null;
  /** The engine (one per server process) running it. */
  @TextColumn({ nullable: true }) owner!: string | null;
  @TextColumn({ nullable: true }) error!: string | null;
  /** Set by cancel on a running job; its owner sees it on its next heartbeat. */
  @IntColumn({ default: 0 }) cancelRequested!: number;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
}

/** A schedule slot that has fired (e.g. "import X, 2026-12-01"); the primary key makes it fire once. */
@Entity('job_slot')
export class JobSlotEntity {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @PrimaryColumn({ type: 'text' }) slot!: string;
  @TimeColumn() firedAt!: Date;
}
