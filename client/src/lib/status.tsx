import type { ConnectionStatus, ImportRunStatus, ImportStatus } from '../gql/graphql';
import { Badge, type Tone } from './ui';

const CONNECTION: Record<ConnectionStatus, { label: string; tone: Tone; help: string }> = {
  ACTIVE: { label: 'Active', tone: 'success', help: 'Available: imports can use it' },
  INACTIVE: { label: 'Inactive', tone: 'danger', help: 'Disabled: imports cannot use it' },
  PROCESSING: { label: 'Processing', tone: 'info', help: 'Being validated' },
  DEPRECATED: { label: 'Deprecated', tone: 'neutral', help: 'Its platform has been retired' },
};

export const CONNECTION_STATUSES = Object.keys(CONNECTION) as ConnectionStatus[];
export const connectionStatusLabel = (s: ConnectionStatus) => CONNECTION[s]?.label ?? s;

/** The four connection states of the seed, as text badges. */
export function ConnectionStatusBadge(props: { status: ConnectionStatus; reason?: string | null }) {
  const info = () => CONNECTION[props.status] ?? { label: props.status, tone: 'neutral' as Tone, help: '' };
  return (
    <Badge tone={info().tone} title={props.reason ?? info().help} pulse={props.status === 'PROCESSING'}>
      {info().label}
    </Badge>
  );
}

const IMPORT: Record<ImportStatus, { label: string; tone: Tone; help: string }> = {
  ACTIVE: { label: 'Active', tone: 'success', help: 'Runs on its schedule' },
  PAUSED: { label: 'Paused', tone: 'neutral', help: 'No scheduled runs until resumed' },
  BLOCKED: { label: 'Blocked', tone: 'danger', help: 'An unsupported schema change stops its runs' },
};

/**
 * An import's badge says whether it is healthy, not only its own status: an Active import whose last run failed
 * reads "Failing", and one whose connection cannot be used (deprecated, inactive) reads "Can't run" — never green.
 */
export function importHealth(status: ImportStatus, lastRunStatus?: ImportRunStatus | null, connectionStatus?: ConnectionStatus | null): { label: string; tone: Tone; help: string } {
  if (status === 'BLOCKED') return IMPORT.BLOCKED;
  if (connectionStatus === 'DEPRECATED') return { label: 'Can’t run', tone: 'warning', help: 'Its connection is deprecated: runs cannot start' };
  if (connectionStatus === 'INACTIVE') return { label: 'Can’t run', tone: 'warning', help: 'Its connection is inactive: runs cannot start until it is Active' };
  if (status === 'ACTIVE' && lastRunStatus === 'FAILED') return { label: 'Failing', tone: 'danger', help: 'Its last run failed' };
  return IMPORT[status] ?? { label: status, tone: 'neutral', help: '' };
}

export function ImportStatusBadge(props: { status: ImportStatus; reason?: string | null; lastRunStatus?: ImportRunStatus | null; connectionStatus?: ConnectionStatus | null }) {
  const info = () => importHealth(props.status, props.lastRunStatus, props.connectionStatus);
  return (
    <Badge tone={info().tone} title={props.reason ?? info().help}>
      {info().label}
    </Badge>
  );
}

const RUN: Record<ImportRunStatus, { label: string; tone: Tone }> = {
  QUEUED: { label: 'Queued', tone: 'neutral' },
  RUNNING: { label: 'Running', tone: 'info' },
  SUCCEEDED: { label: 'Succeeded', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CANCELLED: { label: 'Cancelled', tone: 'warning' },
};

export const runStatusLabel = (s: ImportRunStatus) => RUN[s]?.label ?? s;
export const isRunLive = (s: ImportRunStatus) => s === 'QUEUED' || s === 'RUNNING';

export function RunStatusBadge(props: { status: ImportRunStatus; title?: string | null }) {
  const info = () => RUN[props.status] ?? { label: props.status, tone: 'neutral' as Tone };
  return (
    <Badge tone={info().tone} title={props.title ?? undefined} pulse={isRunLive(props.status)}>
      {info().label}
    </Badge>
  );
}

/** A UTC time of day ("06:30") in the user's clock format ("06:30" or "6:30 AM"), like every other time shown. */
const utcTimeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
export function formatUtcTimeOfDay(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return utcTimeFmt.format(new Date(Date.UTC(2000, 0, 1, h, m)));
}

/** "Daily at 06:30 UTC" (in the user's clock format), "Hourly at :15 UTC", "Every 6 hours (UTC)", "Cron 0 6 * * 1-5 (UTC)" or "Manual only". */
export function describeSchedule(schedule: string): string {
  if (schedule === 'manual') return 'Manual only';
  let m = /^daily@(\d\d:\d\d)$/.exec(schedule);
  if (m) return `Daily at ${formatUtcTimeOfDay(m[1]!)} UTC`;
  if ((m = /^hourly@(\d\d)$/.exec(schedule))) return `Hourly at :${m[1]} UTC`;
  if ((m = /^every@(\d+)h$/.exec(schedule))) return `Every ${m[1]} hours (UTC)`;
  return `Cron ${schedule} (UTC)`;
}
