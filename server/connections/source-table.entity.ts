import { Entity, PrimaryColumn } from 'typeorm';
import { FloatColumn, IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';
import type { ColumnSchema } from '../connectors/formats/format.js';
import type { PartitionValues, SampleOrigin } from '../connectors/connector.js';

/** A table found by the last schema refresh. Tables the layout rules ignore are kept too, with `ignoredReason`. */
@Entity('source_table')
export class SourceTableEntity {
  @PrimaryColumn({ type: 'text' }) connectionId!: string;
  @PrimaryColumn({ type: 'text' }) name!: string;
  @JsonColumn() columns!: (ColumnSchema & { isPartition: boolean })[];
  @JsonColumn() partitionColumns!: string[];
  @IntColumn({ nullable: true }) fileCount!: number | null;
  @FloatColumn({ nullable: true }) totalBytes!: number | null;
  /** The file whose schema the columns come from (the alphabetically last data file). */
  @TextColumn({ nullable: true }) schemaFile!: string | null;
  @JsonColumn() warnings!: string[];
  @TextColumn({ nullable: true }) ignoredReason!: string | null;
  /** Extra facts a source knows (BigQuery partitioning and clustering, table kind…). */
  @JsonColumn({ nullable: true }) details!: Record<string, unknown> | null;
  /** Per partition column, the values seen in folder names with their file counts (bounded). */
  @JsonColumn({ nullable: true }) partitionValues!: PartitionValues[] | null;
  /** When the newest data file was written (freshness), when the source says. */
  @TimeColumn({ nullable: true }) newestFileAt!: Date | null;
  /** The first rows of the newest data file as text, aligned with `columns`. */
  @JsonColumn({ nullable: true }) sampleRows!: (string | null)[][] | null;
  /** The file version and columns the sample rows were read for: an unchanged file is not read again. */
  @JsonColumn({ nullable: true }) sampleOf!: SampleOrigin | null;
}

export type SchemaRefreshStatus = 'IN_PROGRESS' | 'COMPLETED' | 'ERROR';

/** The state and cost of a connection's last schema refresh. */
@Entity('schema_refresh')
export class SchemaRefreshEntity {
  @PrimaryColumn({ type: 'text' }) connectionId!: string;
  @TextColumn() status!: SchemaRefreshStatus;
  @TimeColumn() startedAt!: Date;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
  @TextColumn({ nullable: true }) error!: string | null;
  @IntColumn({ default: 0 }) requests!: number;
  @FloatColumn({ default: 0 }) bytesRead!: number;
}
