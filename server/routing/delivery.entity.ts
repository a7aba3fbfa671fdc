import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, TextColumn, TimeColumn } from '../db/columns.js';

/** bigint on PostgreSQL (pg answers text), integer on SQLite: a number either way. */
const BigColumn = () => Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number | null) => (v == null ? null : Number(v)) } });

/** What a delivery is doing: QUEUED (an S3 Batch export waiting for its job), UPLOADING (first try), RETRYING (a transient failure), DELIVERED, FAILED (the destination turned INACTIVE). */
export type DeliveryStatus = 'QUEUED' | 'UPLOADING' | 'RETRYING' | 'DELIVERED' | 'FAILED';

/** One file a destination wrote (or is writing): the history of deliveries, and the record that makes a retry reuse its key. */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() connectionId!: string;
  @TextColumn() workspaceId!: string;
  /** events | aliases | segment_metadata | manifest (an S3 Batch export: one row for the day's run) */
  @TextColumn() dataType!: string;
  @TextColumn() key!: string;
  @IntColumn() rows!: number;
  /** Bytes as stored (gzip). */
  @BigColumn() bytes!: number;
  @BigColumn() uncompressedBytes!: number;
  @TimeColumn({ nullable: true }) windowStart!: Date | null;
  @TimeColumn({ nullable: true }) windowEnd!: Date | null;
  /** The batch's first and last event-log positions: the file holds exactly the workspace's events between them. */
  @BigColumn() firstPosition!: number;
  @BigColumn() lastPosition!: number;
  /** The worker id in the key (the server that first wrote the batch; a takeover keeps it, so the key stays the same). */
  @TextColumn() worker!: string;
  @IntColumn() attempt!: number;
  @TextColumn() status!: DeliveryStatus;
  @TextColumn({ nullable: true }) error!: string | null;
  @TimeColumn() startedAt!: Date;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
}

/** A destination's own state, beside its connection row. */
@Entity('destination')
export class DestinationEntity {
  @PrimaryColumn({ type: 'text' }) connectionId!: string;
  @TextColumn() workspaceId!: string;
  @IntColumn({ default: 0 }) paused!: number;
  /** Raised on every change of the workspace's segments; a streaming destination owes a snapshot while above metadataWritten. */
  @IntColumn({ default: 0 }) metadataVersion!: number;
  /** The metadataVersion the last delivered segment metadata snapshot was read at. */
  @IntColumn({ default: 0 }) metadataWritten!: number;
  @TimeColumn() updatedAt!: Date;
}
