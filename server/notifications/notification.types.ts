import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../graphql/pagination.js';
import { DateTimeScalar } from '../graphql/scalars.js';

export enum AlertKind {
  RUN_FAILED = 'RUN_FAILED',
  RUN_RECOVERED = 'RUN_RECOVERED',
  IMPORT_BLOCKED = 'IMPORT_BLOCKED',
  IMPORT_UNBLOCKED = 'IMPORT_UNBLOCKED',
  SCHEMA_CHANGE_PENDING = 'SCHEMA_CHANGE_PENDING',
  CONNECTION_INACTIVE = 'CONNECTION_INACTIVE',
  DESTINATION_LAGGING = 'DESTINATION_LAGGING',
  REPEATED_FAILURES = 'REPEATED_FAILURES',
}
export enum ChannelKind {
  WEBHOOK = 'WEBHOOK',
  SLACK = 'SLACK',
}
export enum NotificationDeliveryStatus {
  QUEUED = 'QUEUED',
  RETRYING = 'RETRYING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(AlertKind, {
  name: 'AlertKind',
  description: 'What an alert is about; each is sent once per change of state, not once per run',
  valuesConfig: {
    RUN_FAILED: { description: 'A run of an import failed (after its retries), when the one before it had not' },
    RUN_RECOVERED: { description: 'The first successful run after failed ones' },
    IMPORT_BLOCKED: { description: 'An unsupported schema change blocked an import' },
    IMPORT_UNBLOCKED: { description: 'An import is no longer blocked' },
    SCHEMA_CHANGE_PENDING: { description: 'A supported schema change (a new column) awaits a decision: accept or dismiss' },
    CONNECTION_INACTIVE: { description: 'A connection turned INACTIVE (credentials refused, deactivated)' },
    DESTINATION_LAGGING: { description: 'A streaming destination is behind by more than INLET_ALERT_LAG_SECONDS (one alert when it starts lagging)' },
    REPEATED_FAILURES: { description: 'Several runs of an import failed in a row (INLET_ALERT_REPEATED_FAILURES, 3 by default); sent once per streak' },
  },
});
registerEnumType(ChannelKind, {
  name: 'ChannelKind',
  valuesConfig: {
    WEBHOOK: { description: 'JSON POSTed to a URL, signed in the Inlet-Signature header (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">)' },
    SLACK: { description: 'A Slack-compatible incoming webhook: a readable message with the reason and a link' },
  },
});
registerEnumType(NotificationDeliveryStatus, {
  name: 'NotificationDeliveryStatus',
  valuesConfig: {
    QUEUED: { description: 'The first attempt has not been made yet' },
    RETRYING: { description: 'An attempt failed; another is scheduled (backoff with jitter)' },
    DELIVERED: { description: 'The receiver answered 2xx' },
    FAILED: { description: 'Every attempt failed, or the channel was disabled or deleted meanwhile' },
  },
});

@InputType()
export class CreateNotificationChannelInput {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'https:// (a non-public address only on a server that allows private endpoints); never shown again' }) url!: string;
  @Field(() => ChannelKind, { nullable: true, defaultValue: ChannelKind.WEBHOOK }) kind!: ChannelKind | null;
  @Field(() => [AlertKind]) kinds!: AlertKind[];
}

@ObjectType({ description: 'Where a workspace’s alerts go. The URL and the signing secret are never shown after creation' })
export class NotificationChannel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ChannelKind) kind!: ChannelKind;
  @Field(() => [AlertKind]) kinds!: AlertKind[];
  @Field(() => String, { nullable: true, description: 'Why deliveries stopped: every attempt failed for INLET_ALERT_DISABLE_AFTER (a day). Null while enabled' }) disabledReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) disabledAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The first failed attempt since the last delivered one; null while healthy' }) failingSince!: Date | null;
  @Field(() => String, { description: 'Scheme and host of the URL (its path may be a credential)' }) urlHint!: string;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType()
export class CreatedNotificationChannel {
  @Field(() => NotificationChannel) channel!: NotificationChannel;
  @Field(() => String, { description: 'The signing secret: store it now, it is never shown again' }) secret!: string;
}

@ObjectType({ description: 'One HTTP attempt of a delivery' })
export class NotificationAttempt {
  @Field(() => Int) attempt!: number;
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status; null when no answer came' }) statusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why no answer came (refused address, connection error, timeout)' }) error!: string | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType({ description: 'One alert (or test) sent to one channel' })
export class NotificationDelivery {
  @Field(() => ID) id!: string;
  @Field(() => ID) channelId!: string;
  @Field(() => AlertKind, { nullable: true, description: 'Null for a test' }) alertKind!: AlertKind | null;
  @Field(() => Boolean) test!: boolean;
  @Field(() => String) reason!: string;
  @Field(() => NotificationDeliveryStatus) status!: NotificationDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => [NotificationAttempt]) attemptLog!: NotificationAttempt[];
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt!: Date | null;
}

export const { Edge: NotificationDeliveryEdge, Connection: NotificationDeliveryConnection } = connectionTypes(NotificationDelivery, 'NotificationDelivery');
