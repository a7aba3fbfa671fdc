import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

/**
 * Component tests of the admin UI (test/ui/*.test.tsx): Solid's JSX transform and jsdom. Separate from the
 * root config's projects because the server tests must not go through the Solid plugin.
 * Run alone: `npx vitest run --config test/ui/vitest.solid.config.ts`; or list this file in the root
 * `test.projects`.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineProject({
  root: here,
  // Keep Vite's cache in the repository's node_modules, not in test/ui.
  cacheDir: path.join(here, '../../node_modules/.vite/ui-components'),
  plugins: [solid()],
  test: {
    name: 'ui-components',
    environment: 'jsdom',
    include: ['**/*.test.tsx'],
  },
});
