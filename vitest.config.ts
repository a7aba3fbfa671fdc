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
  { extends: true, test: { name: 'ui', include: ['test/ui/**/*.test.ts'], env: { INLET_TEST_DB: 'sqlite' } } },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({ extends: true, test: { name: 'postgres', include: ['test/*.test.ts', 'test/security/*.test.ts'], exclude: [], env: { INLET_TEST_DB: 'postgres' } } });
}

export default defineConfig({
  resolve: {
    // type-graphql and our code must share one graphql module, or schemas come "from another realm".
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // s3rver's continuation tokens use a cipher Node 20 keeps behind the legacy provider.
    execArgv: ['--openssl-legacy-provider'],
    projects,
    // In CI a JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
