/**
 * What the benchmarks share: a real Inlet server process, compiled and started with the Node options of `npm start`
 * (so they measure what users run), its peak RSS from /proc, and formatting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildServer } from '../server/build.js';
import { statCpuSeconds } from './proc.js';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** Starts a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // older kernels: the peak then covers everything since start
  }
}

/** CPU seconds (user + system) a process has used, all its threads, from /proc: unlike wall time, it hardly depends on the machine's load. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(`/proc/${pid}/stat`);
}

export { peakRss } from './proc.js';

/** The environment (`NAME=value` before `node`) and Node options of package.json's start script, as users run the server. */
export function startCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const startScript = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const match = /((?:\w+=\S+ )*)node ((?:--\S+ )*)dist\/server\/main\.js/.exec(startScript);
  if (!match) throw new Error(`package.json's start script does not run node … dist/server/main.js: ${startScript}`);
  const env = Object.fromEntries(match[1]!.split(' ').filter(Boolean).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  return { env, nodeArgs: match[2]!.split(' ').filter(Boolean) };
}

/**
 * Builds and starts the server on a free port with a data directory under `work` and an admin key, with the environment
 * and Node options of package.json's start script plus BENCH_SERVER_NODE_ARGS (e.g. a CPU profile), on PostgreSQL when
 * BENCH_DATABASE_URL is set; resolves once /healthz answers. The server is killed when the benchmark exits, failed
 * or not, so it never loads the machine the next benchmark measures.
 */
export async function startBenchServer(work: string, env: Record<string, string> = {}): Promise<{ server: ChildProcess; port: number; key: string }> {
  const port = await freePort();
  const key = `inlet_bench_${randomBytes(8).toString('hex')}`;
  const start = startCommand();
  const nodeArgs = [...start.nodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const server = spawn(process.execPath, [...nodeArgs, await buildServer()], {
    env: { ...start.env, ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data'), INLET_API_KEY: key, INLET_SCHEDULER: 'false', LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', ...env },
    stdio: ['ignore', process.env.BENCH_SERVER_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  process.on('exit', () => server.kill('SIGKILL'));
  for (let i = 0; ; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { server, port, key };
}

/**
 * Where a process's RSS is, from /proc/<pid>/smaps (Linux, glibc): `[heap]` (the main thread's malloc arena),
 * `arenas` (the malloc arenas of other threads: glibc maps each as 64 MB-aligned heaps), `anon` (every other anonymous
 * mapping: V8's heaps, malloc's own mmaps of large blocks, WebAssembly memory) and `file` (the node binary, libraries,
 * mapped files). Arenas that stay large after work is done are free-but-resident memory: glibc gives back only the top
 * of a heap, never its middle.
 */
export function rssParts(pid: number): { heap: number; arenas: number; anon: number; file: number } {
  const parts = { heap: 0, arenas: 0, anon: 0, file: 0 };
  let part: keyof typeof parts = 'anon';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      const start = BigInt(`0x${m[1]}`);
      const size = BigInt(`0x${m[2]}`) - start;
      const name = m[3]!;
      const heapMax = 64n << 20n;
      part = name === '[heap]' ? 'heap' : name.startsWith('/') ? 'file' : !name && start % heapMax === 0n && size <= heapMax ? 'arenas' : 'anon';
    } else if (line.startsWith('Rss:')) {
      parts[part] += Number(/(\d+)/.exec(line)![1]) * 1024;
    }
  }
  return parts;
}

/** `rssParts` as one line. */
export function rssPartsLine(pid: number): string {
  const p = rssParts(pid);
  return `malloc: main [heap] ${mb(p.heap)}, other threads' arenas ${mb(p.arenas)}; other anonymous (V8 heaps, large blocks) ${mb(p.anon)}; file-backed ${mb(p.file)}`;
}
