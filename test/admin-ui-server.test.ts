import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInlet, type TestInlet } from './helpers/inlet.js';

/**
 * What the server does for the admin UI (issue 19, item 15): how it serves the built client (compressed, hashed assets
 * immutable, source maps never public) and workspace names that stay unique. The client folder here is a stand-in
 * with the shape `vite build` writes (index.html, assets/<name>-<hash>.js and its .map).
 */
let inlet: TestInlet;
const JS = `console.log(${JSON.stringify('inlet '.repeat(2000))});\n//# sourceMappingURL=index-AbCd1234.js.map\n`;

/** A GET with node:http, which (unlike fetch) leaves the body as sent. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inlet-client-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Inlet</title><script type="module" src="/assets/index-AbCd1234.js"></script>');
  writeFileSync(path.join(dir, 'assets/index-AbCd1234.js'), JS);
  writeFileSync(path.join(dir, 'assets/index-AbCd1234.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
  inlet = await startInlet({ INLET_CLIENT_DIR: dir });
});

afterAll(async () => {
  await inlet?.close();
});

describe('serving the admin UI', () => {
  it('sends hashed assets compressed and immutable, index.html revalidated, and no source map', async () => {
    const asset = `${inlet.url}/assets/index-AbCd1234.js`;
    const br = await get(asset, { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.body.length).toBeLessThan(JS.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);

    const gz = await get(asset, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await get(asset);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);

    const map = await get(`${asset}.map`);
    expect(map.status).toBe(404);
    expect(map.body.toString()).not.toContain('secret-source');

    const index = await get(`${inlet.url}/`);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body.toString()).toContain('/assets/index-AbCd1234.js');
  });
});

describe('workspace names', () => {
  it('refuses a second workspace with the same name (any case), naming the field', async () => {
    expect((await inlet.ok(`mutation { createWorkspace(name: "Marketing") { name } }`)).createWorkspace.name).toBe('Marketing');
    for (const name of ['Marketing', ' marketing ', 'Default']) {
      const res = await inlet.gql(`mutation($name: String!) { createWorkspace(name: $name) { id } }`, { name });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    }
    expect((await inlet.ok(`{ workspaces { name } }`)).workspaces.map((w: { name: string }) => w.name).sort()).toEqual(['Default', 'Marketing']);
  });
});
