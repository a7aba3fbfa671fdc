/**
 * `npm run build:server`: compiles the server to plain JavaScript in dist/server, which `npm start` runs with Node.
 *
 * Running the TypeScript sources through tsx at run time costs about 70 MB of resident memory (its compiler and
 * module cache in the server process) and three esbuild helper processes; the compiled server does not carry them.
 * Two entries, because the read worker (pipeline/read-worker.ts) is a module of its own that parallel-read.ts
 * starts from the file beside it. npm packages stay external, loaded from node_modules as before. The transform is
 * esbuild's, as under tsx, with the same tsconfig (legacy decorators, no define semantics for class fields).
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes main.js and read-worker.js (with source maps) into `outdir`, which must lie inside the project so that Node finds node_modules. */
export async function buildServer(outdir = path.join(ROOT, 'dist/server')): Promise<string> {
  await build({
    entryPoints: [path.join(ROOT, 'server/main.ts'), path.join(ROOT, 'server/pipeline/read-worker.ts')],
    entryNames: '[name]',
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  });
  return path.join(outdir, 'main.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const main = await buildServer(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`built ${path.relative(process.cwd(), main)}`);
}
