import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';

/** What an alert is about (the contract's AlertKind). */
export const ALERT_KINDS = ['RUN_FAILED', 'RUN_RECOVERED', 'IMPORT_BLOCKED', 'IMPORT_UNBLOCKED', 'SCHEMA_CHANGE_PENDING', 'CONNECTION_INACTIVE', 'DESTINATION_LAGGING', 'REPEATED_FAILURES'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type ChannelKind = 'WEBHOOK' | 'SLACK';
/** QUEUED (first attempt pending), RETRYING (an attempt failed, another is due), DELIVERED, FAILED (attempts ran out or the channel stopped). */
export type DeliveryStatus = 'QUEUED' | 'RETRYING' | 'DELIVERED' | 'FAILED';

/** A workspace's notification channel. The URL and the signing secret are sealed (they must be recovered to send and sign). */
@Entity('notification_channel')
export class NotificationChannelEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() workspaceId!: string;
  @TextColumn() name!: string;
  @TextColumn() kind!: ChannelKind;
  @JsonColumn() kinds!: AlertKind[];
  /** `{ url, secret }` sealed with the master key (connections/secrets.ts). */
  @TextColumn() sealed!: string;
  /** Scheme and host of the URL: what the API shows (a Slack URL's path is its credential). */
  @TextColumn() urlHint!: string;
  /** The first failed attempt since the last delivered one; null while healthy. */
  @TimeColumn({ nullable: true }) failingSince!: Date | null;
  @TextColumn({ nullable: true }) disabledReason!: string | null;
  @TimeColumn({ nullable: true }) disabledAt!: Date | null;
  @TimeColumn() createdAt!: Date;
}

/** One alert (or test) sent to one channel, retried until delivered or out of attempts. */
@Entity('notification_delivery')
export class NotificationDeliveryEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() channelId!: string;
  @TextColumn() workspaceId!: string;
  /** An AlertKind, or TEST. */
  @TextColumn() kind!: AlertKind | 'TEST';
  /** `import:<id>` or `connection:<id>`; null for a test. */
  @TextColumn({ nullable: true }) subject!: string | null;
  /** The webhook JSON body (the alert's facts; never a secret). */
  @TextColumn() body!: string;
  @TextColumn() status!: DeliveryStatus;
  @IntColumn({ default: 0 }) attempts!: number;
  @IntColumn({ nullable: true }) lastStatusCode!: number | null;
  @TextColumn({ nullable: true }) lastError!: string | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn({ nullable: true }) finishedAt!: Date | null;
}

/** One HTTP attempt of a delivery. */
@Entity('notification_attempt')
export class NotificationAttemptEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() deliveryId!: string;
  @IntColumn() attempt!: number;
  @TimeColumn() at!: Date;
  @IntColumn({ nullable: true }) statusCode!: number | null;
  @TextColumn({ nullable: true }) error!: string | null;
  @IntColumn() durationMs!: number;
}

/**
 * The alert state of one subject (an import, a connection) in one family of alerts (run health, blocked, pending
 * schema decisions, connection status). `version` is the compare-and-set guard: a transition is written only over
 * the version it was computed from, so two servers reacting to one fact notify once.
 */
@Entity('alert_state')
export class AlertStateEntity {
  @PrimaryColumn({ type: 'text' }) workspaceId!: string;
  @PrimaryColumn({ type: 'text' }) subject!: string;
  @PrimaryColumn({ type: 'text' }) family!: string;
  @TextColumn() state!: string;
  /** Failed runs in a row (run family). */
  @IntColumn({ default: 0 }) streak!: number;
  /** The last fact applied (a run id), so the same fact applied twice changes nothing. */
  @TextColumn({ nullable: true }) lastEvent!: string | null;
  @IntColumn() version!: number;
  @TimeColumn() updatedAt!: Date;
}
