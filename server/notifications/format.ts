import { createHmac, randomBytes } from 'node:crypto';
import type { AlertKind, ChannelKind } from './notification.entity.js';

/** The facts of one alert, as the webhook body carries them (the contract's delivery format). */
export interface AlertBody {
  /** The alert's id: the same for every channel it went to, so a receiver can drop a retried copy. */
  id: string;
  kind: AlertKind | 'TEST';
  at: string;
  workspaceId: string;
  import?: { id: string; name: string };
  connection?: { id: string; name: string };
  reason: string;
  /** The page in the admin UI where it can be fixed. */
  url: string;
}

/** The header every delivery is signed in (Stripe's scheme): `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Inlet-Signature';

/** A new signing secret: 32 random bytes, shown once. The HMAC key is the whole string's UTF-8 bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The `Inlet-Signature` value for a body sent at `unixSeconds`. */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

const TITLES: Record<AlertKind | 'TEST', string> = {
  RUN_FAILED: 'Run failed',
  RUN_RECOVERED: 'Run recovered',
  IMPORT_BLOCKED: 'Import blocked by a schema change',
  IMPORT_UNBLOCKED: 'Import unblocked',
  SCHEMA_CHANGE_PENDING: 'Schema change awaiting a decision',
  CONNECTION_INACTIVE: 'Connection inactive',
  DESTINATION_LAGGING: 'Destination lagging',
  REPEATED_FAILURES: 'Repeated failures',
  TEST: 'Test notification',
};
const ICONS: Record<AlertKind | 'TEST', string> = {
  RUN_FAILED: ':red_circle:', RUN_RECOVERED: ':large_green_circle:', IMPORT_BLOCKED: ':no_entry:', IMPORT_UNBLOCKED: ':white_check_mark:',
  SCHEMA_CHANGE_PENDING: ':warning:', CONNECTION_INACTIVE: ':electric_plug:', DESTINATION_LAGGING: ':hourglass:', REPEATED_FAILURES: ':rotating_light:', TEST: ':wave:',
};

/** Slack's three escapes for text (&, <, >); everything else is shown as written. */
const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The body of a Slack-compatible incoming webhook: a readable message with the reason and a link. */
export function slackMessage(alert: AlertBody): { text: string } {
  const about = [alert.import ? `import *${slackEscape(alert.import.name)}*` : null, alert.connection ? `connection *${slackEscape(alert.connection.name)}*` : null].filter(Boolean).join(', ');
  const lines = [
    `${ICONS[alert.kind]} *${TITLES[alert.kind]}*${about ? ` — ${about}` : ''}`,
    slackEscape(alert.reason),
    `<${alert.url}|Open in Inlet>`,
  ];
  return { text: lines.join('\n') };
}

/** The HTTP body a channel of `kind` is sent for an alert. */
export function requestBody(kind: ChannelKind, alert: AlertBody): string {
  return JSON.stringify(kind === 'SLACK' ? slackMessage(alert) : alert);
}

export const alertTitle = (kind: AlertKind | 'TEST') => TITLES[kind];
