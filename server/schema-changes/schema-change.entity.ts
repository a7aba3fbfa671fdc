import { Entity, PrimaryColumn } from 'typeorm';
import { TextColumn, TimeColumn } from '../db/columns.js';
import type { ColumnType } from '../connectors/formats/format.js';
import type { SchemaChangeKind, Support } from './rules.js';

export type SchemaChangeStatus = 'PENDING' | 'ACCEPTED' | 'DISMISSED' | 'RESOLVED';

@Entity('schema_change')
export class SchemaChangeEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() importId!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() kind!: SchemaChangeKind;
  @TextColumn() column!: string;
  @TextColumn({ nullable: true }) previousType!: ColumnType | null;
  @TextColumn({ nullable: true }) newType!: ColumnType | null;
  @TextColumn() support!: Support;
  @TextColumn() status!: SchemaChangeStatus;
  @TextColumn() description!: string;
  /** For a field of a struct: the struct column (accepted all or nothing). */
  @TextColumn({ nullable: true }) parent!: string | null;
  @TimeColumn() detectedAt!: Date;
  @TimeColumn({ nullable: true }) resolvedAt!: Date | null;
  /** The file whose schema showed the change. */
  @TextColumn({ nullable: true }) sourceFile!: string | null;
  /** kind|column|previousType|newType: a change is recorded once, not on every refresh. */
  @TextColumn() signature!: string;
}
