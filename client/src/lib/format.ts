/** Display helpers: dates, sizes, durations and enum values, in one place so every page says them the same way. */

const dateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const formatDate = (iso: string | null | undefined) => (iso ? dateFmt.format(new Date(iso)) : '—');
export const formatDateTime = (iso: string | null | undefined) => (iso ? dateTimeFmt.format(new Date(iso)) : '—');
export const formatTime = (iso: string | null | undefined) => (iso ? timeFmt.format(new Date(iso)) : '—');

/** "3 minutes ago", "in 2 hours". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  // Clocks of browser and server differ a little: "in 1 second" for something that just finished reads wrong.
  if (abs < 10_000) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1000],
  ];
  for (const [unit, ms] of units) {
    if (abs >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return '—';
}

const numberFmt = new Intl.NumberFormat();
export const formatNumber = (n: number | null | undefined) => (n == null ? '—' : numberFmt.format(n));

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** A duration between two instants ("1.2 s", "3 min 4 s"); running when `end` is missing. */
export function formatDuration(start: string | null | undefined, end: string | null | undefined, now = Date.now()): string {
  if (!start) return '—';
  const ms = (end ? new Date(end).getTime() : now) - new Date(start).getTime();
  if (ms < 1000) return `${Math.max(ms, 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  if (min < 60) return `${min} min ${s} s`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Whole seconds as "45 s" or "2 min 5 s" (elapsed time that counts up in the browser). */
export function formatSeconds(total: number): string {
  if (total < 60) return `${total} s`;
  return `${Math.floor(total / 60)} min ${total % 60} s`;
}

/** Known enum values as the seed documents say them; anything else is humanised ("USER_PROFILE" → "User profile"). */
const LABELS: Record<string, string> = {
  DATA_WAREHOUSE: 'Data warehouse',
  CLOUD_STORAGE: 'Cloud storage',
  ROUTING: 'Routing',
  ALL_TABLES: 'All tables are partitioned',
  NO_TABLES: 'No tables are partitioned',
  PARQUET: 'Parquet',
  CSV: 'CSV',
  SOURCE: 'Source',
  USER_PROFILE: 'User profile data',
  USER_ACTIVITY: 'User activity data',
  IDENTITY: 'Identity graph data',
  GROUP_MEMBERSHIP: 'Group membership data',
};

export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  if (LABELS[value]) return LABELS[value];
  if (!/^[A-Z0-9_]+$/.test(value)) return value;
  const words = value.toLowerCase().split('_');
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}
