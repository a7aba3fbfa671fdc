import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtClientDir, launchChromium, SHOTS_DIR, signedInPage } from '../helpers/browser.js';
import { ConnectionEntity } from '../../server/connections/connection.entity.js';
import { ImportEntity } from '../../server/imports/import.entity.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';

/**
 * Issue 19 items 1 and 12, in Chromium against the built client and a real server: with 70 connections and 70
 * imports the lists page through the API (50 a page, Next/Previous), search by name (debounced, any case), filter
 * with status chips that show their counts, sort, show Created with date and time, stack rows as cards at 390 px
 * with Status visible, and keep every column on screen at 1280 px beside a blocked row with a long reason. The
 * import wizard's step 1 searches Active connections instead of listing every connection as a card.
 * Screenshots go to test/ui/screenshots/lists-*.png (git-ignored).
 */


let inlet: TestInlet;
let browser: Browser;
let page: Page;

const N = 70;
const STATUSES = ['ACTIVE', 'ACTIVE', 'INACTIVE', 'PROCESSING', 'DEPRECATED'] as const;
const statusOf = (i: number) => STATUSES[i % 5]!;
const base = Date.parse('2026-05-04T08:00:00.000Z');
const LONG_REASON =
  'Unsupported schema change in s3://warehouse/events/part-0042.parquet: column "amount" changed from INTEGER to STRING and column "currency" was removed; revert it at the source or create a new import for the new schema.';

async function screenshot(name: string, width: 1280 | 390): Promise<void> {
  await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS_DIR, `lists-${name}-${width}.png`), fullPage: true });
}

const rows = () => page.locator('tbody tr');
const chip = (label: string) => page.getByRole('group', { name: 'Status' }).getByRole('button', { name: new RegExp(`^${label} `) });

beforeAll(async () => {
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir() });
  const workspaceId = (await inlet.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id;
  // The rows go in through the repositories: the point is the lists, not validating 70 buckets.
  const connections = Array.from({ length: N }, (_, i) => ({
    id: `c-${randomUUID()}`, workspaceId, name: `${i % 2 ? 'Warehouse' : 'Bucket'} ${String(i).padStart(2, '0')}`, platform: i % 3 ? 'S3' : 'GCS', status: statusOf(i),
    statusReason: statusOf(i) === 'INACTIVE' ? 'The credentials were rejected by the bucket (AccessDenied)' : null, settings: {}, sealedCredentials: 'x', credentialsHint: null,
    validationSeq: 0, createdAt: new Date(base + i * 37 * 60_000), updatedAt: new Date(base + i * 37 * 60_000),
  }));
  await inlet.server.services.db.getRepository(ConnectionEntity).insert(connections as never);
  const imports = Array.from({ length: N }, (_, i) => ({
    id: `i-${randomUUID()}`, workspaceId, connectionId: connections[0]!.id, name: i === N - 1 ? 'Events with a very long blocked reason' : `${i % 2 ? 'Profiles' : 'Events'} ${String(i).padStart(2, '0')}`,
    table: 'events', type: 'USER_ACTIVITY', columns: [], userIdColumn: 'u', timestampColumn: 't', identifierColumn: null, identifierType: null, groupIdColumn: null, isDeletedColumn: null,
    status: i === N - 1 ? 'BLOCKED' : i % 4 === 0 ? 'PAUSED' : 'ACTIVE', statusReason: i === N - 1 ? LONG_REASON : null, schedule: 'manual', nextRunAt: null, rejectThreshold: 0.1,
    stored: [], acceptedSchema: [], dataTable: `d_${i}`, watermark: null, rowCount: 1000 * i, createdAt: new Date(base + i * 60_000), updatedAt: new Date(base + i * 60_000),
  }));
  await inlet.server.services.db.getRepository(ImportEntity).insert(imports as never);
  browser = await launchChromium();
  page = await signedInPage(browser, inlet.url, inlet.adminKey);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await inlet?.close();
});

describe('connections list', () => {
  it('shows 50 of 70, newest first with date and time, status chips with counts, and pages on', async () => {
    await page.goto(inlet.url + '/#/connections');
    await expect.poll(() => rows().count()).toBe(50);
    expect(await rows().first().textContent()).toContain('Warehouse 69');
    await page.getByText('1–50 of 70 connections').waitFor();
    // Counts per status, every chip, before any filter.
    expect(await page.getByRole('group', { name: 'Status' }).getByRole('button').allTextContents()).toEqual(['All 70', 'Active 28', 'Processing 14', 'Inactive 14', 'Deprecated 14']);
    // Created: a date and a time (rows created 37 minutes apart differ in their time).
    const created = await page.locator('tbody td[data-label="Created"]').allTextContents();
    expect(created[0]).toMatch(/\d{1,2}:\d\d/);
    expect(new Set(created).size).toBe(50);
    await screenshot('connections', 1280);
    await screenshot('connections', 390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(() => rows().count()).toBe(20);
    await page.getByText('51–70 of 70 connections').waitFor();
    expect(page.url()).toContain('after=');
    const second = await page.locator('tbody td[data-label="Name"]').allTextContents();
    expect(second.at(-1)).toBe('Bucket 00');
    await page.getByRole('button', { name: '← Previous' }).click();
    await expect.poll(() => rows().count()).toBe(50);
    expect(await rows().first().textContent()).toContain('Warehouse 69');
  });

  it('searches by name as the user types (any case), with chips counting the matches, and combines a chip', async () => {
    await page.getByLabel('Search').fill('wareHOUSE 1');
    // Warehouse 11, 13, 15, 17, 19.
    await expect.poll(() => page.locator('tbody td[data-label="Name"]').allTextContents()).toEqual(['Warehouse 19', 'Warehouse 17', 'Warehouse 15', 'Warehouse 13', 'Warehouse 11']);
    expect(page.url()).toContain('q=wareHOUSE');
    await expect.poll(() => page.getByRole('group', { name: 'Status' }).getByRole('button').allTextContents()).toEqual(['All 5', 'Active 2', 'Processing 1', 'Inactive 1', 'Deprecated 1']);
    await chip('Inactive').click();
    await expect.poll(() => page.locator('tbody td[data-label="Name"]').allTextContents()).toEqual(['Warehouse 17']);
    expect(await chip('Inactive').getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => rows().count()).toBe(50);
    expect(await page.getByLabel('Search').inputValue()).toBe('');
  });

  it('sorts by name, and filters by status alone across pages', async () => {
    await page.getByLabel('Sort').selectOption('NAME_ASC');
    await expect.poll(async () => (await page.locator('tbody td[data-label="Name"]').allTextContents()).slice(0, 2)).toEqual(['Bucket 00', 'Bucket 02']);
    await chip('Active').click();
    await expect.poll(() => rows().count()).toBe(28);
    expect((await page.locator('tbody td[data-label="Status"]').allTextContents()).every((t) => t.startsWith('Active'))).toBe(true);
    await page.getByText('28 connections match').waitFor();
  });

  it('at 390 px each row is a card with its Status on screen', async () => {
    await page.goto(inlet.url + '/#/connections?status=INACTIVE');
    await expect.poll(() => rows().count()).toBe(14);
    await page.setViewportSize({ width: 390, height: 844 });
    const badge = rows().first().locator('td[data-label="Status"] .badge');
    const box = (await badge.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('connections-inactive', 390);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('imports list', () => {
  it('pages, searches and filters with chips; a blocked row keeps Rows on screen at 1280 px and Status at 390 px', async () => {
    await page.goto(inlet.url + '/#/imports');
    await expect.poll(() => rows().count()).toBe(50);
    await page.getByText('1–50 of 70 imports').waitFor();
    expect(await page.getByRole('group', { name: 'Status' }).getByRole('button').allTextContents()).toEqual(['All 70', 'Active 51', 'Paused 18', 'Blocked 1']);
    const blocked = page.locator('tbody tr', { hasText: 'Events with a very long blocked reason' });
    const rowsCell = blocked.locator('td[data-label="Rows"]');
    const box = (await rowsCell.boundingBox())!;
    expect(box.x + box.width, 'the Rows column ends on screen').toBeLessThanOrEqual(1280);
    expect(await rowsCell.textContent()).toMatch(/^69.000$/);
    expect(await blocked.locator('td[data-label="Created"]').textContent()).toMatch(/\d{1,2}:\d\d/);
    await screenshot('imports', 1280);

    await chip('Blocked').click();
    await expect.poll(() => rows().count()).toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    const status = blocked.locator('td[data-label="Status"] .badge');
    const s = (await status.boundingBox())!;
    expect(s.x + s.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('imports-blocked', 390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await chip('All').click();
    await page.getByLabel('Search').fill('PROFILES 6');
    await expect.poll(() => page.locator('tbody td[data-label="Name"]').allTextContents()).toEqual(['Profiles 67', 'Profiles 65', 'Profiles 63', 'Profiles 61']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(() => rows().count()).toBe(20);
  });
});

describe('import wizard, step 1', () => {
  it('lists Active connections only (10 at most), counts the others, and finds one by search', async () => {
    await page.goto(inlet.url + '/#/imports/new');
    const radios = page.getByRole('radio');
    await expect.poll(() => radios.count()).toBe(10);
    await page.getByText('Showing 10 of 28 Active connections').waitFor();
    expect(await page.getByTestId('picker-others').textContent()).toMatch(/42 connections are not Active.*Processing 14, Inactive 14, Deprecated 14/);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await screenshot('wizard-connection', 1280);
    await page.getByLabel('Search Active connections').fill('bucket 0');
    // Active among Bucket 00..08 (even numbers): 0, 6 are ACTIVE (i % 5 in 0, 1).
    await expect.poll(async () => (await radios.count()) > 0 && (await page.locator('.choice-title').allTextContents())).toEqual(['Bucket 00', 'Bucket 06']);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(height);
    await page.getByRole('radio', { name: /Bucket 06/ }).check();
    await screenshot('wizard-connection-search', 390);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Search Active connections').fill('no such connection');
    await page.getByText('No Active connection matches “no such connection”').waitFor();
  });
});

describe('import settings: schedules', () => {
  it('offers hourly, every N hours and cron with the next three run times, names a bad cron, and saves', async () => {
    await page.goto(inlet.url + '/#/imports?q=Profiles%2067');
    await page.getByRole('link', { name: 'Profiles 67' }).click();
    await page.getByRole('heading', { name: /Profiles 67/ }).waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Runs').selectOption('every');
    await dialog.getByLabel('Every').selectOption('4');
    const next = dialog.getByTestId('next-runs');
    await expect.poll(async () => (await next.locator('time').count()) === 3 && (await next.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime'))))).toBeTruthy();
    const times = (await next.locator('time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!))));
    expect(times[1]! - times[0]!).toBe(4 * 3600_000);
    expect(new Date(times[0]!).getUTCHours() % 4).toBe(0);
    await dialog.getByLabel('Runs').selectOption('cron');
    await dialog.getByLabel(/Cron expression/).fill('61 * * * *');
    await next.getByText(/Schedule must be/).waitFor();
    await dialog.getByLabel(/Cron expression/).fill('30 9 * * 1-5');
    await expect.poll(() => next.locator('time').count()).toBe(3);
    expect((await next.locator('time').evaluateAll((ts) => ts.map((t) => new Date(t.getAttribute('datetime')!).toISOString().slice(11, 16))))).toEqual(['09:30', '09:30', '09:30']);
    await screenshot('edit-schedule', 1280);
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByLabel('Runs').selectOption('hourly');
    await dialog.getByLabel('At minute').fill('15');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const { imports } = await inlet.ok(`{ imports(search: "Profiles 67") { edges { node { schedule } } } }`);
    expect(imports.edges[0].node.schedule).toBe('hourly@15');
  });
});
