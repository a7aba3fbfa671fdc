import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type {} from '../ui/build-client.setup.js';

/**
 * What every browser test shares: the admin UI built once per run (test/ui/build-client.setup.ts), Debian's Chromium
 * driven by playwright-core, screenshots into test/ui/screenshots/ (git-ignored) for a person to look at, and an
 * axe-core audit of a page state.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS_DIR = path.join(root, 'test/ui/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let axeSource: string | undefined;

/** The folder holding the admin UI built for this test run (serve it with `INLET_CLIENT_DIR`). */
export function builtClientDir(): string {
  return inject('clientDir');
}

/** Headless Chromium with the flags this machine needs (no background networking: the network is closed). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** axe-core's critical, serious and moderate findings on the page as it is now: "impact rule: first targets". */
export async function axeFindings(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => ['critical', 'serious', 'moderate'].includes(v.impact)).map((v) => `${v.impact} ${v.id}: ${v.targets.join(' | ')}`);
}

/**
 * Screenshots the page at 1280 and 390 px wide (`{name}-{width}.png`, full page) and answers axe's findings at each
 * width, each prefixed with `name@width`.
 */
export async function captureWidths(page: Page, name: string, widths: readonly number[] = [1280, 390]): Promise<string[]> {
  const findings: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: width >= 1000 ? 800 : 844 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS_DIR, `${name}-${width}.png`), fullPage: true });
    for (const finding of await axeFindings(page)) findings.push(`${name}@${width}: ${finding}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return findings;
}

/** A new page (page errors logged) signed in to the admin UI at `url` with `key`, on the connections page. */
export async function signedInPage(browser: Browser, url: string, key: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(url + '/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}
