import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * The admin UI. `vite build` writes dist/client, which the server serves at `/`.
 * `vite` (dev) proxies /graphql, WebSocket included, to a server on :4000.
 */
export default defineConfig({
  root: 'client',
  plugins: [solid()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    // Generated for error reports, not referenced from the bundle; the server never serves .map files.
    sourcemap: 'hidden',
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true, changeOrigin: true },
    },
  },
});
