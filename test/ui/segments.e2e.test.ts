import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { axeFindings, builtClientDir, launchChromium, SHOTS_DIR, signedInPage } from '../helpers/browser.js';
import { CREATE_CONNECTION, s3Input, settled } from '../helpers/fixtures.js';
import { startInlet, type TestInlet } from '../helpers/inlet.js';
import { startS3, type LocalS3 } from '../helpers/s3.js';

/**
 * The Segments pages end to end: the built client served by a real Inlet, a real S3-protocol server with a CSV
 * profile table imported through the API, and Chromium. The builder offers the import's stored columns with only the
 * operators that fit their type, the estimate follows the edits, the segment page lists members, and a schema change
 * that blocks the import shows the STALE banner.
 */

let inlet: TestInlet;
let s3: LocalS3;
let browser: Browser;
let page: Page;
let connectionId: string;
let importId: string;

const USERS = ['user_id,country,age', 'u1,GB,34', 'u2,FR,27', 'u3,GB,45', 'u4,DE,19'].join('\n') + '\n';

beforeAll(async () => {
  s3 = await startS3();
  await s3.createBucket('segui');
  await s3.put('segui', 'p/users/part-0.csv', USERS);
  inlet = await startInlet({ INLET_CLIENT_DIR: builtClientDir() });
  const { createConnection } = await inlet.ok(CREATE_CONNECTION, { input: { ...s3Input(s3, { bucketName: 'segui', schemaPrefix: 'p/', dataFormat: 'CSV', partitioning: 'NO_TABLES' }), name: 'ui' } });
  expect((await settled(inlet, createConnection.id)).status).toBe('ACTIVE');
  connectionId = createConnection.id;
  const { createImport } = await inlet.ok(`mutation($input: CreateImportInput!) { createImport(input: $input) { id } }`, {
    input: { connectionId, name: 'users', table: 'users', type: 'USER_PROFILE', columns: ['country', 'age'], userIdColumn: 'user_id', schedule: 'manual' },
  });
  importId = createImport.id;
  await inlet.ok(`mutation($id: ID!) { runImport(id: $id) { id } }`, { id: importId });
  await inlet.idle();
  browser = await launchChromium();
  page = await signedInPage(browser, inlet.url, inlet.adminKey, { width: 1280, height: 900 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await inlet?.close();
  await s3?.close();
});

const optionsOf = (label: string) => page.getByLabel(label, { exact: true }).first().locator('option').allTextContents();

describe('segments UI', () => {
  it('builds a rule with fitting operators, estimates it live, creates it and lists its members', async () => {
    await page.getByRole('link', { name: 'Segments', exact: true }).click();
    await page.getByText('No segments yet').waitFor();
    await page.getByRole('link', { name: 'Create segment' }).first().click();
    await page.getByLabel('Name').fill('Brits');
    await page.getByLabel('Column', { exact: true }).selectOption('age');
    // INTEGER: comparisons, no text operators.
    await expect.poll(() => optionsOf('Operator')).toContain('greater than');
    expect(await optionsOf('Operator')).not.toContain('contains');
    await page.getByLabel('Column', { exact: true }).selectOption('country');
    await expect.poll(() => optionsOf('Operator')).toContain('contains');
    expect(await optionsOf('Operator')).not.toContain('greater than');
    expect(await optionsOf('Column')).toEqual(['Choose a column', 'user_id (STRING)', 'country (STRING)', 'age (INTEGER)']);
    await page.getByLabel('Operator', { exact: true }).selectOption('EQ');
    await page.getByLabel('Value', { exact: true }).fill('GB');
    await expect.poll(() => page.getByTestId('estimate').textContent()).toMatch(/About 2 users match/);
    await page.getByLabel('Value', { exact: true }).fill('FR');
    await expect.poll(() => page.getByTestId('estimate').textContent()).toMatch(/About 1 users match/);
    await page.getByLabel('Value', { exact: true }).fill('GB');
    await page.getByRole('button', { name: 'Create segment' }).click();
    await page.getByRole('heading', { name: /Brits/ }).waitFor();
    await inlet.idle();
    await expect.poll(async () => (await page.getByTestId('members').textContent()) ?? '', { timeout: 20_000 }).toMatch(/u1.*u3/);
  });

  it('marks every field and every condition the server refuses, and creates nothing', async () => {
    await page.getByRole('link', { name: 'Segments', exact: true }).click();
    await page.getByRole('link', { name: 'Create segment' }).first().click();
    await page.getByLabel('Name').fill('Refused');
    await page.getByLabel('Tags (comma-separated)').fill('x'.repeat(65));
    await page.getByLabel('Column', { exact: true }).selectOption('age');
    await page.getByLabel('Operator', { exact: true }).selectOption('GT');
    await page.getByRole('button', { name: 'Create segment' }).click();
    // The tag and the condition at once, each beside what it is about.
    await expect.poll(() => page.locator('#segment-tags-error').textContent()).toMatch(/64 characters/);
    expect(await page.getByLabel('Tags (comma-separated)').getAttribute('aria-invalid')).toBe('true');
    const condition = page.locator('[data-path="rule.all.0"]');
    expect(await condition.getAttribute('aria-invalid')).toBe('true');
    expect(await condition.locator('.field-error').textContent()).toMatch(/GT takes 1 value/);
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBeNull();
    expect((await inlet.ok(`{ segments { totalCount } }`)).segments.totalCount).toBe(1);
    await page.screenshot({ path: path.join(SHOTS_DIR, 'segment-refused-1280.png'), fullPage: true });
    expect(await axeFindings(page)).toEqual([]);
    // Back to the segment the next test follows.
    await page.getByRole('link', { name: '← Segments' }).click();
    await page.getByRole('link', { name: 'Brits' }).click();
    await page.getByRole('heading', { name: /Brits/ }).waitFor();
  });

  it('shows the STALE banner naming the blocked import', async () => {
    // The source drops the column the segment uses: the import is BLOCKED and the segment STALE.
    await s3.put('segui', 'p/users/part-1.csv', 'user_id,age\nu9,50\n');
    await inlet.ok(`mutation($id: ID!) { refreshConnectionSchema(id: $id) { id } }`, { id: connectionId });
    await inlet.idle();
    await page.reload();
    await expect.poll(async () => (await page.getByRole('alert').allTextContents()).join(' ')).toMatch(/This segment is stale.*import "users" is BLOCKED/);
    await page.getByRole('link', { name: '← Segments' }).click();
    await expect.poll(() => page.locator('tr[data-segment-id]').textContent()).toMatch(/Brits.*Stale/);
  });
});
