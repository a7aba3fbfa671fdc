import { Entity, PrimaryColumn } from 'typeorm';
import { TextColumn, TimeColumn } from '../db/columns.js';

/** One GraphQL mutation as it was asked and how it ended; never its variables (they may hold credentials). */
@Entity('audit_entry')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TimeColumn() at!: Date;
  @TextColumn() workspaceId!: string;
  @TextColumn() apiKeyId!: string;
  /** The key's name when the mutation ran (kept: the key may be revoked later). */
  @TextColumn() apiKeyName!: string;
  /** The mutation field, e.g. "createConnection". */
  @TextColumn() action!: string;
  /** The id of what it acted on (the argument `id`, or the id of what it created), when there is one. */
  @TextColumn({ nullable: true }) targetId!: string | null;
  /** "ok", the error code the caller got (BAD_USER_INPUT, CONFLICT, …), or PENDING until the mutation answers. */
  @TextColumn() outcome!: string;
}
