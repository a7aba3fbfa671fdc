import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtClientDir, launchChromium, SHOTS_DIR } from '../helpers/browser.js';
import { ApiKeyScope } from '../../server/workspaces/workspace.entity.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

/**
 * The destination pages end to end: the built client, a real Inlet server, s3rver and Chromium. Connect an
 * Amazon S3 Streaming destination from the catalog's form, watch events be delivered on its page (deliveries, lag,
 * the rows-per-hour chart), pause and resume it, and filter the Connections page by type.
 */

let inlet: TestInlet;
let s3: LocalS3;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('exports');
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir(), INLET_STREAM_FLUSH_SECONDS: '1', INLET_WORKER_ID: 'ui' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await inlet?.close();
  await s3?.close();
});

it('connects an S3 Streaming destination, shows its deliveries and lag, pauses and resumes it', async () => {
  await page.goto(inlet.url + '/');
  await page.getByLabel('API key').fill(inlet.adminKey);
  await page.getByLabel('API key').press('Enter');
  await page.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page.getByLabel('Category').selectOption('ROUTING');
  await expect.poll(async () => (await page.locator('.platform-card .card-title').allTextContents()).sort()).toEqual(['Amazon S3 Batch', 'Amazon S3 Streaming']);
  await page.getByRole('link', { name: 'Connect Amazon S3 Streaming' }).click();
  await page.getByRole('heading', { name: 'Connect Amazon S3 Streaming' }).waitFor();
  await page.getByRole('textbox', { name: 'Name (required)', exact: true }).fill('Event export');
  await page.getByLabel('AWS bucket region').selectOption('us-east-1');
  await page.getByLabel('AWS bucket name').fill('exports');
  await page.getByLabel('Prefix').fill('/inlet/');
  await page.getByLabel('Access key ID').fill(S3_KEY.accessKeyId);
  await page.getByLabel('Secret access key').fill(S3_KEY.secretAccessKey);
  await page.locator('details.advanced summary').click();
  await page.getByLabel('Endpoint (S3-compatible stores)').fill(s3.endpoint);
  // The destination policy follows the bucket name.
  await page.locator('.policy pre').waitFor();
  expect(await page.locator('.policy pre').textContent()).toContain('s3:PutObject');
  // The server names the prefix; its message lands next to it.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('[data-field="prefix"] .field-error').textContent()).toMatch(/leading slash|must not start/);
  await page.getByLabel('Prefix').fill('inlet/');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/#\/connections\/[\w-]+$/);
  await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
  await page.getByText('No files written yet').waitFor();

  const ws = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  await inlet.server.services.ingest.ingest({ workspaceId: ws, keyId: 'ui', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, Array.from({ length: 25 }, () => ({ event_id: randomUUID(), type: 'Click', user_id: 'u-1' })));
  const rows = page.locator('tr[data-delivery-id]');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).toMatch(/events.*-ui\.jsonl\.gz.*25.*Delivered/);
  await page.locator('.chart svg').waitFor();
  await expect.poll(() => page.getByText('Caught up').count()).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'routing-destination-1280.png'), fullPage: true });

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('.badge', { hasText: 'Paused' }).waitFor();
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.locator('.badge', { hasText: 'Delivering' }).waitFor();

  await page.getByRole('link', { name: 'Connections', exact: true }).click();
  await page.getByLabel('Type').selectOption('DESTINATION');
  await expect.poll(async () => (await page.locator('tbody tr').allTextContents()).join('|')).toMatch(/Event export.*Amazon S3 Streaming.*Destination.*Active/);
  await page.getByLabel('Type').selectOption('SOURCE');
  await page.getByText('No connections match these filters').waitFor();
}, 120_000);

it('exports a day of an S3 Batch destination from its page and follows the export live; refusals show by the field', async () => {
  const { createConnection } = await inlet.ok(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: { name: 'Daily export', s3Batch: { region: 'us-east-1', bucketName: 'exports', prefix: 'daily/', endpoint: s3.endpoint, format: 'JSON_GZIP', credentials: { ...S3_KEY } } },
  });
  const id: string = createConnection.id;
  const ws = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
  await inlet.server.services.ingest.ingest({ workspaceId: ws, keyId: 'ui', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, Array.from({ length: 7 }, () => ({ event_id: randomUUID(), type: 'Signup', user_id: 'u-2' })));
  await page.goto(`${inlet.url}/#/connections/${id}`);
  // Signed in already when the test above ran in this page; not when this one runs alone.
  const keyField = page.getByLabel('API key');
  await keyField.or(page.getByRole('heading', { name: 'Daily export' })).first().waitFor();
  if (await keyField.count()) {
    await keyField.fill(inlet.adminKey);
    await keyField.press('Enter');
  }
  await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 30_000 });
  const field = page.getByLabel('Export day (UTC)');
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  expect(await field.inputValue()).toBe(day(-1));

  // A future day: the server's reason, next to the field.
  await field.fill(day(2));
  await page.getByRole('button', { name: 'Export day' }).click();
  await expect.poll(() => page.locator('.export-day .field-error').textContent()).toContain('is in the future');

  // Today (the events just sent): queued, then delivered with its rows, live.
  await field.fill(day(0));
  await page.getByRole('button', { name: 'Export day' }).click();
  const status = page.locator('.export-status');
  await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(new RegExp(`${day(0)}: Delivered\\s*[1-9][\\d,]* rows`));
  expect(await page.locator('.export-day .field-error').count()).toBe(0);
  await page.screenshot({ path: path.join(SHOTS_DIR, 'routing-export-day-1280.png'), fullPage: true });

  // A destination that is not ACTIVE: CONFLICT, by the field.
  await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id });
  await page.getByRole('button', { name: 'Export day' }).click();
  await expect.poll(() => page.locator('.export-day .field-error').textContent()).toMatch(/is INACTIVE.*reconnect it/);
}, 120_000);
