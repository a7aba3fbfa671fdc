import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtClientDir, captureWidths, launchChromium } from '../helpers/browser.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { S3_KEY, startS3, type LocalS3 } from '../helpers/s3.js';

/**
 * The admin UI end to end: the built client (built once per run, test/ui/build-client.setup.ts), a real Inlet server
 * serving it, a real S3-protocol server (s3rver) and Debian's Chromium driven by playwright-core. Screenshots of each main page at
 * 1280 and 390 px go to test/ui/screenshots/ (git-ignored) for a person to look at.
 */

let inlet: TestInlet;
let s3: LocalS3;
let browser: Browser;
let page: Page;

const USERS_CSV = ['user_id,email,country,age,signed_up', 'u1,a@example.com,GB,34,2025-01-02', 'u2,b@example.com,FR,27,2025-01-03', 'u3,c@example.com,DE,45,2025-01-04'].join('\n') + '\n';
const PURCHASES_CSV = ['user_id,sku,amount,purchased_at', 'u1,sku-1,12.5,2025-01-02T10:00:00Z', 'u2,sku-2,8.0,2025-01-03T11:30:00Z'].join('\n') + '\n';

/** axe-core's critical, serious and moderate findings on every page state screenshotted (asserted empty at the end). */
const findings: string[] = [];
/** Saves a screenshot of the current page at 1280 and 390 px wide, and audits it with axe-core at each width. */
async function screenshot(name: string): Promise<void> {
  findings.push(...(await captureWidths(page, name)));
}

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('audiences');
  await s3.put('audiences', 'data/audiences/users/part-0.csv', USERS_CSV);
  await s3.put('audiences', 'data/audiences/purchases/part-0.csv', PURCHASES_CSV);
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir() });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await inlet?.close();
  await s3?.close();
});

describe('admin UI', () => {
  it('refuses a wrong key with a clear message, then signs in', async () => {
    await page.goto(inlet.url + '/');
    await page.getByLabel('API key').waitFor();
    await screenshot('01-sign-in');
    await page.getByLabel('API key').fill('inlet_not_a_real_key');
    await page.getByLabel('API key').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not recognised/);
    await screenshot('02-sign-in-wrong-key');
    await page.getByLabel('API key').fill(inlet.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('inlet.apiKey'))).toBe(inlet.adminKey);
  });

  it('shows what to do when there are no connections', async () => {
    await page.goto(inlet.url + '/#/connections');
    await page.getByText('No connections yet').waitFor();
    await screenshot('03-connections-empty');
  });

  it('lists the catalog, searches by name and filters by category', async () => {
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    const cards = page.locator('.platform-card');
    await expect.poll(() => cards.count()).toBe(6);
    await screenshot('04-catalog');
    await page.getByLabel('Search').fill('amazon');
    await expect.poll(async () => (await page.locator('.platform-card .card-title').allTextContents()).sort()).toEqual(['Amazon S3', 'Amazon S3 Batch', 'Amazon S3 Streaming']);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Category').selectOption('CLOUD_STORAGE');
    await expect.poll(async () => (await page.locator('.platform-card .card-title').allTextContents()).sort()).toEqual(['Amazon S3', 'Google Cloud Storage']);
    await page.getByLabel('Search').fill('oracle');
    await page.getByText('No platform matches').waitFor();
    await page.getByRole('button', { name: 'Clear search and filter' }).click();
    await expect.poll(() => cards.count()).toBe(6);
  });

  it('creates an S3 connection from the form and watches it turn Active without a reload', async () => {
    await page.getByRole('link', { name: 'Connect Amazon S3', exact: true }).click();
    await page.getByRole('heading', { name: 'Connect Amazon S3', exact: true }).waitFor();

    // Required fields are checked before anything is sent.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('[data-field="$name"] .field-error', { hasText: 'Name is required.' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect--name');
    expect(await page.locator('[data-field="bucketName"] .field-error').textContent()).toMatch(/required/);
    // Every missing field at once, the chosen credentials' included (and only theirs).
    expect(await page.locator('[data-field="credentials.accessKeyId"] .field-error').textContent()).toMatch(/required/);
    expect(await page.locator('[data-field="credentials.secretAccessKey"] .field-error').textContent()).toMatch(/required/);
    expect(await page.getByLabel('Secret access key').getAttribute('type')).toBe('password');

    await page.getByRole('textbox', { name: 'Name (required)', exact: true }).fill('Audiences bucket');
    await page.getByLabel('AWS bucket region').selectOption('eu-west-1');
    await page.getByLabel('AWS bucket name').fill('Not_A_Bucket');
    await page.getByLabel('Bucket schema prefix').fill('data/audiences/');
    // Two-option choices are radios; credentials are one way to sign in (access keys by default); the endpoint is Advanced.
    await page.getByRole('radiogroup', { name: /Data format/ }).getByRole('radio', { name: 'CSV' }).check();
    await page.getByRole('radiogroup', { name: /Data partitioning/ }).getByRole('radio', { name: 'No tables are partitioned' }).check();
    expect(await page.getByRole('radio', { name: 'Access keys' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Role ARN').count()).toBe(0);
    expect(await page.locator('.field-help').allTextContents()).not.toContainEqual(expect.stringMatching(/ALL_TABLES|NO_TABLES/));
    await page.getByLabel('Access key ID').fill(S3_KEY.accessKeyId);
    await page.getByLabel('Secret access key').fill(S3_KEY.secretAccessKey);
    await page.locator('details.advanced summary').click();
    await page.getByLabel('Endpoint (S3-compatible stores)').fill(s3.endpoint);

    // The server names the field; its message lands next to the bucket name.
    await page.getByLabel('Secret access key').press('Enter');
    await expect.poll(() => page.locator('[data-field="bucketName"] .field-error').textContent()).toMatch(/bucket name/i);
    await page.waitForTimeout(600); // past the policy's debounce
    expect(await page.locator('.policy').count()).toBe(0);

    // A valid name brings the bucket policy, with a copy button.
    await page.getByLabel('AWS bucket name').fill('audiences');
    await page.locator('.policy pre').waitFor();
    expect(await page.locator('.policy pre').textContent()).toContain('arn:aws:s3:::audiences');
    await page.getByRole('button', { name: 'Copy policy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await screenshot('05-connect-s3');

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/connections\/[\w-]+$/);
    await page.getByRole('heading', { name: /Audiences bucket/ }).waitFor();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    // Tables are discovered after it turns Active.
    await page.locator('[data-table="users"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-table="users"] summary').click();
    const columns = await page.getByRole('region', { name: 'Columns of users table' }).locator('tbody td.mono:first-child').allTextContents();
    expect(columns).toEqual(['user_id', 'email', 'country', 'age', 'signed_up']);
    expect(await page.getByText('Settings').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(S3_KEY.secretAccessKey + '"');
    await screenshot('06-connection');
  });

  it('updates the connections table live and filters it', async () => {
    await page.getByRole('link', { name: 'Connections', exact: true }).click();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/Audiences bucket.*Amazon S3.*Source.*Active/);

    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 2));
    const created = await inlet.ok(
      `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`,
      {
        input: {
          name: 'Old keys',
          s3: { region: 'us-east-1', bucketName: 'audiences', schemaPrefix: 'data/audiences/', dataFormat: 'CSV', partitioning: 'NO_TABLES', endpoint: s3.endpoint, credentials: { accessKeyId: 'NOSUCHKEY123', secretAccessKey: 'whatever-secret' } },
        },
      },
    );
    const row = page.locator(`tr[data-connection-id="${created.createConnection.id}"]`);
    await row.locator('.badge', { hasText: 'Inactive' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
    await screenshot('07-connections');

    await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /^Inactive/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('status=INACTIVE');
    await page.getByLabel('Platform').selectOption('GCS');
    await page.getByText('No connections match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => rows.count()).toBe(2);
  });

  it('shows the inactive reason, rotates credentials and refuses nothing it should not', async () => {
    await page.getByRole('link', { name: 'Old keys' }).click();
    await page.locator('.notice-danger', { hasText: /access key id/i }).waitFor();
    await page.getByRole('button', { name: 'Rotate credentials' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate credentials' });
    await dialog.getByLabel('Access key ID').fill(S3_KEY.accessKeyId);
    await dialog.getByLabel('Secret access key').fill(S3_KEY.secretAccessKey);
    await screenshot('08-rotate-credentials');
    await dialog.getByRole('button', { name: 'Save and validate' }).click();
    await page.locator('.page-header .badge', { hasText: 'Active' }).waitFor({ timeout: 30_000 });
    await page.locator('.timeline li').nth(3).waitFor();
  });

  it('deletes a connection after confirming', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete connection' });
    await dialog.getByText(/cannot be undone/).waitFor();
    await dialog.getByRole('button', { name: 'Delete connection' }).click();
    await page.waitForURL(/#\/connections$/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
  });

  it('creates an import with the wizard, runs it and shows the rows', async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByText('No imports yet').waitFor();
    await screenshot('09-imports-empty');
    await page.getByRole('link', { name: 'Create import' }).first().click();

    // 1. connection: Enter on a chosen radio goes on.
    await page.getByRole('radio', { name: /Audiences bucket/ }).check();
    await page.getByRole('radio', { name: /Audiences bucket/ }).press('Enter');
    // 2. table
    await page.getByRole('radio', { name: /users/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // 3. import type
    await page.getByRole('radio', { name: /User profile data/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // 4. mappings and columns, with their types; the wizard says what is missing.
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('User id column is required.').waitFor();
    // The attribute rule and its words come from the server's import-type definition.
    await page.getByText(/Select at least one attribute column besides the user id/).waitFor();
    expect(await page.locator('.columns-list li', { hasText: 'age' }).textContent()).toContain('INTEGER');
    await page.getByLabel(/User id column/).selectOption('user_id');
    await page.getByRole('checkbox', { name: /^email/ }).check();
    await page.getByRole('checkbox', { name: /^country/ }).check();
    await page.getByRole('checkbox', { name: /^age/ }).check();
    await screenshot('10-create-import-columns');
    await page.getByRole('button', { name: 'Next' }).click();
    // 5. name and schedule
    await page.getByRole('textbox', { name: 'Name (required)', exact: true }).fill('Users profile');
    await page.getByRole('radio', { name: 'Manual only' }).check();
    await screenshot('11-create-import-schedule');
    await page.getByRole('button', { name: 'Create import' }).click();
    await page.waitForURL(/#\/imports\/[\w-]+$/);
    await page.getByRole('heading', { name: /Users profile/ }).waitFor();
    await page.getByText('No runs yet').waitFor();

    await page.getByRole('button', { name: 'Run now' }).click();
    const run = page.locator('tr[data-run-status="SUCCEEDED"]');
    await run.waitFor({ timeout: 30_000 });
    expect(await run.locator('[data-cell="imported"]').textContent()).toBe('3');
    await expect.poll(() => page.locator('[data-stat="rows"]').textContent()).toBe('3');
    await expect.poll(() => page.locator('.preview-table tbody tr').count()).toBe(3);
    expect(await page.locator('.chart-bar').count()).toBe(1);
    await screenshot('12-import');

    // A re-sync, confirmed first: a second run in the history, marked as such, and the same rows.
    await page.getByRole('button', { name: 'Re-sync' }).click();
    await page.getByRole('dialog', { name: 'Re-sync import' }).getByRole('button', { name: 'Re-sync' }).click();
    await expect.poll(() => run.count(), { timeout: 30_000 }).toBe(2);
    expect(await run.first().textContent()).toMatch(/Resync/);
    await expect.poll(() => page.locator('[data-stat="rows"]').textContent()).toBe('3');

    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    const row = page.locator('tbody tr', { hasText: 'Users profile' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Audiences bucket.*users.*User profile data.*Active.*Succeeded.*Manual only.*3/);
    await screenshot('13-imports');
  });

  it('shows the server’s answer beside the field it names, on the step that owns it', async () => {
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    await page.getByRole('link', { name: 'Create import' }).first().click();
    await page.getByRole('radio', { name: /Audiences bucket/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /users/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    // The types and their fields are the server's definitions.
    await page.getByRole('radio', { name: /Identity graph data/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel(/User id column/).selectOption('user_id');
    // Only the server knows one column cannot hold two roles: the wizard lets this through to step 5.
    await page.getByLabel(/Identifier column/).selectOption('user_id');
    await page.getByRole('textbox', { name: /Identifier type/ }).fill('crm_id');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: 'Name (required)', exact: true }).fill('Users identity');
    await page.getByRole('button', { name: 'Create import' }).click();
    // Back on step 4, the message beside the Identifier column select, which has the focus.
    await page.getByRole('heading', { name: 'Map columns' }).waitFor();
    const select = page.getByLabel(/Identifier column/);
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await select.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${describedBy[1]}"]`).textContent()).toBe('Column "user_id" is already the user id column');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-error-for'))).toBe('identifierColumn');
    await screenshot('10b-create-import-server-error');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(/#\/imports$/);
  });

  it('shows a new column as a schema change and accepts it', async () => {
    await s3.put('audiences', 'data/audiences/users/part-1.csv', 'user_id,email,country,age,signed_up,tier\nu4,d@example.com,ES,51,2025-01-05,gold\n');
    await page.getByRole('link', { name: 'Audiences bucket' }).first().click();
    await page.getByRole('button', { name: 'Refresh schema' }).click();
    await page.locator('[data-table="users"]', { hasText: '6 columns' }).waitFor({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Users profile' }).click();
    const change = page.locator('[data-change-column="tier"]');
    await change.waitFor({ timeout: 30_000 });
    expect(await change.textContent()).toMatch(/Column added.*STRING.*Supported/);
    await screenshot('14-schema-change');
    await change.getByRole('button', { name: 'Accept tier' }).click();
    await expect.poll(() => page.locator('[data-change-column="tier"]').count()).toBe(0);
    await page.locator('.detail-side', { hasText: 'tier' }).waitFor();

    await page.getByRole('button', { name: 'Run now' }).click();
    await expect.poll(() => page.locator('tr[data-run-status="SUCCEEDED"]').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-stat="rows"]').textContent()).toBe('4');
    await expect.poll(() => page.locator('.preview-table thead').textContent()).toContain('tier');
  });

  it('says a connection that imports use cannot be deleted yet, naming them, with no button that can only fail', async () => {
    await page.getByRole('link', { name: 'Audiences bucket' }).first().click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Can’t delete this connection yet' });
    await dialog.getByText(/This import reads from it/).waitFor();
    expect(await dialog.getByRole('link').allTextContents()).toEqual(['Users profile']);
    expect(await dialog.getByRole('button', { name: /Delete/ }).count()).toBe(0);
    await screenshot('15-delete-refused');
    await dialog.locator('.form-actions').getByRole('button', { name: 'Close' }).click();
  });

  it('creates workspaces and API keys, shows a key once, and revokes it so that it stops working at once', async () => {
    const viewer = async (key: string) => {
      const res = await fetch(`${inlet.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ viewer { workspace { name } } }' }) });
      const body = await res.json();
      return body.data?.viewer.workspace.name ?? body.errors?.[0]?.extensions?.code;
    };
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    // The session's own key is listed but cannot be revoked from this session.
    const own = page.locator('tbody tr', { hasText: 'This session’s key' });
    await own.waitFor();
    expect(await own.getByRole('button').count()).toBe(0);

    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Name the key/);
    await page.getByLabel('New key name').fill('Nightly export');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!;
    expect(key).toMatch(/^inlet_/);
    expect(await viewer(key)).toBe('Default');
    await page.locator('tbody tr', { hasText: 'Nightly export' }).getByText('Active').waitFor();

    // A workspace of its own for another team, and its first key.
    await page.getByLabel('New workspace name').fill('Marketing');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByText('Workspace “Marketing” created').waitFor();
    await page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Marketing' });
    await page.getByLabel('New key name').fill('Marketing lead');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByText('Key “Marketing lead” for Marketing').waitFor();
    expect(await viewer((await page.getByTestId('new-api-key').textContent())!)).toBe('Marketing');
    // The keys listed are the picked workspace's: Marketing's now, Default's again when it is picked back.
    const keyNames = () => page.getByRole('region', { name: /^API keys of/ }).locator('tbody td.cell-strong').allTextContents();
    await expect.poll(keyNames).toEqual(['Marketing lead']);
    await page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Default' });
    await expect.poll(keyNames).toEqual(['admin Admin', 'Nightly export']);
    // The admin sees where to point monitoring, and each link answers.
    const monitoring = page.getByRole('region', { name: 'Monitoring' });
    for (const path of ['/metrics', '/healthz', '/readyz']) {
      const link = monitoring.getByRole('link', { name: inlet.url + path });
      expect(await link.getAttribute('href')).toBe(path);
      expect((await page.request.get(inlet.url + path)).status(), path).toBe(200);
    }
    expect(await monitoring.getByLabel('Prometheus scrape job').textContent()).toContain(`targets: ['${new URL(inlet.url).host}']`);
    await screenshot('16-settings');
    // On a phone each key is a card: the revoke button is on screen, and the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const revoke = (await page.getByRole('button', { name: 'Revoke Nightly export' }).boundingBox())!;
    expect(revoke.x + revoke.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key' });
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await page.locator('tbody tr', { hasText: 'Nightly export' }).getByText('Revoked').waitFor();
    expect(await viewer(key)).toBe('UNAUTHENTICATED');
  });

  it('shows event types sent with an events key, with their counts, live, and toggles enforcement', async () => {
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.getByRole('heading', { name: 'Event types' }).waitFor();
    await page.getByText('No events yet').first().waitFor();
    expect(await page.getByTestId('curl').textContent()).toContain(`${inlet.url}/v1/events`);
    await screenshot('17-events-empty');

    // The page's link opens Settings with the events scope chosen.
    await page.getByRole('link', { name: 'Create an events key' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    expect(await page.getByLabel(/Events only/).isChecked()).toBe(true);
    await page.getByLabel('New key name').fill('Website events');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent())!;
    await page.locator('tbody tr', { hasText: 'Website events' }).getByText('Events only').waitFor();
    const refused = await fetch(`${inlet.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ viewer { isAdmin } }' }) });
    expect((await refused.json()).errors[0].extensions.code).toBe('FORBIDDEN');

    const sendEvents = async (events: object[]) => {
      const res = await fetch(`${inlet.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(events) });
      expect(res.status).toBe(200);
      return res.json();
    };
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await page.getByRole('heading', { name: 'Live events' }).waitFor();
    await page.getByText('No events yet').first().waitFor();
    // Sent while the page is open: it shows them when eventsIngested arrives, without a reload.
    const checkout = (user: string) => ({ type: 'Checkout', user_id: user, properties: { amount: 12.5, currency: 'EUR' } });
    expect((await sendEvents([checkout('u1'), checkout('u2'), checkout('u1'), { type: 'Pageview', user_id: 'u3', properties: { url: 'https://example.com/' } }])).accepted).toBe(4);
    const row = page.locator('tr[data-event-type="Checkout"]');
    await row.waitFor();
    expect(await row.locator('td[data-label="Last hour"]').textContent()).toBe('3');
    expect(await row.locator('td[data-label="Last 24 h"]').textContent()).toBe('3');
    // The sparkline of the last 24 hours, read out as words.
    expect(await row.getByRole('img').getAttribute('aria-label')).toMatch(/^Checkout per hour over the last 24 hours: at most 3 .*, 3 this hour$/);
    await page.locator('.event-row', { hasText: 'u3' }).waitFor();
    expect(await page.locator('.event-row').count()).toBe(4);

    // Filter the live view by user.
    await page.getByLabel('User id').fill('u1');
    await expect.poll(() => page.locator('.event-row').count()).toBe(2);
    await page.getByLabel('User id').fill('nobody');
    await page.getByText('No events match').waitFor();
    await screenshot('18-events-no-match');
    await page.getByLabel('User id').fill('');
    await expect.poll(() => page.locator('.event-row').count()).toBe(4);

    // Paused: what arrives is counted, not shown, until Resume.
    await page.getByRole('button', { name: 'Pause' }).click();
    await sendEvents([{ type: 'Pageview', user_id: 'u5' }]);
    await page.getByRole('status').filter({ hasText: 'Paused · 1 new event not shown' }).waitFor();
    expect(await page.locator('.event-row').count()).toBe(4);
    await screenshot('18-events-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.locator('.event-row').count()).toBe(5);

    await page.getByRole('switch', { name: 'Enforce the schema of Checkout' }).check();
    await row.getByText('Enforced', { exact: true }).waitFor();
    // Enforced on the server: an unknown property is refused, naming its path.
    expect((await sendEvents([{ type: 'Checkout', user_id: 'u4', properties: { coupon: 'X' } }])).rejected[0]?.field).toBe('properties.coupon');
    await screenshot('18-events');
  });

  it('shows the audit log with filters by action and key, a page at a time', async () => {
    // Enough entries for a second page (50 a page): refused pauses of an import that does not exist.
    for (let i = 0; i < 55; i++) await inlet.gql(`mutation { pauseImport(id: "00000000-0000-0000-0000-${String(i).padStart(12, '0')}") { id } }`);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const rows = page.getByRole('region', { name: 'Audit log' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => rows.first().textContent()).toMatch(/pauseImport.*NOT_FOUND/);
    await screenshot('19-audit');
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'page 2' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Newer' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'page 1' }).count()).toBe(1);
    // By action: the key revoked on the settings page, with the outcome and the key that did it.
    await page.getByLabel('Action').fill('revokeApiKey');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/revokeApiKey.*OK/);
    // The filter is in the address (hash routing), so a reload or a shared link keeps it.
    expect(new URL(page.url()).hash).toBe('#/settings/audit?action=revokeApiKey');
    // By key: nothing was done with the revoked key itself.
    await page.getByLabel('Action').fill('');
    await page.getByLabel('Key').selectOption({ label: 'Nightly export (revoked)' });
    await page.getByText('No entries match').waitFor();
  });

  it('has no critical, serious or moderate axe-core findings on any page state above', () => {
    expect(findings).toEqual([]);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('inlet.apiKey'))).toBeNull();
  });
});
