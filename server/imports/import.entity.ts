import { Entity, PrimaryColumn } from 'typeorm';
import { FloatColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';
import type { ColumnType } from '../connectors/formats/format.js';

export type ImportType = 'USER_PROFILE' | 'USER_ACTIVITY' | 'IDENTITY' | 'GROUP_MEMBERSHIP';
export type ImportStatus = 'ACTIVE' | 'PAUSED' | 'BLOCKED';
export type ImportRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type ImportRunTrigger = 'SCHEDULE' | 'MANUAL' | 'RETRY' | 'RESYNC';

/** A column the import stores: its source name and type, and the column (`c0`, `c1`…) of the import's data table. */
export interface StoredColumn {
  name: string;
  type: ColumnType;
  column: string;
}

/** A column of the source table as the import accepted it: the baseline for schema-change detection. */
export interface AcceptedColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
  position: number;
  isPartition: boolean;
  sourceType?: string | null;
  nested?: boolean;
}

@Entity('import')
export class ImportEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() connectionId!: string;
  @TextColumn() name!: string;
  @TextColumn({ name: 'tableName' }) table!: string;
  @TextColumn() type!: ImportType;
  /** The selected source columns (the user's attributes), in the user's order. */
  @JsonColumn() columns!: string[];
  @TextColumn() userIdColumn!: string;
  @TextColumn({ nullable: true }) timestampColumn!: string | null;
  @TextColumn({ nullable: true }) identifierColumn!: string | null;
  @TextColumn({ nullable: true }) identifierType!: string | null;
  @TextColumn({ nullable: true }) groupIdColumn!: string | null;
  @TextColumn({ nullable: true }) isDeletedColumn!: string | null;
  @TextColumn() status!: ImportStatus;
  @TextColumn({ nullable: true }) statusReason!: string | null;
  /** `manual`, `daily@HH:MM`, `hourly@MM`, `every@Nh` or a 5-field cron expression, in UTC (schedule.ts). */
  @TextColumn() schedule!: string;
  @TimeColumn({ nullable: true }) nextRunAt!: Date | null;
  @FloatColumn() rejectThreshold!: number;
  /** Every column the data table holds (mapped columns first, then attributes), with its storage column. */
  @JsonColumn() stored!: StoredColumn[];
  @JsonColumn() acceptedSchema!: AcceptedColumn[];
  /** Name of the table holding the imported rows. */
  @TextColumn() dataTable!: string;
  /** Typed sources: the greatest imported value of the timestamp column, for incremental reads. */
  @TextColumn({ nullable: true }) watermark!: string | null;
  /** Rows in the data table, set by the publishing transaction (double precision: exact to 2^53, a number on both stores). */
  @FloatColumn({ default: 0 }) rowCount!: number;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}

export interface RejectedRowSample {
  file: string;
  row: number | null;
  reason: string;
}

@Entity('import_run')
export class ImportRunEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() importId!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() status!: ImportRunStatus;
  @TextColumn() trigger!: ImportRunTrigger;
  @IntColumn() attempt!: number;
  @TimeColumn() queuedAt!: Date;
  /** A queued retry does not start before this time. */
  @TimeColumn({ nullable: true }) notBefore!: Date | null;
  @TimeColumn({ nullable: true }) startedAt!: Date | null;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
  @TimeColumn({ nullable: true }) heartbeatAt!: Date | null;
  /** The server process running it. */
  @TextColumn({ nullable: true }) owner!: string | null;
  @IntColumn({ nullable: true }) filesTotal!: number | null;
  @IntColumn({ nullable: true }) filesDone!: number | null;
  @IntColumn({ default: 0 }) rowsRead!: number;
  @IntColumn({ default: 0 }) rowsImported!: number;
  @IntColumn({ default: 0 }) rowsRejected!: number;
  @FloatColumn({ default: 0 }) bytesRead!: number;
  @TextColumn({ nullable: true }) error!: string | null;
  @JsonColumn() rejects!: RejectedRowSample[];
}

/** A source file (or unit) an import has imported, so incremental imports never import it twice. */
@Entity('import_unit')
export class ImportUnitEntity {
  @PrimaryColumn({ type: 'text' }) importId!: string;
  @PrimaryColumn({ type: 'text' }) unitId!: string;
  @TextColumn() runId!: string;
  @IntColumn() rows!: number;
  @TimeColumn() importedAt!: Date;
}
