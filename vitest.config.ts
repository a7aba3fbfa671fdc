import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // type-graphql and our code must share one graphql module, or schemas come "from another realm".
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // s3rver's continuation tokens use a cipher Node 20 keeps behind the legacy provider.
    execArgv: ['--openssl-legacy-provider'],
  },
});
