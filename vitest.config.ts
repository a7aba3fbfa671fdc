import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Two projects: everything on SQLite, and the API tests again on PostgreSQL when TEST_DATABASE_URL is set
 * (`.ci/run` sets it). Unit tests (test/unit) need no database and run once.
 */
const projects: (TestProjectInlineConfiguration | string)[] = [
  // Solid component tests in jsdom (their own plugins and environment).
  'test/ui/vitest.solid.config.ts',
  { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: ['test/ui/**'], env: { INLET_TEST_DB: 'sqlite' } } },
  // Browser tests: the admin UI is built once per run by the global setup, then served to each file's own server.
  { extends: true, test: { name: 'ui', include: ['test/ui/**/*.test.ts'], globalSetup: ['test/ui/build-client.setup.ts'], env: { INLET_TEST_DB: 'sqlite' } } },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ extends: true, test: { name: 'postgres', include: ['test/*.test.ts', 'test/security/*.test.ts'], exclude: [], env: { INLET_TEST_DB: 'postgres' } } });
} else if (process.env.CI === 'true') {
  // CI must prove both databases: a missing variable would otherwise pass with half the suite.
  throw new Error('CI=true but TEST_DATABASE_URL is unset: the PostgreSQL tests would not run. Set it (.ci/run does), e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test');
} else if (!process.env.INLET_PG_SKIP_SAID) {
  // Said before vitest's own output (once: vitest loads this file again for each project that extends it), so a
  // green run on SQLite alone is not mistaken for the whole suite.
  process.env.INLET_PG_SKIP_SAID = '1';
  console.warn(
    '\n*** PostgreSQL tests are NOT run: TEST_DATABASE_URL is unset, so only SQLite is tested.\n' +
      '*** To run them too: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test (or .ci/run)\n',
  );
}

export default defineConfig({
  resolve: {
    // type-graphql and our code must share one graphql module, or schemas come "from another realm".
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what the UI or the server will show: 1 s (vitest's default) is too short on a 2-core
    // machine running three test files, a server, s3rver and Chromium at once. A poll that passes returns at once.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on this project's 2-core machines. The tests
    // mostly wait on real servers, databases and browsers, so three files at a time: one worker took the suite to
    // 21 minutes (INLET_TEST_WORKERS overrides).
    maxWorkers: Number(process.env.INLET_TEST_WORKERS ?? 3),
    // s3rver's continuation tokens use a cipher Node 20 keeps behind the legacy provider.
    execArgv: ['--openssl-legacy-provider'],
    projects,
    // In CI a JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
