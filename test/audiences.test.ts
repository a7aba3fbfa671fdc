/**
 * Audiences through the public API: real Parquet files (written by DuckDB) in a local S3-protocol server, imported by
 * Inlet (profiles, activity, groups, identities), events sent over POST /v1/events; then DuckDB computes the expected
 * membership of each rule over the same rows, and each segment's members (and estimate) must equal it. Also: paths
 * named in errors, codes, STALE on a blocked import and recovery, CONFLICT on deletes and dismissals, events carrying
 * `segments`, and one evaluation per run when the run's reaction happens twice (two servers on PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duck, type Duck } from './helpers/duckdb.js';
import { CREATE_CONNECTION, flattenPages, s3Input, settled } from './helpers/fixtures.js';
import { startInlet, subscribeReady, testDatabase, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let db: Duck;
let work: string;
let connectionId: string;
let workspaceId: string;
const BUCKET = 'aud';
const DAY = 86_400_000;
const NOW = Date.now();
const imports: Record<'profiles' | 'activity' | 'groups' | 'identities', string> = {} as never;

/** A deterministic pseudo-random sequence. */
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
const sqlTs = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}'`;
const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));

async function table(name: string, columns: string, rows: unknown[][], types: string[]) {
  const values = rows.map((r) => `(${r.map((v, i) => (v === null ? `NULL::${types[i]}` : `${lit(v)}::${types[i]}`)).join(', ')})`).join(',\n');
  await db.run(`CREATE TABLE ${name} AS SELECT * FROM (VALUES ${values}) t(${columns})`);
  const file = path.join(work, `${name}.parquet`);
  await db.run(`COPY ${name} TO '${file}' (FORMAT parquet)`);
  await s3.put(BUCKET, `aud/${name}/part-1.parquet`, readFileSync(file));
}

const ts = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

async function createImport(input: Record<string, unknown>) {
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, { input: { connectionId, schedule: 'manual', ...input } });
  return createImport.id as string;
}
async function runImport(id: string) {
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id });
  await inlet.idle();
  const { import: imp } = flattenPages(await inlet.ok(`query($id: ID!) { import(id: $id) { runs(first: 1) { edges { node { id status error } } } } }`, { id }));
  expect(imp.runs[0].status, imp.runs[0].error).toBe('SUCCEEDED');
  return imp.runs[0].id as string;
}

async function sendEvents(events: unknown[]) {
  const res = await fetch(`${inlet.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${inlet.adminKey}` }, body: JSON.stringify(events) });
  const body = await res.json();
  expect(res.status).toBe(200);
  expect(body.rejected).toEqual([]);
}

const SEGMENT_FIELDS = 'id code name status statusReason size lastEvaluatedAt rule eventTypes imports { id name }';
async function createSegment(name: string, rule: unknown) {
  const result = await inlet.gql(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { ${SEGMENT_FIELDS} } }`, { input: { name, rule } });
  if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  return result.data.createSegment;
}
async function segment(id: string) {
  return (await inlet.ok(`query($id: ID!) { segment(id: $id) { ${SEGMENT_FIELDS} sizeHistory(limit: 100) { at size added removed durationMs } } }`, { id })).segment;
}
async function members(id: string): Promise<string[]> {
  const out: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { segment: s }: { segment: any } = await inlet.ok(`query($id: ID!, $after: String) { segment(id: $id) { members(first: 7, after: $after) } }`, { id, after });
    out.push(...s.members.edges.map((e: any) => e.node));
    if (!s.members.pageInfo.hasNextPage) return out;
    after = s.members.pageInfo.endCursor;
  }
}
async function estimate(rule: unknown) {
  return inlet.gql(`query($rule: SegmentRuleInput!) { estimateSegment(rule: $rule) }`, { rule });
}
async function expected(sql: string): Promise<string[]> {
  return (await db.all<{ user_id: string }>(`SELECT DISTINCT user_id FROM (${sql}) x WHERE user_id IS NOT NULL ORDER BY user_id`)).map((r) => r.user_id);
}
const sorted = (list: string[]) => [...list].sort();

const UNIVERSE = `SELECT user_id FROM profiles UNION SELECT user_id FROM activity UNION SELECT user_id FROM groups UNION SELECT user_id FROM identities
  UNION SELECT user_id FROM events UNION SELECT user_id FROM aliases`;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'inlet-aud-'));
  db = await duck();
  s3 = await startS3();
  await s3.createBucket(BUCKET);

  const profiles: unknown[][] = [];
  for (let i = 0; i < 50; i++) {
    profiles.push([
      `u${i}`,
      rnd() < 0.1 ? null : pick(['gold', 'silver', 'bronze', 'golden-ish']),
      rnd() < 0.1 ? null : 18 + Math.floor(rnd() * 50),
      rnd() < 0.1 ? null : Math.round(rnd() * 1000) / 1000,
      rnd() < 0.15 ? null : rnd() < 0.4,
      rnd() < 0.1 ? null : `19${60 + Math.floor(rnd() * 40)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      rnd() < 0.1 ? null : ts(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 730) * DAY),
    ]);
  }
  profiles[0]![4] = true; // at least one VIP
  profiles[1]![2] = 35; // and someone aged exactly 35
  profiles[2]![2] = 35;
  await table('profiles', 'user_id, tier, age, score, vip, birthday, signup', profiles, ['VARCHAR', 'VARCHAR', 'INTEGER', 'DOUBLE', 'BOOLEAN', 'DATE', 'TIMESTAMP']);

  const activity: unknown[][] = [];
  for (let i = 0; i < 300; i++) {
    activity.push([`u${10 + Math.floor(rnd() * 45)}`, pick(['purchase', 'view', 'view']), Math.round(rnd() * 10000) / 100, ts(NOW - 2 * 3600_000 - Math.floor(rnd() * 60 * DAY))]);
  }
  // Edges of "the last 30 days": one hour inside, one hour outside.
  activity.push(['u55', 'purchase', 10, ts(NOW - 30 * DAY + 3600_000)], ['u56', 'purchase', 10, ts(NOW - 30 * DAY - 3600_000)]);
  // Edges of the fixed range [2026-06-01, 2026-06-08): the start is in, the end is out.
  activity.push(['u57', 'purchase', 70, '2026-06-01 00:00:00'], ['u57', 'purchase', 40, '2026-06-03 00:00:00'], ['u58', 'purchase', 500, '2026-06-08 00:00:00'], ['u59', 'purchase', 150, '2026-05-31 23:59:59.999']);
  await table('activity', 'user_id, kind, amount, occurred_at', activity, ['VARCHAR', 'VARCHAR', 'DOUBLE', 'TIMESTAMP']);

  const groups: unknown[][] = [];
  for (let i = 0; i < 40; i++) groups.push([`u${i}`, pick(['g1', 'g2', 'g3']), ts(NOW - DAY)]);
  for (let i = 0; i < 10; i++) groups.push([`u${i * 3}`, 'g4', ts(NOW - DAY)]);
  await table('groups', 'user_id, group_id, updated_at', groups, ['VARCHAR', 'VARCHAR', 'TIMESTAMP']);

  const identities: unknown[][] = [];
  for (let i = 0; i < 20; i += 2) identities.push([`u${i}`, `hash-${i}`]);
  identities.push(['u61', 'hash-61']); // a user only the identity graph knows
  await table('identities', 'user_id, email_hash', identities, ['VARCHAR', 'VARCHAR']);

  inlet = await startInlet();
  workspaceId = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: BUCKET, schemaPrefix: 'aud/', dataFormat: 'PARQUET', partitioning: 'NO_TABLES' }), name: 'aud' } });
  expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  connectionId = createConnection.id;
  imports.profiles = await createImport({ name: 'profiles', table: 'profiles', type: 'USER_PROFILE', columns: ['tier', 'age', 'score', 'vip', 'birthday', 'signup'], userIdColumn: 'user_id' });
  imports.activity = await createImport({ name: 'activity', table: 'activity', type: 'USER_ACTIVITY', columns: ['kind', 'amount'], userIdColumn: 'user_id', timestampColumn: 'occurred_at' });
  imports.groups = await createImport({ name: 'groups', table: 'groups', type: 'GROUP_MEMBERSHIP', columns: [], userIdColumn: 'user_id', groupIdColumn: 'group_id', timestampColumn: 'updated_at' });
  imports.identities = await createImport({ name: 'identities', table: 'identities', type: 'IDENTITY', columns: [], userIdColumn: 'user_id', identifierColumn: 'email_hash', identifierType: 'email_sha256' });
  for (const id of Object.values(imports)) await runImport(id);

  // Events: Purchases in the last 10 days with an amount and a plan; some users send aliases.
  const events: unknown[] = [];
  const eventRows: unknown[][] = [];
  const aliasRows: unknown[][] = [];
  for (let i = 0; i < 80; i++) {
    const user = `u${30 + Math.floor(rnd() * 35)}`;
    const time = NOW - Math.floor(rnd() * 10 * DAY);
    const amount = Math.round(rnd() * 5000) / 100;
    const plan = pick(['pro', 'free']);
    const type = pick(['Purchase', 'Purchase', 'Pageview']);
    const aliases = user === 'u62' ? [{ tag: 'email_sha256', id: 'hash-62' }] : user === 'u63' ? [{ tag: 'phone_sha256', id: 'p-63' }] : [];
    events.push({ event_id: randomUUID(), type, user_id: user, time: new Date(time).toISOString(), properties: { amount, client: { plan } }, aliases });
    eventRows.push([user, type, ts(time), amount, plan]);
    for (const a of aliases) aliasRows.push([user, a.tag]);
  }
  events.push({ event_id: randomUUID(), type: 'Purchase', user_id: 'u62', time: new Date(NOW - DAY).toISOString(), properties: { amount: 1, client: { plan: 'free' } }, aliases: [{ tag: 'email_sha256', id: 'hash-62' }] });
  eventRows.push(['u62', 'Purchase', ts(NOW - DAY), 1, 'free']);
  aliasRows.push(['u62', 'email_sha256']);
  await sendEvents(events);
  await db.run(`CREATE TABLE events AS SELECT * FROM (VALUES ${eventRows.map((r) => `(${lit(r[0])}, ${lit(r[1])}, ${lit(r[2])}::TIMESTAMP, ${r[3]}::DOUBLE, ${lit(r[4])})`).join(', ')}) t(user_id, type, time, amount, plan)`);
  await db.run(`CREATE TABLE aliases AS SELECT * FROM (VALUES ${aliasRows.length ? aliasRows.map((r) => `(${lit(r[0])}, ${lit(r[1])})`).join(', ') : `(NULL::VARCHAR, NULL::VARCHAR)`}) t(user_id, tag)`);
}, 180_000);

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
  db?.close();
});

const profile = (column: string, operator: string, values?: unknown[]) => ({ profile: { importId: imports.profiles, column, operator, ...(values ? { values } : {}) } });
const P = (where: string) => `SELECT user_id FROM profiles WHERE ${where}`;
const since = (days: number) => sqlTs(NOW - days * DAY);

/** Each rule with the DuckDB query of its expected members (built lazily: import ids exist once beforeAll ran). */
const cases: [string, () => unknown, string][] = [
  ['STRING EQ', () => profile('tier', 'EQ', ['gold']), P(`tier = 'gold'`)],
  ['STRING NEQ', () => profile('tier', 'NEQ', ['gold']), P(`tier <> 'gold'`)],
  ['STRING IN', () => profile('tier', 'IN', ['gold', 'silver']), P(`tier IN ('gold', 'silver')`)],
  ['STRING NOT_IN', () => profile('tier', 'NOT_IN', ['gold', 'silver']), P(`tier NOT IN ('gold', 'silver')`)],
  ['STRING CONTAINS', () => profile('tier', 'CONTAINS', ['ol']), P(`contains(tier, 'ol')`)],
  ['STRING STARTS_WITH', () => profile('tier', 'STARTS_WITH', ['gold']), P(`starts_with(tier, 'gold')`)],
  ['STRING IS_NULL', () => profile('tier', 'IS_NULL'), P(`tier IS NULL`)],
  ['STRING IS_NOT_NULL', () => profile('tier', 'IS_NOT_NULL'), P(`tier IS NOT NULL`)],
  ['INTEGER GT', () => profile('age', 'GT', [40]), P(`age > 40`)],
  ['INTEGER GTE', () => profile('age', 'GTE', [40]), P(`age >= 40`)],
  ['INTEGER LT', () => profile('age', 'LT', [30]), P(`age < 30`)],
  ['INTEGER LTE', () => profile('age', 'LTE', [30]), P(`age <= 30`)],
  ['INTEGER BETWEEN', () => profile('age', 'BETWEEN', [25, 45]), P(`age BETWEEN 25 AND 45`)],
  ['INTEGER IN', () => profile('age', 'IN', [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]), P(`age IN (20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)`)],
  ['INTEGER EQ', () => profile('age', 'EQ', [35]), P(`age = 35`)],
  ['FLOAT GT', () => profile('score', 'GT', [0.5]), P(`score > 0.5`)],
  ['FLOAT BETWEEN', () => profile('score', 'BETWEEN', [0.2, 0.6]), P(`score BETWEEN 0.2 AND 0.6`)],
  ['BOOLEAN EQ', () => profile('vip', 'EQ', [true]), P(`vip = true`)],
  ['BOOLEAN NEQ', () => profile('vip', 'NEQ', [true]), P(`vip <> true`)],
  ['BOOLEAN IS_NULL', () => profile('vip', 'IS_NULL'), P(`vip IS NULL`)],
  ['DATE GT', () => profile('birthday', 'GT', ['1980-01-01']), P(`birthday > DATE '1980-01-01'`)],
  ['DATE BETWEEN', () => profile('birthday', 'BETWEEN', ['1970-01-01', '1985-12-31']), P(`birthday BETWEEN DATE '1970-01-01' AND DATE '1985-12-31'`)],
  ['TIMESTAMP LT', () => profile('signup', 'LT', ['2025-01-01T00:00:00Z']), P(`signup < TIMESTAMP '2025-01-01 00:00:00'`)],
  ['TIMESTAMP GTE', () => profile('signup', 'GTE', ['2025-03-01T00:00:00.000Z']), P(`signup >= TIMESTAMP '2025-03-01 00:00:00'`)],
  [
    'activity COUNT of purchases in the last 30 days, with its edges',
    () => ({ activity: { importId: imports.activity, where: [{ column: 'kind', operator: 'EQ', values: ['purchase'] }], aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 30 } }),
    `SELECT user_id FROM activity WHERE kind = 'purchase' AND occurred_at >= ${since(30)} GROUP BY user_id HAVING COUNT(*) >= 1`,
  ],
  [
    'activity COUNT GTE 3 in the last 20 days',
    () => ({ activity: { importId: imports.activity, aggregate: 'COUNT', operator: 'GTE', value: 3, lastDays: 20 } }),
    `SELECT user_id FROM activity WHERE occurred_at >= ${since(20)} GROUP BY user_id HAVING COUNT(*) >= 3`,
  ],
  [
    'activity SUM over a fixed range [from, to): the start is in, the end is out',
    () => ({ activity: { importId: imports.activity, aggregate: 'SUM', sumColumn: 'amount', operator: 'GT', value: 100, from: '2026-06-01T00:00:00Z', to: '2026-06-08T00:00:00Z' } }),
    `SELECT user_id FROM activity WHERE occurred_at >= TIMESTAMP '2026-06-01 00:00:00' AND occurred_at < TIMESTAMP '2026-06-08 00:00:00' GROUP BY user_id HAVING SUM(amount) > 100`,
  ],
  [
    'activity COUNT LT 2 (zero counts: users without activity match)',
    () => ({ activity: { importId: imports.activity, aggregate: 'COUNT', operator: 'LT', value: 2, lastDays: 10 } }),
    `SELECT user_id FROM (${UNIVERSE}) u EXCEPT SELECT user_id FROM activity WHERE occurred_at >= ${since(10)} GROUP BY user_id HAVING NOT (COUNT(*) < 2)`,
  ],
  [
    'event COUNT of Purchases in the last 7 days',
    () => ({ activity: { eventType: 'Purchase', aggregate: 'COUNT', operator: 'GTE', value: 2, lastDays: 7 } }),
    `SELECT user_id FROM events WHERE type = 'Purchase' AND time >= ${since(7)} GROUP BY user_id HAVING COUNT(*) >= 2`,
  ],
  [
    'event SUM of a number property with a filter on a nested string property',
    () => ({ activity: { eventType: 'Purchase', where: [{ column: 'client.plan', operator: 'EQ', values: ['pro'] }], aggregate: 'SUM', sumColumn: 'amount', operator: 'GTE', value: 30, lastDays: 30 } }),
    `SELECT user_id FROM events WHERE type = 'Purchase' AND plan = 'pro' AND time >= ${since(30)} GROUP BY user_id HAVING SUM(amount) >= 30`,
  ],
  ['group: one group', () => ({ group: { importId: imports.groups, groupIds: ['g1'] } }), `SELECT user_id FROM groups WHERE group_id = 'g1'`],
  ['group: any of two', () => ({ group: { importId: imports.groups, groupIds: ['g2', 'g4'] } }), `SELECT user_id FROM groups WHERE group_id IN ('g2', 'g4')`],
  ['identity: an import and event aliases', () => ({ identity: { tag: 'email_sha256' } }), `SELECT user_id FROM identities UNION SELECT user_id FROM aliases WHERE tag = 'email_sha256'`],
  ['identity: event aliases only', () => ({ identity: { tag: 'phone_sha256' } }), `SELECT user_id FROM aliases WHERE tag = 'phone_sha256'`],
  ['not at the top: everyone else', () => ({ not: profile('tier', 'EQ', ['gold']) }), `SELECT user_id FROM (${UNIVERSE}) u EXCEPT ${P(`tier = 'gold'`)}`],
  [
    'nested all / any / not',
    () => ({ all: [profile('age', 'GTE', [25]), { any: [{ group: { importId: imports.groups, groupIds: ['g1'] } }, { not: profile('vip', 'EQ', [true]) }] }] }),
    `${P('age >= 25')} INTERSECT (SELECT user_id FROM groups WHERE group_id = 'g1' UNION (SELECT user_id FROM (${UNIVERSE}) u EXCEPT ${P('vip = true')}))`,
  ],
  [
    'all of nots (De Morgan)',
    () => ({ all: [{ not: profile('tier', 'IS_NULL') }, { not: { group: { importId: imports.groups, groupIds: ['g3'] } } }] }),
    `SELECT user_id FROM (${UNIVERSE}) u EXCEPT (${P('tier IS NULL')} UNION SELECT user_id FROM groups WHERE group_id = 'g3')`,
  ],
  [
    'not of not',
    () => ({ not: { not: profile('tier', 'EQ', ['silver']) } }),
    P(`tier = 'silver'`),
  ],
  [
    'the issue’s example: tier gold, 1+ purchases in 30 days, in a group',
    () => ({ all: [profile('tier', 'IN', ['gold', 'silver']), { activity: { importId: imports.activity, where: [{ column: 'kind', operator: 'EQ', values: ['purchase'] }], aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 30 } }, { group: { importId: imports.groups, groupIds: ['g1', 'g2'] } }] }),
    `${P(`tier IN ('gold', 'silver')`)} INTERSECT SELECT user_id FROM activity WHERE kind = 'purchase' AND occurred_at >= ${since(30)} GROUP BY user_id HAVING COUNT(*) >= 1 INTERSECT SELECT user_id FROM groups WHERE group_id IN ('g1', 'g2')`,
  ],
];

describe('rules: members equal DuckDB over the same rows', () => {
  const created: Record<string, string> = {};
  beforeAll(async () => {
    for (const [name, rule] of cases) created[name] = (await createSegment(name, rule())).id;
    await inlet.idle();
  }, 120_000);

  it.each(cases)('%s', async (name, rule, sql) => {
    const want = await expected(sql);
    const s = await segment(created[name]!);
    expect(s.status, s.statusReason).toBe('READY');
    expect(sorted(await members(s.id))).toEqual(want);
    expect(s.size).toBe(want.length);
    const est = await estimate(rule());
    expect(est.errors).toBeUndefined();
    expect(est.data.estimateSegment).toBe(want.length);
  });

  it('the edge rows decide as documented', async () => {
    const last30 = await members(created['activity COUNT of purchases in the last 30 days, with its edges']!);
    expect(last30).toContain('u55');
    expect(last30).not.toContain('u56');
    const range = await members(created['activity SUM over a fixed range [from, to): the start is in, the end is out']!);
    expect(range).toContain('u57'); // 70 at the start + 40
    expect(range).not.toContain('u58'); // at the end: out
    expect(range).not.toContain('u59'); // a millisecond before the start
  });

  it('codes are stable, unique and increasing; references are listed', async () => {
    const { segments } = await inlet.ok(`{ segments(first: 200) { totalCount edges { node { code name imports { name } eventTypes } } } }`);
    const codes = segments.edges.map((e: any) => e.node.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(segments.totalCount).toBe(cases.length);
    const example = segments.edges.find((e: any) => e.node.name.startsWith('the issue’s example')).node;
    expect(example.imports.map((i: any) => i.name).sort()).toEqual(['activity', 'groups', 'profiles']);
    const events = segments.edges.find((e: any) => e.node.name === 'event COUNT of Purchases in the last 7 days').node;
    expect(events.eventTypes).toEqual(['Purchase']);
  });

  it('segment metadata for routing has the contract’s fields', async () => {
    const records = await inlet.server.services.segments.metadata(workspaceId);
    const example = records.find((r) => String(r.name).startsWith('the issue’s example'))!;
    expect(Object.keys(example).sort()).toEqual(['code', 'created_at', 'description', 'name', 'size', 'tags', 'updated_at', 'workspace_id']);
    expect(example).toMatchObject({ workspace_id: workspaceId, tags: [], description: null });
    expect(example.size).toBe((await segment(created['the issue’s example: tier gold, 1+ purchases in 30 days, in a group']!)).size);
  });

  it('userSegments answers a user’s segments from the membership', async () => {
    const user = (await members(created['STRING EQ']!))[0]!;
    const { userSegments } = await inlet.ok(`query($u: String!) { userSegments(userId: $u) { id code name } }`, { u: user });
    expect(userSegments.map((s: any) => s.id)).toContain(created['STRING EQ']);
    for (const s of userSegments) expect(await members(s.id)).toContain(user);
  });
});

describe('rules refused with the path named', () => {
  const refusals: [string, () => unknown, string, RegExp][] = [
    ['a missing import', () => ({ all: [profile('tier', 'EQ', ['gold']), { profile: { importId: 'nope', column: 'tier', operator: 'EQ', values: ['x'] } }] }), 'rule.all.1.profile.importId', /does not exist/],
    ['a missing column', () => ({ any: [profile('nope', 'EQ', ['x'])] }), 'rule.any.0.profile.column', /stores no column "nope"/],
    ['a value of the wrong type', () => ({ all: [profile('tier', 'EQ', ['gold']), profile('age', 'GT', ['forty'])] }), 'rule.all.1.profile.values.0', /INTEGER.*whole number/],
    ['an operator that does not fit', () => profile('vip', 'GT', [true]), 'rule.profile.operator', /GT does not fit "vip" \(BOOLEAN\)/],
    ['a wrong number of values', () => profile('age', 'BETWEEN', [1]), 'rule.profile.values', /BETWEEN takes 2 values/],
    ['a missing event type', () => ({ not: { activity: { eventType: 'Nope', aggregate: 'COUNT', operator: 'GT', value: 1, lastDays: 3 } } }), 'rule.not.activity.eventType', /No events of type "Nope"/],
    ['a missing event property', () => ({ activity: { eventType: 'Purchase', where: [{ column: 'client.nope', operator: 'EQ', values: ['x'] }], aggregate: 'COUNT', operator: 'GT', value: 1, lastDays: 3 } }), 'rule.activity.where.0.column', /no property "client.nope"/],
    ['lastDays out of range', () => ({ activity: { importId: imports.activity, aggregate: 'COUNT', operator: 'GT', value: 1, lastDays: 366 } }), 'rule.activity.lastDays', /1 to 365/],
    ['SUM of a text column', () => ({ activity: { importId: imports.activity, aggregate: 'SUM', sumColumn: 'kind', operator: 'GT', value: 1, lastDays: 3 } }), 'rule.activity.sumColumn', /STRING; SUM needs/],
    ['an activity value of the wrong kind', () => ({ activity: { importId: imports.activity, aggregate: 'COUNT', operator: 'GT', value: 1.5, lastDays: 3 } }), 'rule.activity.value', /whole number/],
    ['a profile condition on an activity import', () => ({ profile: { importId: imports.activity, column: 'kind', operator: 'EQ', values: ['x'] } }), 'rule.profile.importId', /needs a USER_PROFILE import/],
    ['two keys in one node', () => ({ ...profile('tier', 'IS_NULL'), group: { importId: imports.groups, groupIds: ['g1'] } }), 'rule', /exactly one/],
    ['an empty all', () => ({ all: [] }), 'rule.all', /at least one/],
    ['an unknown identifier tag', () => ({ identity: { tag: 'nope' } }), 'rule.identity.tag', /No identifier tagged "nope"/],
  ];

  it.each(refusals)('%s', async (_name, rule, field, message) => {
    for (const result of [
      await estimate(rule()),
      await inlet.gql(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, { input: { name: 'refused', rule: rule() } }),
    ]) {
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(message);
    }
  });

  it('values are bound, never spliced: quotes and wildcards are plain characters', async () => {
    for (const rule of [profile('tier', 'EQ', ["gold' OR '1'='1"]), profile('tier', 'CONTAINS', ['%']), profile('tier', 'STARTS_WITH', ['_'])]) {
      const result = await estimate(rule);
      expect(result.errors).toBeUndefined();
      expect(result.data.estimateSegment).toBe(0);
    }
  });

  it('names every wrong field and every wrong condition at once', async () => {
    const rule = { all: [profile('vip', 'GT', [true]), { any: [profile('age', 'BETWEEN', [1]), profile('tier', 'EQ', ['gold'])] }, { identity: { tag: 'nope' } }] };
    const result = await inlet.gql(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, { input: { name: ' ', tags: ['x'.repeat(65)], rule } });
    expect(result.errors?.[0]?.extensions?.errors.map((e: any) => e.field)).toEqual(['name', 'tags.0', 'rule.all.0.profile.operator', 'rule.all.1.any.0.profile.values', 'rule.all.2.identity.tag']);
    const estimated = await estimate(rule);
    expect(estimated.errors?.[0]?.extensions?.errors.map((e: any) => e.field)).toEqual(['rule.all.0.profile.operator', 'rule.all.1.any.0.profile.values', 'rule.all.2.identity.tag']);
  });

  it('a refused segment stores nothing', async () => {
    const before = (await inlet.ok(`{ segments { totalCount } }`)).segments.totalCount;
    await inlet.gql(`mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }`, { input: { name: 'refused', rule: profile('age', 'GT', ['x']) } });
    expect((await inlet.ok(`{ segments { totalCount } }`)).segments.totalCount).toBe(before);
  });
});

describe('evaluation', () => {
  it('records size, added and removed; the subscription says so; an update keeps the code', async () => {
    const s = await createSegment('evolving', profile('age', 'GT', [60]));
    await inlet.idle();
    const first = await segment(s.id);
    const sub = await subscribeReady<any>(inlet, `subscription { segmentEvaluated { segmentId size added removed durationMs } }`);
    const updated = (await inlet.ok(`mutation($id: ID!, $input: CreateSegmentInput!) { updateSegment(id: $id, input: $input) { code } }`, { id: s.id, input: { name: 'evolving', rule: profile('age', 'GT', [30]) } })).updateSegment;
    expect(updated.code).toBe(s.code);
    await inlet.idle();
    const [{ segmentEvaluated: event }] = (await sub.until((events) => events.some((e) => e.segmentEvaluated.segmentId === s.id))).filter((e) => e.segmentEvaluated.segmentId === s.id);
    sub.unsubscribe();
    const after = await segment(s.id);
    const before = new Set(await expected(P('age > 60')));
    const now = await expected(P('age > 30'));
    const added = now.filter((u) => !before.has(u)).length;
    expect(event).toMatchObject({ segmentId: s.id, size: now.length, added, removed: 0 });
    expect(after.sizeHistory[0]).toMatchObject({ size: now.length, added, removed: 0 });
    expect(after.sizeHistory[1]).toMatchObject({ size: first.size, added: first.size, removed: 0 });
    expect(after.sizeHistory).toHaveLength(2);
  });

  it('an import run evaluates each segment using it once, even when its success is reacted to twice (two servers on PostgreSQL)', async () => {
    const s = await createSegment('per run', profile('tier', 'EQ', ['bronze']));
    await inlet.idle();
    const runId = await runImport(imports.profiles);
    await inlet.idle();
    const afterRun = (await segment(s.id)).sizeHistory.length;
    expect(afterRun).toBe(2);
    const event = { type: 'ImportRunFinished' as const, runId, importId: imports.profiles, workspaceId, status: 'SUCCEEDED' as const, error: null };
    let other: TestInlet | null = null;
    try {
      if (testDatabase === 'postgres') {
        other = await startInlet({}, { dataDir: inlet.dataDir, schema: inlet.config.databaseSchema ?? undefined, adminKey: inlet.adminKey });
        await Promise.all([inlet.server.services.events.publish(event), other.server.services.events.publish(event)]);
        await other.idle();
      } else {
        await inlet.server.services.events.publish(event);
      }
      await inlet.idle();
      expect((await segment(s.id)).sizeHistory.length).toBe(afterRun);
      // A new run is a new slot: evaluated again.
      await runImport(imports.profiles);
      await inlet.idle();
      expect((await segment(s.id)).sizeHistory.length).toBe(afterRun + 1);
    } finally {
      await other?.close();
    }
  });
});

describe('hourly', () => {
  it('segments with time windows or events are evaluated once per UTC hour whatever the ticks; others are not', async () => {
    const timed = await createSegment('hourly timed', { activity: { importId: imports.activity, aggregate: 'COUNT', operator: 'GTE', value: 1, lastDays: 30 } });
    const plain = await createSegment('hourly plain', profile('tier', 'EQ', ['gold']));
    await inlet.idle();
    // A minute into an hour five hours ahead: the second tick, a second later, is in the same hour whatever the clock.
    const at = new Date((Math.floor(Date.now() / 3600_000) + 5) * 3600_000 + 60_000);
    await inlet.server.services.segments.tickHourly(at);
    await inlet.server.services.segments.tickHourly(new Date(at.getTime() + 1000));
    await inlet.idle();
    expect((await segment(timed.id)).sizeHistory).toHaveLength(2);
    expect((await segment(plain.id)).sizeHistory).toHaveLength(1);
  });
});

describe('guards', () => {
  it('deleting an import a segment uses is refused with CONFLICT naming the segments', async () => {
    const result = await inlet.gql(`mutation($id: ID!) { deleteImport(id: $id) }`, { id: imports.groups });
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toMatch(/used by segments .*"group: one group"/);
    expect((await inlet.ok(`query($id: ID!) { import(id: $id) { id } }`, { id: imports.groups })).import).not.toBeNull();
  });

  it('an import no segment uses can be deleted; a deleted segment frees its import', async () => {
    const id = await createImport({ name: 'spare', table: 'groups', type: 'GROUP_MEMBERSHIP', columns: [], userIdColumn: 'user_id', groupIdColumn: 'group_id', timestampColumn: 'updated_at' });
    const s = await createSegment('uses spare', { group: { importId: id, groupIds: ['g1'] } });
    await inlet.idle();
    expect((await inlet.gql(`mutation($id: ID!) { deleteImport(id: $id) }`, { id })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await inlet.ok(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id: s.id })).deleteSegment).toBe(true);
    expect((await inlet.ok(`mutation($id: ID!) { deleteImport(id: $id) }`, { id })).deleteImport).toBe(true);
  });
});

describe('events carry segments', () => {
  it('an event carries the codes of its user’s segments at receipt', async () => {
    const s = await createSegment('carried', profile('tier', 'EQ', ['gold']));
    await inlet.idle();
    const [member] = await members(s.id);
    const { userSegments } = await inlet.ok(`query($u: String!) { userSegments(userId: $u) { code } }`, { u: member });
    const codes = userSegments.map((x: any) => x.code).sort((a: number, b: number) => a - b);
    expect(codes).toContain(s.code);
    await sendEvents([{ event_id: randomUUID(), type: 'Pageview', user_id: member }, { event_id: randomUUID(), type: 'Pageview', user_id: 'nobody-at-all' }]);
    const { recentEvents } = await inlet.ok(`{ recentEvents(type: "Pageview", limit: 5) }`);
    expect(recentEvents.find((e: any) => e.user_id === member).segments).toEqual(codes);
    expect(recentEvents.find((e: any) => e.user_id === 'nobody-at-all').segments).toEqual([]);

    // After an evaluation removes the user, the next event no longer carries the code (the cache was refreshed).
    await inlet.ok(`mutation($id: ID!, $input: CreateSegmentInput!) { updateSegment(id: $id, input: $input) { id } }`, { id: s.id, input: { name: 'carried', rule: profile('tier', 'EQ', ['no such tier']) } });
    await inlet.idle();
    await sendEvents([{ event_id: randomUUID(), type: 'Pageview', user_id: member }]);
    const latest = (await inlet.ok(`query($u: String) { recentEvents(type: "Pageview", userId: $u, limit: 1) }`, { u: member })).recentEvents[0];
    expect(latest.segments).not.toContain(s.code);
  });
});
