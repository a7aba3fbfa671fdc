/**
 * Free memory inside malloc's arenas goes back to the system (server/memory.ts, native/malloc-trim). A child Node
 * process allocates 6,000 blocks of 16 KB through malloc, keeps one in 16 (so the freed ones lie between live ones,
 * where glibc's free() never returns them), collects, and trims: its RSS must fall by most of what was freed. The
 * same script with a trim that does nothing keeps its RSS, which shows the drop is the trim's. And the server's own
 * module must find the addon: `npm install` builds it, and without it the server keeps what glibc keeps. The job engine
 * (a real one, on SQLite) trims when a job ends; calls closer than a second apart trim once, and a trim follows 15 s
 * after the last call (the clock and timers are vitest's fake ones there; the trims themselves are real).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/data-source.js';
import { JobEngine } from '../../server/jobs/engine.js';
import { canReleaseFreeMemory, memoryReleases, releaseFreeMemory } from '../../server/memory.js';

const SCRIPT = `
const { readFileSync } = require('node:fs');
const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const trim = process.argv[1] === 'noop' ? async () => false : require('inlet-malloc-trim').trim;
(async () => {
  const keep = [];
  let all = [];
  for (let i = 0; i < 6000; i++) {
    const block = Buffer.allocUnsafeSlow(16 * 1024);
    block.fill(1);
    all.push(block);
    if (i % 16 === 0) keep.push(block);
  }
  all = null;
  global.gc();
  global.gc();
  await new Promise((resolve) => setImmediate(resolve));
  const before = rss();
  const released = await trim();
  console.log(JSON.stringify({ before, after: rss(), released, kept: keep.length }));
})();
`;

function run(mode: 'trim' | 'noop'): { before: number; after: number; released: boolean } {
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', SCRIPT, mode], { cwd: process.cwd(), encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

describe('free memory inside malloc arenas', () => {
  it('the server finds the addon npm install built', () => {
    expect(canReleaseFreeMemory()).toBe(true);
  });

  it('a trim gives most of the freed 88 MB back; without it they stay resident', () => {
    const trimmed = run('trim');
    const kept = run('noop');
    expect(trimmed.released).toBe(true);
    // About 88 MB were freed between live blocks: at least half must leave RSS.
    expect(trimmed.before - trimmed.after).toBeGreaterThan(44);
    expect(kept.before - kept.after).toBeLessThan(10);
  });
});

describe('when the server trims', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the job engine trims when a job ends', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inlet-trim-'));
    const db = await openDatabase(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', INLET_SCHEDULER: 'false' }));
    const engine = new JobEngine(db, { concurrency: 1, staleMs: 30_000, retryDelaysMs: [10], singleProcess: true });
    try {
      engine.register({ name: 'noop', run: async () => undefined, retryable: () => false, describe: String });
      await engine.start();
      const before = memoryReleases();
      await engine.enqueue('noop', 'one', {});
      await engine.idle();
      await vi.waitUntil(() => memoryReleases() > before);
      // The engine does not wait for its trim; let it finish so that the next test starts with none running.
      await releaseFreeMemory();
    } finally {
      await engine.stop();
      await db.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('calls within a second trim once, and the last call is followed by one more trim 15 s later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    const first = memoryReleases();
    await releaseFreeMemory();
    expect(memoryReleases()).toBe(first + 1);
    vi.advanceTimersByTime(500);
    await releaseFreeMemory();
    expect(memoryReleases()).toBe(first + 1);
    vi.advanceTimersByTime(14_000);
    expect(memoryReleases()).toBe(first + 1);
    // 15 s after the last call (not the first): its trim.
    vi.advanceTimersByTime(1_000);
    expect(memoryReleases()).toBe(first + 2);
  });
});
