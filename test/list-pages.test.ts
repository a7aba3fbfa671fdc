/**
 * Issue 18 item 7: `connections`, `imports` and an import's `runs` answer Relay pages through GraphQL
 * (graphql/pagination.ts): 500 of each walked page by page in every order with no duplicates or gaps, filters and
 * a case-insensitive search combined with paging, totalCount on every page, status counts for the UI's chips, and a
 * cursor the list did not give out refused naming `after`. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 * The 500 rows go in through the repositories (the point is the paging); the API's own create path is checked too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionEntity } from '../server/connections/connection.entity.js';
import { ImportEntity, ImportRunEntity } from '../server/imports/import.entity.js';
import { createLoaders } from '../server/graphql/loaders.js';
import { CREATE_CONNECTION, s3Input } from './helpers/fixtures.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';
import { startS3, type LocalS3 } from './helpers/s3.js';

let inlet: TestInlet;
let s3: LocalS3;
let workspaceId: string;
const N = 500;
const STATUSES = ['ACTIVE', 'PROCESSING', 'INACTIVE', 'DEPRECATED'] as const;
const IMPORT_STATUSES = ['ACTIVE', 'PAUSED', 'BLOCKED'] as const;
const base = Date.parse('2026-03-01T00:00:00.000Z');
/** 50 distinct creation times over 500 rows: ties everywhere, broken by id. */
const at = (i: number) => new Date(base + (i % 50) * 60_000);
/** Names mixing case, with ties (every 7th repeats), and some holding `%` and `_` literally. */
const nameOf = (i: number) => (i % 7 === 0 ? 'Shared name' : `${i % 3 ? 'Warehouse' : 'bucket'} ${String(i).padStart(3, '0')}${i % 10 === 0 ? ' 100%_off' : ''}`);
let firstConnection: string;
let importWithRuns: string;
/** Runs inserted for the first two imports: 130 with ties on `queuedAt` (40 distinct), and 2. */
let insertedRuns: ImportRunEntity[] = [];
let importWithTwoRuns: string;
let importWithoutRuns: string;

beforeAll(async () => {
  inlet = await startInlet();
  s3 = await startS3();
  workspaceId = (await inlet.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id;
  const db = inlet.server.services.db;
  const connections = Array.from({ length: N }, (_, i) => ({
    id: `c-${randomUUID()}`, workspaceId, name: nameOf(i), platform: i % 4 ? 'S3' : 'GCS', status: STATUSES[i % 4], statusReason: null,
    settings: {}, sealedCredentials: 'x', credentialsHint: null, validationSeq: 0, createdAt: at(i), updatedAt: at(i),
  })) as unknown as ConnectionEntity[];
  for (let i = 0; i < N; i += 100) await db.getRepository(ConnectionEntity).insert(connections.slice(i, i + 100) as never);
  firstConnection = connections[1]!.id;
  const imports = Array.from({ length: N }, (_, i) => ({
    id: `i-${randomUUID()}`, workspaceId, connectionId: connections[i % 2]!.id, name: nameOf(i), table: 't', type: 'USER_PROFILE', columns: [], userIdColumn: 'u',
    timestampColumn: null, identifierColumn: null, identifierType: null, groupIdColumn: null, isDeletedColumn: null, status: IMPORT_STATUSES[i % 3], statusReason: null,
    schedule: 'manual', nextRunAt: null, rejectThreshold: 0.1, stored: [], acceptedSchema: [], dataTable: `d_${i}`, watermark: null, rowCount: 0, createdAt: at(i), updatedAt: at(i),
  })) as unknown as ImportEntity[];
  for (let i = 0; i < N; i += 100) await db.getRepository(ImportEntity).insert(imports.slice(i, i + 100) as never);
  importWithRuns = imports[0]!.id;
  const runs = Array.from({ length: 130 }, (_, i) => ({
    id: `r-${randomUUID()}`, importId: importWithRuns, workspaceId, status: i % 5 === 0 ? 'FAILED' : 'SUCCEEDED', trigger: 'SCHEDULE', attempt: 1, queuedAt: new Date(base + (i % 40) * 1000),
    notBefore: null, startedAt: null, finishedAt: null, heartbeatAt: null, owner: null, filesTotal: null, filesDone: null, rowsRead: 0, rowsImported: i, rowsRejected: 0, bytesRead: 0, error: null, rejects: [],
  })) as unknown as ImportRunEntity[];
  importWithTwoRuns = imports[1]!.id;
  importWithoutRuns = imports[2]!.id;
  const two = [0, 1].map((i) => ({ ...runs[i]!, id: `r-${randomUUID()}`, importId: importWithTwoRuns, queuedAt: new Date(base + i * 1000) }));
  insertedRuns = [...runs, ...two];
  await db.getRepository(ImportRunEntity).insert(insertedRuns as never);
}, 120_000);

afterAll(async () => {
  await inlet?.close();
  await s3?.close();
});

const CONNECTIONS = `query($first: Int, $after: String, $status: ConnectionStatus, $platform: SourcePlatformId, $search: String, $orderBy: ListOrder) {
  connections(first: $first, after: $after, status: $status, platform: $platform, search: $search, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status createdAt platform { id } } } } }`;
const IMPORTS = `query($first: Int, $after: String, $status: ImportStatus, $connectionId: ID, $search: String, $orderBy: ListOrder) {
  imports(first: $first, after: $after, status: $status, connectionId: $connectionId, search: $search, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status createdAt connection { id } } } } }`;
const RUNS = `query($id: ID!, $first: Int, $after: String, $status: ImportRunStatus, $orderBy: RunOrder) {
  import(id: $id) { runs(first: $first, after: $after, status: $status, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status queuedAt } } } } }`;

type Node = { id: string; name: string; createdAt?: string; queuedAt?: string; status: string };

/** Every page of a list through GraphQL, following endCursor; checks totalCount is the same on every page. */
async function walk(query: string, pick: (data: any) => any, variables: Record<string, unknown>) {
  const seen: Node[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  let end: string | null = null;
  let pages = 0;
  for (;;) {
    const page: any = pick(await inlet.ok(query, { ...variables, after }));
    totals.add(page.totalCount);
    seen.push(...page.edges.map((e: any) => e.node));
    if (page.edges.length) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
    pages++;
    end = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    expect(pages).toBeLessThan(200);
  }
  if (end) {
    // Past the last item: no edges, and still the list's totalCount (an empty page has no row to carry it).
    const past: any = pick(await inlet.ok(query, { ...variables, after: end }));
    expect({ edges: past.edges, totalCount: past.totalCount }).toEqual({ edges: [], totalCount: [...totals][0] });
  }
  expect(totals.size, 'totalCount is the same on every page').toBe(1);
  return { seen, pages, total: [...totals][0]! };
}

/** Rows with the same sort key come in id order, in the direction of the sort (the tie-breaker). */
function expectOrdered(seen: Node[], key: (n: Node) => string, direction: 'ASC' | 'DESC') {
  for (let i = 1; i < seen.length; i++) {
    const [prev, cur] = [seen[i - 1]!, seen[i]!];
    if (key(prev) === key(cur)) expect(direction === 'ASC' ? prev.id < cur.id : prev.id > cur.id, `tie at ${i} broken by id`).toBe(true);
  }
}

describe('connections', () => {
  it('walks 500 in pages of 37, newest first by default, with no duplicates or gaps', async () => {
    const { seen, pages, total } = await walk(CONNECTIONS, (d) => d.connections, { first: 37 });
    expect(total).toBe(N);
    expect(pages).toBe(Math.ceil(N / 37));
    expect(new Set(seen.map((c) => c.id)).size).toBe(N);
    const times = seen.map((c) => Date.parse(c.createdAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expectOrdered(seen, (c) => c.createdAt!, 'DESC');
  });

  it('walks every order with no duplicates or gaps', async () => {
    for (const orderBy of ['CREATED_AT_ASC', 'NAME_ASC', 'NAME_DESC']) {
      const { seen } = await walk(CONNECTIONS, (d) => d.connections, { first: 61, orderBy });
      expect(new Set(seen.map((c) => c.id)).size, orderBy).toBe(N);
      if (orderBy === 'CREATED_AT_ASC') {
        const times = seen.map((c) => Date.parse(c.createdAt!));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      } else {
        // The order the database gives matches a sort by (name, id) under its own collation: check ties and grouping.
        const names = seen.map((c) => c.name);
        const runs = names.filter((n, i) => i === 0 || n !== names[i - 1]);
        expect(new Set(runs).size, `${orderBy}: each name in one run`).toBe(runs.length);
        expectOrdered(seen, (c) => c.name, orderBy === 'NAME_ASC' ? 'ASC' : 'DESC');
      }
    }
  });

  it('combines status, platform and a case-insensitive search with paging', async () => {
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => STATUSES[i % 4] === 'INACTIVE' && i % 4 !== 0 && /warehouse/i.test(nameOf(i)));
    const { seen, total } = await walk(CONNECTIONS, (d) => d.connections, { first: 7, status: 'INACTIVE', platform: 'S3', search: 'wAREhouse' });
    expect(total).toBe(expected.length);
    expect(seen).toHaveLength(expected.length);
    expect(new Set(seen.map((c) => c.id)).size).toBe(expected.length);
    expect(seen.every((c) => c.status === 'INACTIVE' && c.name.toLowerCase().includes('warehouse'))).toBe(true);
    // `%` and `_` are literal: only names holding "100%_off" match, not every name.
    const literal = await walk(CONNECTIONS, (d) => d.connections, { first: 200, search: '100%_OFF' });
    expect(literal.total).toBe(Array.from({ length: N }, (_, i) => nameOf(i)).filter((n) => n.includes('100%_off')).length);
    expect((await inlet.ok(CONNECTIONS, { search: '%' })).connections.totalCount).toBe(literal.total);
    expect((await inlet.ok(CONNECTIONS, { search: 'no such name' })).connections).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('counts per status in one answer, the search and platform applied and the status filter not', async () => {
    const { connectionStatusCounts } = await inlet.ok(`{ connectionStatusCounts(search: "BUCKET") { status count } }`);
    const buckets = Array.from({ length: N }, (_, i) => i).filter((i) => nameOf(i).startsWith('bucket'));
    expect(connectionStatusCounts).toEqual(['ACTIVE', 'PROCESSING', 'INACTIVE', 'DEPRECATED'].map((status) => ({ status, count: buckets.filter((i) => STATUSES[i % 4] === status).length })));
    const all = (await inlet.ok(`{ connectionStatusCounts { count } }`)).connectionStatusCounts;
    expect(all.reduce((s: number, c: any) => s + c.count, 0)).toBe(N);
  });

  it('refuses a cursor it did not give out, and one from another order, naming `after`', async () => {
    for (const after of ['not-a-cursor', Buffer.from('[1]').toString('base64url')]) {
      const result = await inlet.gql(CONNECTIONS, { after });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const bad = await inlet.gql(CONNECTIONS, { first: 0 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a connection created through the API heads the first page and counts', async () => {
    const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'nowhere' }), name: 'Made through the API' } });
    const page = (await inlet.ok(CONNECTIONS, { first: 3 })).connections;
    expect(page.totalCount).toBe(N + 1);
    expect(page.edges[0].node).toMatchObject({ id: createConnection.id, name: 'Made through the API' });
    expect((await inlet.ok(CONNECTIONS, { search: 'through the api' })).connections.edges.map((e: any) => e.node.id)).toEqual([createConnection.id]);
    await inlet.server.services.connections.idle();
  });

  it('another workspace sees none of them', async () => {
    const { createWorkspace } = await inlet.ok(`mutation { createWorkspace(name: "other") { id } }`);
    const { createApiKey } = await inlet.ok(`mutation($w: ID!) { createApiKey(name: "k", workspaceId: $w) { key } }`, { w: createWorkspace.id });
    const other = await inlet.ok(`{ connections { totalCount edges { node { id } } } imports { totalCount } connectionStatusCounts { count } }`, {}, createApiKey.key);
    expect(other.connections).toEqual({ totalCount: 0, edges: [] });
    expect(other.imports.totalCount).toBe(0);
    expect(other.connectionStatusCounts.every((c: any) => c.count === 0)).toBe(true);
  });
});

describe('imports', () => {
  it('walks 500 in pages of 50 (the default), newest first, with no duplicates or gaps, and by name', async () => {
    const { seen, pages, total } = await walk(IMPORTS, (d) => d.imports, {});
    expect(total).toBe(N);
    expect(pages).toBe(10);
    expect(new Set(seen.map((i) => i.id)).size).toBe(N);
    const times = seen.map((i) => Date.parse(i.createdAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byName = await walk(IMPORTS, (d) => d.imports, { first: 200, orderBy: 'NAME_DESC' });
    expect(new Set(byName.seen.map((i) => i.id)).size).toBe(N);
  });

  it('combines connection, status and search with paging; counts per status', async () => {
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1 && IMPORT_STATUSES[i % 3] === 'PAUSED' && nameOf(i).toLowerCase().includes('warehouse'));
    const { seen, total } = await walk(IMPORTS, (d) => d.imports, { first: 9, connectionId: firstConnection, status: 'PAUSED', search: 'WAREHOUSE' });
    expect(total).toBe(expected.length);
    expect(new Set(seen.map((i) => i.id)).size).toBe(expected.length);
    expect(seen.every((i: any) => i.connection.id === firstConnection && i.status === 'PAUSED')).toBe(true);
    const { importStatusCounts } = await inlet.ok(`query($c: ID) { importStatusCounts(connectionId: $c) { status count } }`, { c: firstConnection });
    const mine = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 1);
    expect(importStatusCounts).toEqual(IMPORT_STATUSES.map((status) => ({ status, count: mine.filter((i) => IMPORT_STATUSES[i % 3] === status).length })));
  });

  it('refuses a bad cursor naming `after`', async () => {
    const result = await inlet.gql(IMPORTS, { after: 'eyJub3QiOiJ0aGlzIn0' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe.runIf(process.env.INLET_TEST_DB === 'postgres')('PostgreSQL', () => {
  it('keeps the lists\' statements prepared on the connections that run them, and answers the same pages', async () => {
    const query = `query($after: String) { imports(first: 50, after: $after) { edges { node { id lastRun { id } connection { id } } } pageInfo { endCursor } } importStatusCounts { status count } }`;
    const first = await inlet.ok(query);
    // Past PostgreSQL's five custom plans, into its generic plan: the same answer every time.
    for (let i = 0; i < 7; i++) expect(await inlet.ok(query)).toEqual(first);
    const second = await inlet.ok(query, { after: first.imports.pageInfo.endCursor });
    expect(second.imports.edges.map((e: any) => e.node.id)).not.toContain(first.imports.edges[0].node.id);
    // Every pooled connection's prepared statements (each is looked at on its own client, all held at once).
    const pool = (inlet.server.services.db.driver as unknown as { master: import('pg').Pool }).master;
    const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    try {
      const named = new Set<string>();
      for (const client of clients) for (const r of (await client.query(`SELECT "name", "statement" FROM pg_prepared_statements`)).rows) if (r.name.startsWith('inlet_')) named.add(r.statement);
      expect([...named].some((s) => s.includes('FROM "import" "i"') && s.includes('json_agg'))).toBe(true);
      expect([...named].some((s) => s.includes('FROM "import_run"'))).toBe(true);
    } finally {
      for (const client of clients) client.release();
    }
  });
});

describe("an import's runs", () => {
  it('pages 130 runs newest first, oldest first and by status, with no duplicates or gaps', async () => {
    const pick = (d: any) => d.import.runs;
    const newest = await walk(RUNS, pick, { id: importWithRuns, first: 20 });
    expect(newest.total).toBe(130);
    expect(new Set(newest.seen.map((r) => r.id)).size).toBe(130);
    const times = newest.seen.map((r) => Date.parse(r.queuedAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const oldest = await walk(RUNS, pick, { id: importWithRuns, first: 33, orderBy: 'QUEUED_AT_ASC' });
    expect(oldest.seen.map((r) => r.id)).toEqual([...newest.seen.map((r) => r.id)].reverse());
    const failed = await walk(RUNS, pick, { id: importWithRuns, first: 4, status: 'FAILED' });
    expect(failed.total).toBe(26);
    expect(new Set(failed.seen.filter((r) => r.status === 'FAILED').map((r) => r.id)).size).toBe(26);
    const bad = await inlet.gql(RUNS, { id: importWithRuns, after: 'x' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('gives each import its newest runs, ties on queuedAt broken by id, and lastRun in the list', async () => {
    const newestFirst = (importId: string) =>
      insertedRuns.filter((r) => r.importId === importId).sort((a, b) => b.queuedAt.getTime() - a.queuedAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    const ids = [importWithRuns, importWithTwoRuns, importWithoutRuns];
    // 130 runs over 40 distinct times: each limit but the first cuts inside a group of runs queued at the same time.
    for (const limit of [1, 3, 4, 7, 130, 131]) {
      const runs = await inlet.server.services.imports.runs(ids, limit);
      expect(runs.map((list) => list.map((r) => r.id)), `limit ${limit}`).toEqual(ids.map((id) => newestFirst(id).slice(0, limit)));
    }
    // The newest run of the first import carries a rejects sample: lists read the runs without it, and
    // ImportRun.rejects still answers it when asked.
    const sample = [{ file: 'data/part-0.csv', row: 7, reason: 'column "n": not a number' }];
    await inlet.server.services.db.getRepository(ImportRunEntity).update({ id: newestFirst(importWithRuns)[0] }, { rejects: sample } as never);
    expect((await inlet.server.services.imports.runs([importWithRuns], 1))[0]![0]!.rejects ?? null).toBeNull();
    // Oldest first: the three imports were created first (their rivals in time are the other i % 50 < 3 rows).
    const { imports } = await inlet.ok(`{ imports(first: 100, orderBy: CREATED_AT_ASC) { edges { node { id lastRun { id rejects { file row reason } } } } } }`);
    const lastRun = new Map(imports.edges.map((e: any) => [e.node.id, e.node.lastRun]));
    expect(ids.map((id) => (lastRun.get(id) as any)?.id ?? null)).toEqual([newestFirst(importWithRuns)[0], newestFirst(importWithTwoRuns)[0], null]);
    expect((lastRun.get(importWithRuns) as any).rejects).toEqual(sample);
    expect((lastRun.get(importWithTwoRuns) as any).rejects).toEqual([]);
  });

  it('reads a page of imports without the accepted schema, which only schema-change detection uses, and connections without credentials', async () => {
    const accepted = [{ name: 'tier', type: 'STRING', nullable: true, position: 0, isPartition: false, sourceType: null, nested: false }];
    await inlet.server.services.db.getRepository(ImportEntity).update({ id: importWithRuns }, { acceptedSchema: accepted } as never);
    const principal = { keyId: 'test', workspaceId, isAdmin: true, scope: 'ADMIN' } as never;
    const page = await inlet.server.services.imports.page(principal, {}, { first: 200, orderBy: 'CREATED_AT_ASC' });
    const listed = page.edges.find((e) => e.node.id === importWithRuns)!.node;
    expect(listed.acceptedSchema ?? null).toBeNull();
    expect(listed.name).toBe(nameOf(0));
    expect((await inlet.server.services.imports.byId(importWithRuns))!.acceptedSchema).toEqual(accepted);
    // Nor do the connections list and the imports list's connections load sealed credentials they never answer.
    const connections = await inlet.server.services.connections.page(principal, {}, { first: 200 });
    expect(connections.edges.length).toBeGreaterThan(0);
    expect(connections.edges.every((e) => (e.node.sealedCredentials ?? null) === null)).toBe(true);
    const loaders = createLoaders(inlet.server.services, principal);
    expect(((await loaders.connection.load(firstConnection))!.sealedCredentials ?? null) === null).toBe(true);
    expect((await inlet.server.services.connections.byId(firstConnection))!.sealedCredentials).toBe('x');
  });
});
