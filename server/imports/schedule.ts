import { createHash } from 'node:crypto';

/**
 * Import schedules, all in UTC:
 * - `manual`: runs only on demand;
 * - `daily@HH:MM`: once a day;
 * - `hourly@MM`: once an hour, at minute MM;
 * - `every@Nh` (N in 2, 3, 4, 6, 8, 12): every N hours, at 00:00, N:00, 2N:00 … of each UTC day;
 * - a 5-field cron expression (`minute hour day-of-month month day-of-week`, e.g. `15 8-18 * * 1-5`): numbers, `*`,
 *   ranges `a-b`, lists `a,b` and steps (`a-b/n`, every n from `*`); day of week 0–7 (0 and 7 are Sunday); when both day fields are
 *   restricted a day matching either runs (as in cron).
 */
export type Schedule =
  | { kind: 'manual' }
  | { kind: 'daily'; minuteOfDay: number }
  | { kind: 'hourly'; minute: number }
  | { kind: 'every'; hours: number }
  | { kind: 'cron'; cron: Cron };

export const EVERY_HOURS = [2, 3, 4, 6, 8, 12] as const;

/** What a schedule may be, for error messages. */
export const SCHEDULE_FORMS = '"manual", "daily@HH:MM", "hourly@MM", "every@Nh" (N = 2, 3, 4, 6, 8 or 12) or a 5-field cron expression, all in UTC';

interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Whether day-of-month / day-of-week were `*` (cron's either-day rule applies only when both are restricted). */
  anyDay: boolean;
  anyWeekday: boolean;
}

/** Parses a schedule; null when it is not one. */
export function parseSchedule(text: string): Schedule | null {
  if (text === 'manual') return { kind: 'manual' };
  let m = /^daily@([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (m) return { kind: 'daily', minuteOfDay: Number(m[1]) * 60 + Number(m[2]) };
  m = /^hourly@([0-5]\d)$/.exec(text);
  if (m) return { kind: 'hourly', minute: Number(m[1]) };
  m = /^every@(\d{1,2})h$/.exec(text);
  if (m) return (EVERY_HOURS as readonly number[]).includes(Number(m[1])) ? { kind: 'every', hours: Number(m[1]) } : null;
  const cron = parseCron(text);
  return cron ? { kind: 'cron', cron } : null;
}

function parseCron(text: string): Cron | null {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const minutes = parseField(fields[0]!, 0, 59);
  const hours = parseField(fields[1]!, 0, 23);
  const days = parseField(fields[2]!, 1, 31);
  const months = parseField(fields[3]!, 1, 12);
  const weekdays = parseField(fields[4]!, 0, 7);
  if (!minutes || !hours || !days || !months || !weekdays) return null;
  if (weekdays.has(7)) weekdays.add(0);
  weekdays.delete(7);
  return { minutes, hours, days, months, weekdays, anyDay: fields[2] === '*', anyWeekday: fields[4] === '*' };
}

function parseField(field: string, min: number, max: number): Set<number> | null {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    let from = min;
    let to = max;
    if (m[2] !== undefined) {
      from = Number(m[2]);
      to = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    }
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** A default daily time spread across the day by the import's id, so imports do not all start at midnight. */
export function defaultSchedule(importId: string): string {
  const minute = createHash('sha256').update(importId).digest().readUInt32BE(0) % (24 * 60);
  return `daily@${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The first run time strictly after `after`, or null for manual schedules (and cron expressions that never match). */
export function nextRunAfter(schedule: string, after: Date): Date | null {
  const parsed = parseSchedule(schedule);
  if (!parsed || parsed.kind === 'manual') return null;
  const t = after.getTime();
  const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  switch (parsed.kind) {
    case 'daily': {
      let next = day + parsed.minuteOfDay * MINUTE;
      if (next <= t) next += DAY;
      return new Date(next);
    }
    case 'hourly': {
      let next = Math.floor(t / HOUR) * HOUR + parsed.minute * MINUTE;
      if (next <= t) next += HOUR;
      return new Date(next);
    }
    case 'every': {
      // Slots at multiples of N hours from each UTC midnight (24 is a multiple of every allowed N).
      const step = parsed.hours * HOUR;
      return new Date(day + (Math.floor((t - day) / step) + 1) * step);
    }
    case 'cron':
      return nextCron(parsed.cron, t);
  }
}

/** The next `count` run times after `after` (fewer for manual schedules). */
export function nextRuns(schedule: string, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let from = after;
  while (out.length < count) {
    const next = nextRunAfter(schedule, from);
    if (!next) break;
    out.push(next);
    from = next;
  }
  return out;
}

function nextCron(cron: Cron, after: number): Date | null {
  // Whole minutes strictly after `after`; day by day for up to 5 years (a 29 February or a 31st that never meets its
  // weekday is found well within that; an expression matching nothing gives null).
  const start = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const firstDay = Math.floor(start / DAY) * DAY;
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  for (let d = 0; d < 366 * 5; d++) {
    const day = firstDay + d * DAY;
    const date = new Date(day);
    if (!cron.months.has(date.getUTCMonth() + 1)) continue;
    const dom = cron.days.has(date.getUTCDate());
    const dow = cron.weekdays.has(date.getUTCDay());
    const dayMatches = cron.anyDay && cron.anyWeekday ? true : cron.anyDay ? dow : cron.anyWeekday ? dom : dom || dow;
    if (!dayMatches) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const at = day + h * HOUR + m * MINUTE;
        if (at >= start) return new Date(at);
      }
    }
  }
  return null;
}

/**
 * The slot a run due at `due` fires, claimed once across servers in the job engine's slot table. A daily schedule
 * fires once per UTC day whatever its time (moving the time later on a day that already ran does not run it again),
 * an hourly one once per UTC hour; `every@Nh` and cron fire once per due minute.
 */
export function slotKey(schedule: string, due: Date): string {
  const iso = due.toISOString();
  const kind = parseSchedule(schedule)?.kind;
  if (kind === 'daily') return iso.slice(0, 10);
  if (kind === 'hourly') return iso.slice(0, 13);
  return iso.slice(0, 16);
}
