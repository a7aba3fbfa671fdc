// Per-event validation for POST /v1/events: each refusal names the event's index, field and reason, and a good event
// comes out normalized (event id assigned, time in ISO 8601 UTC). Also the property-path flattening that event types
// learn from and enforce.
import { randomUUID } from 'node:crypto';

/** An event as stored and routed (Inlet adds received_at and workspace_id when it writes the body). */
export interface ValidEvent {
  event_id: string;
  type: string;
  user_id: string;
  time: string;
  session_id?: string;
  view_id?: string;
  properties: Record<string, unknown>;
  aliases: { tag: string; id: string; priority?: number }[];
}

/** One refused event, as the answer lists it. */
export interface Rejection {
  index: number;
  event_id: string | null;
  field: string;
  reason: string;
}

export const LIMITS = {
  userIdChars: 256,
  stringIdChars: 256,
  propertiesBytes: 950 * 1024,
  depth: 8,
  arrayItems: 1000,
  aliases: 20,
  futureMs: 60 * 60 * 1000,
  /** Paths a type learns at most: a stream of random keys cannot grow a schema without bound. */
  schemaPaths: 500,
} as const;

const TYPE_RE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TAG_RE = /^[a-z][a-z0-9_]{0,63}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const FIELDS = new Set(['event_id', 'type', 'user_id', 'time', 'session_id', 'view_id', 'properties', 'aliases']);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

class Refused extends Error {
  constructor(readonly field: string, reason: string) {
    super(reason);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates one parsed event; `now` is the receive time. */
export function validateEvent(raw: unknown, index: number, now: number): { event: ValidEvent } | { rejection: Rejection } {
  const eventId = isPlainObject(raw) && typeof raw.event_id === 'string' ? raw.event_id.slice(0, 64) : null;
  try {
    return { event: check(raw, now) };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return { rejection: { index, event_id: eventId, field: error.field, reason: error.message } };
  }
}

function optionalString(o: Record<string, unknown>, field: string): string | undefined {
  if (!has(o, field) || o[field] === null) return undefined;
  const v = o[field];
  if (typeof v !== 'string') throw new Refused(field, `${field} must be a string`);
  if (v.length === 0 || v.length > LIMITS.stringIdChars) throw new Refused(field, `${field} must be 1 to ${LIMITS.stringIdChars} characters`);
  return v;
}

function check(raw: unknown, now: number): ValidEvent {
  if (typeof raw === 'symbol') throw new Refused('', 'the line is not valid JSON');
  if (!isPlainObject(raw)) throw new Refused('', 'an event must be a JSON object');
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key)) throw new Refused(key, `unknown field "${key.slice(0, 64)}" (received_at, workspace_id and segments are set by Inlet)`);
  }
  const type = raw.type;
  if (type === undefined || type === null) throw new Refused('type', 'type is required');
  if (typeof type !== 'string' || !TYPE_RE.test(type)) throw new Refused('type', 'type must match ^[A-Za-z][A-Za-z0-9_]{0,63}$');
  const userId = raw.user_id;
  if (userId === undefined || userId === null) throw new Refused('user_id', 'user_id is required');
  if (typeof userId !== 'string') throw new Refused('user_id', 'user_id must be a string');
  if (userId.length === 0 || userId.length > LIMITS.userIdChars) throw new Refused('user_id', `user_id must be 1 to ${LIMITS.userIdChars} characters`);

  let eventId: string;
  if (raw.event_id === undefined || raw.event_id === null) eventId = randomUUID();
  else if (typeof raw.event_id !== 'string' || !UUID_RE.test(raw.event_id)) throw new Refused('event_id', 'event_id must be a UUID');
  else eventId = raw.event_id.toLowerCase();

  let time: string;
  if (raw.time === undefined || raw.time === null) time = new Date(now).toISOString();
  else {
    const t = raw.time;
    const ms = typeof t === 'string' && RFC3339_RE.test(t) ? Date.parse(t) : NaN;
    if (Number.isNaN(ms)) throw new Refused('time', 'time must be an RFC 3339 timestamp, e.g. 2026-12-01T10:00:00.000Z');
    if (ms > now + LIMITS.futureMs) throw new Refused('time', 'time is more than 1 hour in the future');
    time = new Date(ms).toISOString();
  }

  const sessionId = optionalString(raw, 'session_id');
  const viewId = optionalString(raw, 'view_id');

  let properties: Record<string, unknown> = {};
  if (raw.properties !== undefined && raw.properties !== null) {
    if (!isPlainObject(raw.properties)) throw new Refused('properties', 'properties must be a JSON object');
    checkValue(raw.properties, 'properties', 1);
    // Depth and array sizes are checked first, so this stringify cannot recurse deeply.
    const bytes = Buffer.byteLength(JSON.stringify(raw.properties));
    if (bytes > LIMITS.propertiesBytes) throw new Refused('properties', `properties are ${bytes} bytes serialized; at most ${LIMITS.propertiesBytes}`);
    properties = raw.properties;
  }

  const aliases: ValidEvent['aliases'] = [];
  if (raw.aliases !== undefined && raw.aliases !== null) {
    if (!Array.isArray(raw.aliases)) throw new Refused('aliases', 'aliases must be an array of { tag, id, priority? }');
    if (raw.aliases.length > LIMITS.aliases) throw new Refused('aliases', `at most ${LIMITS.aliases} aliases per event`);
    raw.aliases.forEach((a: unknown, i: number) => {
      const f = `aliases.${i}`;
      if (!isPlainObject(a)) throw new Refused(f, 'an alias must be an object { tag, id, priority? }');
      for (const key of Object.keys(a)) if (!['tag', 'id', 'priority'].includes(key)) throw new Refused(`${f}.${key.slice(0, 64)}`, 'unknown alias field');
      if (typeof a.tag !== 'string' || !TAG_RE.test(a.tag)) throw new Refused(`${f}.tag`, 'tag must match ^[a-z][a-z0-9_]{0,63}$');
      if (typeof a.id !== 'string' || a.id.length === 0 || a.id.length > LIMITS.stringIdChars) throw new Refused(`${f}.id`, `id must be a string of 1 to ${LIMITS.stringIdChars} characters`);
      if (a.priority !== undefined && a.priority !== null && (!Number.isInteger(a.priority) || Math.abs(a.priority as number) > 2 ** 31 - 1)) {
        throw new Refused(`${f}.priority`, 'priority must be an integer');
      }
      aliases.push({ tag: a.tag, id: a.id, ...(typeof a.priority === 'number' ? { priority: a.priority } : {}) });
    });
  }

  return {
    event_id: eventId, type, user_id: userId, time,
    ...(sessionId !== undefined ? { session_id: sessionId } : {}),
    ...(viewId !== undefined ? { view_id: viewId } : {}),
    properties, aliases,
  };
}

/** Depth, array length and `__proto__` keys, iteratively bounded by the depth limit (no deep recursion). */
function checkValue(value: unknown, path: string, depth: number): void {
  if (Array.isArray(value)) {
    if (depth > LIMITS.depth) throw new Refused(path, `nesting deeper than ${LIMITS.depth} levels`);
    if (value.length > LIMITS.arrayItems) throw new Refused(path, `an array of ${value.length} items; at most ${LIMITS.arrayItems}`);
    for (let i = 0; i < value.length; i++) checkValue(value[i], `${path}.${i}`, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    if (depth > LIMITS.depth) throw new Refused(path, `nesting deeper than ${LIMITS.depth} levels`);
    for (const key of Object.keys(value)) {
      // JSON.parse makes "__proto__" an own key; it is refused so that no later copy (Object.assign, a merge) can turn it into a prototype.
      if (key === '__proto__') throw new Refused(`${path}.__proto__`, '"__proto__" is not allowed as a property name');
      checkValue((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    }
  }
}

/** The JSON type of a value as event types record it. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/**
 * Leaf paths of properties with their JSON types ("client.url" → "string"). Arrays are leaves; an empty object is an
 * "object" leaf. Keys containing dots stay as written (the path is for people; the schema compares whole paths).
 */
export function propertyPaths(properties: Record<string, unknown>, out: [string, string][] = [], prefix = ''): [string, string][] {
  for (const key of Object.keys(properties)) {
    const v = properties[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0) propertyPaths(v as Record<string, unknown>, out, path);
    else out.push([path, jsonType(v)]);
  }
  return out;
}
