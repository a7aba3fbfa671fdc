import { createHash } from 'node:crypto';

/** `daily@HH:MM` (UTC) or `manual`. */
export type Schedule = { kind: 'manual' } | { kind: 'daily'; minuteOfDay: number };

/** Parses a schedule; null when it is not one. */
export function parseSchedule(text: string): Schedule | null {
  if (text === 'manual') return { kind: 'manual' };
  const m = /^daily@([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? { kind: 'daily', minuteOfDay: Number(m[1]) * 60 + Number(m[2]) } : null;
}

/** A default daily time spread across the day by the import's id, so imports do not all start at midnight. */
export function defaultSchedule(importId: string): string {
  const minute = createHash('sha256').update(importId).digest().readUInt32BE(0) % (24 * 60);
  return `daily@${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The first run time strictly after `after`, or null for manual schedules. */
export function nextRunAfter(schedule: string, after: Date): Date | null {
  const parsed = parseSchedule(schedule);
  if (!parsed || parsed.kind === 'manual') return null;
  const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  let next = day + parsed.minuteOfDay * 60_000;
  if (next <= after.getTime()) next += 24 * 60 * 60_000;
  return new Date(next);
}
