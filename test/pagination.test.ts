import { randomUUID } from 'node:crypto';
import { SelectQueryBuilder } from 'typeorm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { countBy, pageOf, type Page } from '../server/graphql/pagination.js';
import { WorkspaceEntity } from '../server/workspaces/workspace.entity.js';
import { startInlet, type TestInlet } from './helpers/inlet.js';

// The one pagination mechanism every growing list uses (server/graphql/pagination.ts), on the server's real
// database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): keyset pages over a sort key with many ties,
// no duplicates or gaps across 500 rows, rows inserted mid-walk do not shift the walk, and bad arguments are named.
let inlet: TestInlet;

beforeAll(async () => {
  inlet = await startInlet();
  const repo = inlet.server.services.db.getRepository(WorkspaceEntity);
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  // 500 workspaces over 50 distinct creation times: ties everywhere, broken by id.
  const rows = Array.from({ length: 500 }, (_, i) => ({ id: `p-${randomUUID()}`, name: `page ${i}`, createdAt: new Date(base + (i % 50) * 1000) }));
  for (let i = 0; i < rows.length; i += 100) await repo.insert(rows.slice(i, i + 100));
});

afterAll(async () => {
  await inlet?.close();
});

const query = () => inlet.server.services.db.getRepository(WorkspaceEntity).createQueryBuilder('w').where("w.name LIKE 'page %'");

async function walk(first: number, direction: 'ASC' | 'DESC', during?: () => Promise<void>) {
  const seen: WorkspaceEntity[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: Page<WorkspaceEntity> = await pageOf(query(), { first, after, sort: [{ property: 'createdAt', direction }] }, (w) => w);
    expect(page.totalCount).toBeGreaterThanOrEqual(500);
    seen.push(...page.edges.map((e) => e.node));
    pages++;
    if (pages === 2 && during) await during();
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { seen, pages };
}

it('walks 500 rows with ties in pages, in order, with no duplicates or gaps, both directions', async () => {
  for (const direction of ['DESC', 'ASC'] as const) {
    const { seen, pages } = await walk(37, direction);
    expect(pages).toBe(Math.ceil(500 / 37));
    expect(new Set(seen.map((w) => w.id)).size).toBe(500);
    const keys = seen.map((w) => `${w.createdAt.toISOString()}|${w.id}`);
    const sorted = [...keys].sort();
    expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
  }
});

it('rows inserted while a client pages do not duplicate or drop the rows that existed', async () => {
  const before = new Set((await walk(200, 'DESC')).seen.map((w) => w.id));
  const { seen } = await walk(40, 'DESC', async () => {
    // Newer than everything (before the walk's position) and in the middle of a tie group (both sides of it).
    await inlet.server.services.db.getRepository(WorkspaceEntity).insert([
      { id: `p-${randomUUID()}`, name: 'page new-first', createdAt: new Date('2027-01-01T00:00:00.000Z') },
      { id: 'p-00000000-mid', name: 'page new-mid', createdAt: new Date('2026-01-01T00:00:25.000Z') },
    ]);
  });
  const ids = seen.map((w) => w.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of before) expect(ids).toContain(id);
});

it('refuses a cursor it did not give out, and a page size out of range, naming the argument', async () => {
  await expect(pageOf(query(), { first: 10, after: 'bm90IGEgY3Vyc29y', sort: [{ property: 'createdAt', direction: 'DESC' }] }, (w) => w)).rejects.toMatchObject({ kind: 'input', field: 'after' });
  await expect(pageOf(query(), { first: 0, sort: [{ property: 'createdAt', direction: 'DESC' }] }, (w) => w)).rejects.toMatchObject({ kind: 'input', field: 'first' });
  await expect(pageOf(query(), { first: 201, sort: [{ property: 'createdAt', direction: 'DESC' }] }, (w) => w)).rejects.toMatchObject({ kind: 'input', field: 'first' });
  const empty = await pageOf(query().andWhere('1 = 0'), { sort: [{ property: 'createdAt', direction: 'DESC' }] }, (w) => w);
  expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
});

it('pages of one shape with other values each answer their own rows (a statement is written once per shape, then bound)', async () => {
  const repo = () => inlet.server.services.db.getRepository(WorkspaceEntity);
  const named = (prefix: string) => repo().createQueryBuilder('w').where('w.name LIKE :prefix', { prefix });
  const sort = [{ property: 'createdAt' as const, direction: 'DESC' as const }];
  const names = (page: Page<WorkspaceEntity>) => page.edges.map((e) => e.node.name);
  // "page 1", "page 10"–"page 19", "page 100"–"page 199": 111 rows, as for 2.
  const ones = await pageOf(named('page 1%'), { first: 60, sort }, (w) => w);
  const twos = await pageOf(named('page 2%'), { first: 60, sort }, (w) => w);
  expect([ones.totalCount, twos.totalCount]).toEqual([111, 111]);
  expect(names(ones).every((n) => n.startsWith('page 1'))).toBe(true);
  expect(names(twos).every((n) => n.startsWith('page 2'))).toBe(true);
  // The next pages, through cursors: the rest of each, no row of the other.
  const spy = vi.spyOn(SelectQueryBuilder.prototype, 'getQuery');
  try {
    const onesNext = await pageOf(named('page 1%'), { first: 60, after: ones.pageInfo.endCursor, sort }, (w) => w);
    const twosNext = await pageOf(named('page 2%'), { first: 60, after: twos.pageInfo.endCursor, sort }, (w) => w);
    expect(new Set([...names(ones), ...names(onesNext)]).size).toBe(111);
    expect(names(twosNext).every((n) => n.startsWith('page 2'))).toBe(true);
    expect(new Set([...names(twos), ...names(twosNext)]).size).toBe(111);
    const counts = async (prefix: string) => (await countBy(named(prefix), 'w.name', ['page 1', 'page 2', 'page 3'])).map((c) => c.count);
    expect(await counts('page 1%')).toEqual([1, 0, 0]);
    expect(await counts('page 2%')).toEqual([0, 1, 0]);
    // Written by the builder for the first of each shape only (the cursor page's, the counts'), not per request.
    // (The server's own background reads go through TypeORM too: only this test's builders, alias `w`, count.)
    const written = spy.mock.contexts.filter((q) => (q as SelectQueryBuilder<WorkspaceEntity>).expressionMap.mainAlias?.name === 'w');
    expect(written.length).toBeLessThanOrEqual(3);
  } finally {
    spy.mockRestore();
  }
});
