import net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, builtClientDir, launchChromium, SHOTS_DIR } from '../helpers/browser.js';
import { eventually, startInlet, type TestInlet } from '../helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

/**
 * The admin UI's hard states in Chromium (issue 19): an unreachable API and a revoked key, a failed run, a blocked
 * import, a connection that cannot be deleted yet, one deactivated on purpose, one whose endpoint never answers, and
 * the navigation's "needs attention" count. The state is made through the public API (a real Inlet, a real
 * S3-protocol server); each page state is screenshotted at 1280 and 390 px into test/ui/screenshots/ (git-ignored)
 * and audited with axe-core (zero serious or moderate findings).
 */


let inlet: TestInlet;
let s3: LocalS3;
let browser: Browser;
let page: Page;
let connectionId: string;
/** A TCP server that accepts connections and never answers: an endpoint that hangs. */
let silent: net.Server;
const held: net.Socket[] = [];

const USERS_CSV = ['user_id,email,country', 'u1,a@example.com,GB', 'u2,b@example.com,FR'].join('\n') + '\n';
// Three rows without a user id out of four: above any threshold, so the run fails and publishes nothing.
const BAD_CSV = ['user_id,email,country', ',x@example.com,GB', ',y@example.com,FR', ',z@example.com,DE', 'u9,w@example.com,ES'].join('\n') + '\n';
const WIDE_CSV = ['user_id,a,b', 'u1,1,x', 'u2,2,y'].join('\n') + '\n';

/** Saves a screenshot at 1280 and 390 px, and audits the page with axe-core at each width. */
async function capture(name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, `states-${name}-${width}.png`), fullPage: true });
    expect(await axeFindings(page), `axe findings on ${name} at ${width} px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function signInAs(key: string): Promise<void> {
  await page.goto(inlet.url + '/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function createConnection(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await inlet.ok(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
    input: {
      name,
      s3: { region: 'us-east-1', bucketName: 'uibucket', schemaPrefix: 'data/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { ...S3_KEY }, ...extra },
    },
  });
  return res.createConnection.id;
}

async function createImport(name: string, table: string, columns: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name, table, type: 'USER_PROFILE', columns, userIdColumn: 'user_id', schedule: 'manual', ...extra },
  });
  return res.createImport.id;
}

async function refreshSchema(): Promise<void> {
  await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
  await inlet.idle();
}

const marker = (value: number) => page.evaluate((v) => ((window as unknown as { marker: number }).marker = v), value);
const markerOf = () => page.evaluate(() => (window as unknown as { marker?: number }).marker);

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('uibucket');
  await s3.put('uibucket', 'data/users/part-0.csv', USERS_CSV);
  await s3.put('uibucket', 'data/bad/part-0.csv', BAD_CSV);
  await s3.put('uibucket', 'data/wide/part-0.csv', WIDE_CSV);
  silent = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir() });
  connectionId = await createConnection('Bucket');
  await inlet.idle();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // The hanging endpoint refuses from now on, so the validation still waiting on it ends before the server closes.
  silent?.close();
  for (const socket of held) socket.destroy();
  await inlet?.close();
  await s3?.close();
});

describe('admin UI: hard states', () => {
  it('keeps the session through a network blip, saying the API is unreachable, and signs out at once when the key is revoked', async () => {
    const created = await inlet.ok(`mutation($ws: ID!) { createApiKey(workspaceId: $ws, name: "Blip") { key apiKey { id } } }`, {
      ws: (await inlet.ok(`{ viewer { workspace { id } } }`)).viewer.workspace.id,
    });
    await signInAs(created.createApiKey.key);
    await page.getByRole('link', { name: 'Connections', exact: true }).click();
    await page.locator('tbody tr').first().waitFor();

    // The API goes away: a reload keeps the key and says why nothing loads; it comes back without signing in again.
    await page.route(/\/(graphql|healthz)$/, (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.getByText('Inlet can’t be reached.').waitFor();
    await capture('unreachable');
    expect(await page.evaluate(() => sessionStorage.getItem('inlet.apiKey'))).toBe(created.createApiKey.key);
    await page.unroute(/\/(graphql|healthz)$/);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.locator('tbody tr').first().waitFor();

    // A blip while signed in: a notice, no sign-out, and the page loads once the API answers.
    await page.route(/\/(graphql|healthz)$/, (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByText('Inlet can’t be reached.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    await page.unroute(/\/(graphql|healthz)$/);
    await expect.poll(() => page.getByText('Inlet can’t be reached.').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('link', { name: 'Connections', exact: true }).click();
    await page.locator('tbody tr').first().waitFor();

    // Revoked elsewhere: the open subscription's close code (4403) signs out now, with no click. HTTP requests to the
    // API are cut meanwhile, so the sign-out can only come from the socket (page.route does not touch WebSockets).
    await page.route(/\/graphql$/, (route) => route.abort('internetdisconnected'));
    await inlet.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: created.createApiKey.apiKey.id });
    await page.getByLabel('API key').waitFor();
    await page.getByText(/no longer valid/).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('inlet.apiKey'))).toBeNull();
    await page.unroute(/\/graphql$/);
    await capture('signed-out-revoked');
  });

  it('shows a failed run as failed: a banner with the reason and the rejected rows by reason, rows read not imported, Run again', async () => {
    await signInAs(inlet.adminKey);
    const id = await createImport('Bad rows', 'bad', ['user_id', 'email', 'country'], { rejectThreshold: 0.1 });
    await page.goto(`${inlet.url}/#/imports/${id}`);
    await page.getByRole('button', { name: 'Run now' }).click();
    const banner = page.locator('.failure-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.getByTestId('failure-reason').textContent()).toMatch(/3 of 4 rows were rejected.*nothing from this run was published/);
    await expect.poll(() => banner.locator('[data-reject-reason]').count()).toBe(1);
    expect(await banner.locator('[data-reject-reason] .reject-count').textContent()).toBe('3');
    const run = page.locator('tr[data-run-status="FAILED"]');
    expect(await run.locator('[data-cell="read"]').textContent()).toBe('4');
    expect(await run.locator('[data-cell="imported"]').textContent()).toBe('None');
    // The import's badge is not green after a failure.
    expect(await page.locator('.page-header .badge').first().textContent()).toBe('Failing');
    // The navigation counts it as needing attention, live.
    await expect.poll(() => page.getByTestId('attention-count').textContent()).toBe('1');
    await capture('import-failed');

    await banner.getByRole('button', { name: 'Run again' }).click();
    await expect.poll(() => page.locator('tr[data-run-status="FAILED"]').count(), { timeout: 30_000 }).toBe(2);
  });

  it('makes a blocked import actionable and follows it live until the source is reverted', async () => {
    const id = await createImport('Wide', 'wide', ['user_id', 'a', 'b']);
    await s3.put('uibucket', 'data/wide/part-1.csv', 'user_id,a\nu3,3\n');
    await refreshSchema();
    await page.goto(`${inlet.url}/#/imports/${id}`);
    await page.getByRole('heading', { name: 'Blocked: the table’s schema changed at the source' }).waitFor();
    const runNow = page.getByRole('button', { name: 'Run now' });
    expect(await runNow.isDisabled()).toBe(true);
    const why = await runNow.getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).textContent()).toMatch(/unavailable while a schema change blocks/);
    expect(await page.locator(`#${why}`).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Pause' }).getAttribute('aria-describedby')).toBe(why);
    const newImport = page.getByRole('link', { name: 'New import for the new schema' });
    expect(await newImport.getAttribute('href')).toBe(`#/imports/new?connection=${connectionId}&table=wide`);
    // Needs attention: the failing import, this blocked one and its pending change; the menu says which.
    await expect.poll(() => page.getByTestId('attention-count').textContent()).toBe('3');
    await page.getByTestId('attention').locator('summary').click();
    expect(await page.locator('.attention-menu a').allTextContents()).toEqual(['1 schema change to review', '1 blocked import', '1 import whose last run failed']);
    await capture('import-blocked');
    await page.getByTestId('attention').locator('summary').click();

    // Reverted at the source: the page turns Active through importStatusChanged, without a reload.
    await marker(6);
    await s3.remove('uibucket', 'data/wide/part-1.csv');
    await refreshSchema();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: /Blocked/ }).count()).toBe(0);
    expect(await runNow.isDisabled()).toBe(false);
    expect(await markerOf()).toBe(6);
    await expect.poll(() => page.getByTestId('attention-count').textContent()).toBe('1');
    expect(await newImport.count()).toBe(0);
  });

  it('says a connection in use cannot be deleted yet, linking the imports, with no Delete button', async () => {
    await page.goto(`${inlet.url}/#/connections/${connectionId}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Can’t delete this connection yet' });
    await dialog.waitFor();
    expect(await dialog.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Bad rows', 'Wide']));
    expect(await dialog.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    await capture('delete-blocked');
    await dialog.getByRole('link', { name: 'Wide' }).click();
    await page.waitForURL(/#\/imports\/[\w-]+$/);
    await page.getByRole('heading', { name: /Wide/ }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('shows its own deactivation as a neutral notice with Validate again', async () => {
    await page.goto(`${inlet.url}/#/connections/${connectionId}`);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate connection' }).getByRole('button', { name: 'Deactivate' }).click();
    const notice = page.locator('.notice', { hasText: 'Deactivated.' });
    await notice.waitFor();
    expect(await notice.getAttribute('class')).toContain('notice-neutral');
    expect(await page.locator('.notice-danger').count()).toBe(0);
    await capture('connection-deactivated');
    await notice.getByRole('button', { name: 'Validate again' }).click();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 30_000 });
  });

  it('counts the time a connection has been validating, says when Inlet gives up, and lets Deactivate stop it', async () => {
    const address = silent.address() as net.AddressInfo;
    const id = await createConnection('Hangs', { endpoint: `http://127.0.0.1:${address.port}` });
    await page.goto(`${inlet.url}/#/connections/${id}`);
    const elapsed = page.getByTestId('validating-elapsed');
    await elapsed.waitFor();
    expect(await page.locator('.notice', { hasText: 'Validating access' }).textContent()).toMatch(/gives up after 120 s/);
    const first = await elapsed.textContent();
    await expect.poll(() => elapsed.textContent(), { timeout: 5000 }).not.toBe(first);
    await capture('connection-processing');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('dialog', { name: 'Deactivate connection' }).getByRole('button', { name: 'Deactivate' }).click();
    await page.locator('.page-header .badge', { hasText: 'Inactive' }).waitFor();
    await eventually(async () => (await inlet.ok(`query($id: ID!) { connection(id: $id) { status } }`, { id })).connection.status === 'INACTIVE');
  });
});
