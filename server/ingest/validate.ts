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
export function validateEvent(raw: unknown, index: number, now: number): { event: ValidEvent; propertiesJson: string } | { rejection: Rejection } {
  try {
    const propertiesJson = { value: '{}' };
    return { event: check(raw, now, propertiesJson), propertiesJson: propertiesJson.value };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const eventId = isPlainObject(raw) && typeof raw.event_id === 'string' ? raw.event_id.slice(0, 64) : null;
    return { rejection: { index, event_id: eventId, field: error.field, reason: error.message } };
  }
}

/**
 * The stored JSON of a good event, written in one pass: the properties' JSON is the one validation measured (never
 * stringified twice), and no intermediate object is built. Same keys, same order as JSON.stringify of
 * `{ ...event, received_at, workspace_id, segments }`.
 */
export function eventBody(e: ValidEvent, propertiesJson: string, receivedAt: string, workspaceIdJson: string, segments: number[] | undefined): string {
  // event_id (a UUID), type (a name), time and received_at (ISO 8601) never need escaping; the free strings do.
  let body = `{"event_id":"${e.event_id}","type":"${e.type}","user_id":${JSON.stringify(e.user_id)},"time":"${e.time}"`;
  if (e.session_id !== undefined) body += `,"session_id":${JSON.stringify(e.session_id)}`;
  if (e.view_id !== undefined) body += `,"view_id":${JSON.stringify(e.view_id)}`;
  body += `,"properties":${propertiesJson},"aliases":${e.aliases.length ? JSON.stringify(e.aliases) : '[]'},"received_at":"${receivedAt}","workspace_id":${workspaceIdJson}`;
  return `${body},"segments":[${segments?.length ? segments.join(',') : ''}]}`;
}

function optionalString(o: Record<string, unknown>, field: string): string | undefined {
  if (!has(o, field) || o[field] === null) return undefined;
  const v = o[field];
  if (typeof v !== 'string') throw new Refused(field, `${field} must be a string`);
  if (v.length === 0 || v.length > LIMITS.stringIdChars) throw new Refused(field, `${field} must be 1 to ${LIMITS.stringIdChars} characters`);
  return v;
}

function check(raw: unknown, now: number, propertiesJson: { value: string }): ValidEvent {
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
    const failure = checkValue(raw.properties, 1);
    if (failure) throw new Refused(failure.path.length ? `properties.${failure.path.reverse().join('.')}` : 'properties', failure.reason);
    // Depth and array sizes are checked first, so this stringify cannot recurse deeply; the stored body reuses it.
    propertiesJson.value = JSON.stringify(raw.properties);
    // A string's UTF-8 size is at most 3 bytes a UTF-16 unit: most bodies are measured without Buffer.byteLength.
    const bytes = propertiesJson.value.length * 3 <= LIMITS.propertiesBytes ? 0 : Buffer.byteLength(propertiesJson.value);
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

interface ValueFailure {
  /** The offending path below `properties`, innermost key first (reversed once, when the refusal is written). */
  path: string[];
  reason: string;
}

/**
 * Depth, array length and `__proto__` keys, recursion bounded by the depth limit. A good value allocates nothing:
 * the path of a failure is built only on the way back up.
 */
function checkValue(value: unknown, depth: number): ValueFailure | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > LIMITS.depth) return { path: [], reason: `nesting deeper than ${LIMITS.depth} levels` };
  if (Array.isArray(value)) {
    if (value.length > LIMITS.arrayItems) return { path: [], reason: `an array of ${value.length} items; at most ${LIMITS.arrayItems}` };
    for (let i = 0; i < value.length; i++) {
      const failure = checkValue(value[i], depth + 1);
      if (failure) return (failure.path.push(String(i)), failure);
    }
    return null;
  }
  for (const key in value) {
    // JSON.parse makes "__proto__" an own key; it is refused so that no later copy (Object.assign, a merge) can turn it into a prototype.
    if (key === '__proto__') return { path: ['__proto__'], reason: '"__proto__" is not allowed as a property name' };
    const failure = checkValue((value as Record<string, unknown>)[key], depth + 1);
    if (failure) return (failure.path.push(key), failure);
  }
  return null;
}

/** The JSON type of a value as event types record it. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** A node of a type's schema tree: the JSON types of the leaf path ending here, and the keys below it. */
export interface SchemaNode {
  types?: Set<string>;
  children?: Map<string, SchemaNode>;
}

export function schemaTree(schema: Map<string, Set<string>>): SchemaNode {
  const root: SchemaNode = {};
  for (const [path, types] of schema) {
    let node = root;
    for (const key of path.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = {}));
      node = next;
    }
    node.types = types;
  }
  return root;
}

const isNonEmptyObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const _ in v) return true;
  return false;
};

/**
 * Leaf paths of properties with their JSON types ("client.url" → "string") that the schema tree lacks, up to `max`
 * (an empty tree: every leaf path). Arrays are leaves; an empty object is an "object" leaf. Keys containing dots stay
 * as written (the path is for people; the schema compares whole paths), so such a key is never found in the tree:
 * it is listed, and learning finds it already in the flat schema. Known leaves allocate nothing.
 */
export function unknownPaths(properties: Record<string, unknown>, node: SchemaNode | undefined, out: [string, string][], max = Infinity, keys: string[] = []): [string, string][] {
  for (const key in properties) {
    if (out.length >= max) break;
    const v = properties[key];
    const child = node?.children?.get(key);
    keys.push(key);
    if (isNonEmptyObject(v)) unknownPaths(v, child, out, max, keys);
    else {
      const type = jsonType(v);
      if (!child?.types?.has(type)) out.push([keys.join('.'), type]);
    }
    keys.pop();
  }
  return out;
}
