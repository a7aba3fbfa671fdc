import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeFindings, builtClientDir, launchChromium, SHOTS_DIR } from '../helpers/browser.js';
import { CREATE_CONNECTION, s3Input, settled } from '../helpers/fixtures.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { startS3, type LocalS3 } from '../helpers/s3.js';

/**
 * Settings > Alerts end to end: the built client (test/ui/build-client.setup.ts), a real server, a loopback webhook
 * receiver and Debian's Chromium. The server disables a channel at its first failed delivery
 * (INLET_ALERT_DISABLE_AFTER=0ms) so the disabled reason can be shown without waiting a day.
 */

let inlet: TestInlet;
let s3: LocalS3;
let browser: Browser;
let page: Page;
let receiver: http.Server;
let hookBase: string;
const answers: Record<string, number> = { '/ok': 200, '/down': 500 };

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answers[req.url ?? ''] ?? 404).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  s3 = await startS3();
  await s3.createBucket('alerts-ui');
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir(), INLET_ALERT_DISABLE_AFTER: '0ms', INLET_ALERT_RETRY_DELAYS_MS: '0' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await inlet?.close();
  await s3?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
});

async function createChannel(name: string, url: string) {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('URL', { exact: true }).fill(url);
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.getByText(`Channel “${name}” created.`).waitFor();
  return (await page.getByTestId('new-channel-secret').textContent())!;
}

it('creates channels (secret shown once, copied), sends a test, shows the delivery log, the disabled reason, and deletes', async () => {
  await page.goto(inlet.url + '/');
  await page.getByLabel('API key').fill(inlet.adminKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.goto(inlet.url + '/#/settings');
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  await page.getByText('No channels yet').waitFor();

  // Every missing field at once, each beside its input.
  await page.getByRole('button', { name: 'Create channel' }).click();
  await page.locator('#channel-url-error').waitFor();
  expect(await page.locator('#channel-name-error').textContent()).toMatch(/Name the channel/);
  expect(await page.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  expect(await axeFindings(page)).toEqual([]);

  // Refused input is shown with the server's words.
  await page.getByLabel('Name', { exact: true }).fill('Bad');
  await page.getByLabel('URL', { exact: true }).fill('ftp://example.com/x');
  await page.getByRole('button', { name: 'Create channel' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/https/);
  expect(await page.locator('#channel-url-error').textContent()).toMatch(/https/);
  expect(await page.locator('#channel-name-error').count()).toBe(0);

  const secret = await createChannel('On-call', `${hookBase}/ok`);
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole('button', { name: 'Copy secret' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  const row = page.locator('tr', { hasText: 'On-call' });
  await row.getByText('Active', { exact: true }).waitFor();

  await row.getByRole('button', { name: 'Send test' }).click();
  await page.getByText('Test delivered to “On-call”.').waitFor();
  await row.getByRole('button', { name: 'Delivery log' }).click();
  await page.getByRole('heading', { name: 'Delivery log: On-call' }).waitFor();
  await page.getByText(/#1: HTTP 200/).waitFor();
  await page.screenshot({ path: path.join(SHOTS_DIR, 'alerts-1280.png'), fullPage: true });

  // A channel whose receiver fails: a real alert (a connection turned INACTIVE) disables it at once on this server.
  await page.getByLabel('Connection inactive').check();
  await createChannel('Broken', `${hookBase}/down`);
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'alerts-ui' }), name: 'UI source' } });
  if ((await settled(inlet, createConnection.id)).status !== 'INACTIVE') await inlet.ok(`mutation($id: ID!) { deactivateConnection(id: $id) { id } }`, { id: createConnection.id });
  await inlet.idle();
  await page.reload();
  const broken = page.locator('tr', { hasText: 'Broken' });
  await broken.getByText('Disabled', { exact: true }).waitFor();
  await page.getByRole('note').getByText(/“Broken” is disabled\..*no delivery succeeded .*HTTP 500/).waitFor();
  await broken.getByRole('button', { name: 'Delivery log' }).click();
  await page.getByText(/#1: HTTP 500/).waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS_DIR, 'alerts-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Delete Broken' }).click();
  await page.getByRole('button', { name: 'Delete channel' }).click();
  await expect.poll(() => page.locator('tr', { hasText: 'Broken' }).count()).toBe(0);
  expect((await inlet.ok(`{ notificationChannels { name } }`)).notificationChannels).toEqual([{ name: 'On-call' }]);
});
