import { Entity, PrimaryColumn } from 'typeorm';
import type { PlatformId } from '../config.js';
import { IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';

export type ConnectionStatus = 'PROCESSING' | 'ACTIVE' | 'INACTIVE' | 'DEPRECATED';

@Entity('connection')
export class ConnectionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @TextColumn() platform!: PlatformId;
  @TextColumn() status!: ConnectionStatus;
  @TextColumn({ nullable: true }) statusReason!: string | null;
  /** Non-secret settings (bucket, prefix, format…), as the API shows them. */
  @JsonColumn() settings!: Record<string, unknown>;
  /** Credentials sealed with the master key (see secrets.ts); never leaves the server. */
  @TextColumn() sealedCredentials!: string;
  @TextColumn({ nullable: true }) credentialsHint!: string | null;
  /** Bumped by every validation request, so a slow, stale validation cannot overwrite a newer result. */
  @IntColumn({ default: 0 }) validationSeq!: number;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}

@Entity('connection_status_event')
export class ConnectionStatusEventEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() connectionId!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn({ nullable: true }) from!: ConnectionStatus | null;
  @TextColumn() to!: ConnectionStatus;
  @TextColumn({ nullable: true }) reason!: string | null;
  @TimeColumn() at!: Date;
}
