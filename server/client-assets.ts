import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type express from 'express';

/** Vite's hashed asset names (`index-B1x2y3z4.js`): their content never changes, so browsers may keep them forever. */
const HASHED = /^\/assets\/[^/]+-[\w-]{8,}\.[a-z0-9]+$/i;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/i;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };

/**
 * The admin UI's files, before express.static: source maps are not served (404: they would publish the source);
 * hashed assets are `immutable` for a year; text assets go out Brotli- or gzip-compressed when the browser accepts it
 * (compressed once per file and kept: a few hundred KB for the whole UI). index.html is `no-cache`, so a new build is
 * picked up at once.
 */
export function clientAssets(dir: string): express.RequestHandler {
  const root = path.resolve(dir);
  const compressed = new Map<string, Buffer>();
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.endsWith('.map')) return void res.status(404).type('text/plain').send('Not found');
    if (req.path === '/' || req.path === '/index.html') res.setHeader('cache-control', 'no-cache');
    if (!HASHED.test(req.path)) return next();
    const file = path.join(root, req.path);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    const encoding = COMPRESSIBLE.test(file) ? req.acceptsEncodings('br', 'gzip') : false;
    if (!encoding || encoding === 'identity') return next();
    const key = `${encoding}:${file}`;
    let body = compressed.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body = encoding === 'br' ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(raw, { level: 9 });
      compressed.set(key, body);
    }
    res.setHeader('content-encoding', encoding);
    res.setHeader('vary', 'Accept-Encoding');
    res.type(TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('content-length', String(body.length));
    if (req.method === 'HEAD') return void res.end();
    res.end(body);
  };
}
