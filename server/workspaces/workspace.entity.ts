import { Entity, PrimaryColumn } from 'typeorm';
import { BoolColumn, TextColumn, TimeColumn } from '../db/columns.js';

/** What a key may do: ADMIN (the instance admin), WORKSPACE (the GraphQL API of its workspace), EVENTS (only POST /v1/events). */
export enum ApiKeyScope { ADMIN = 'ADMIN', WORKSPACE = 'WORKSPACE', EVENTS = 'EVENTS' }

@Entity('workspace')
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() name!: string;
  @TimeColumn() createdAt!: Date;
}

/** An API key: only its SHA-256 is stored; `prefix` lets people tell keys apart. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @TextColumn() prefix!: string;
  @TextColumn({ unique: true }) hash!: string;
  /** The instance admin may create workspaces and keys for any workspace. */
  @BoolColumn({ default: false }) isAdmin!: boolean;
  /** ADMIN, WORKSPACE or EVENTS (an events key may only send events: see server/ingest). */
  @TextColumn({ default: 'WORKSPACE' }) scope!: ApiKeyScope;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) revokedAt!: Date | null;
  /** When a request last used the key, to within a minute (written at most once a minute per key). */
  @TimeColumn({ nullable: true }) lastUsedAt!: Date | null;
}

/** The one row the first start writes with the default workspace; its primary key makes that bootstrap happen once. */
@Entity('instance')
export class InstanceEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() defaultWorkspaceId!: string;
  @TimeColumn() createdAt!: Date;
}
