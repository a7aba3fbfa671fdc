/**
 * Gives free memory inside glibc's malloc arenas back to the system: `malloc_trim(0)`, through the small addon in
 * native/malloc-trim (built by `npm install`), run on libuv's thread pool so the event loop never waits for it.
 *
 * Why: glibc returns only the top of an arena on free(); free space between live blocks stays resident. The import
 * read worker's thread allocates and frees many blocks of 128 KB–6 MB, and after 11.1M rows imported its arena held
 * 70 MB of which 51 MB was such free space (gdb on the live server); `malloc_trim(0)` took the server from 207 to 141 MB
 * (README, Benchmarks > Audiences). Tuning glibc instead (a lower mmap threshold, fewer arenas) or jemalloc cost
 * import speed or more memory. A trim of a large arena took up to 49 ms, hence the thread pool.
 *
 * When: the job engine calls `releaseFreeMemory` when a job ends (an import run, an evaluation, an export: the jobs
 * that leave freed memory behind), and it trims again LATER_MS after the last such call: the read worker's buffers go
 * back to malloc only when its V8 heap is next collected, which an idle worker does on its own some seconds later (in
 * bench:audiences a trim at the run's end alone left the worker's arena at 81 MB). One trim at a time; a call while
 * one runs, or within MIN_INTERVAL_MS of the last, does nothing. Without the addon (no compiler at install, not
 * glibc) nothing happens, and the log says so once.
 */
import { createRequire } from 'node:module';
import { log } from './log.js';

const MIN_INTERVAL_MS = 1_000;
const LATER_MS = 15_000;

interface Trimmer {
  loaded: boolean;
  loadError: string | null;
  trim(): Promise<boolean>;
}

let trimmer: Trimmer | null | undefined;
let last = 0;
let running: Promise<void> | null = null;
let later: NodeJS.Timeout | null = null;
let started = 0;

function load(): Trimmer | null {
  if (trimmer !== undefined) return trimmer;
  let reason: string | null = null;
  try {
    trimmer = createRequire(import.meta.url)('inlet-malloc-trim') as Trimmer;
    if (!trimmer.loaded) reason = trimmer.loadError ?? 'not glibc';
  } catch (error) {
    reason = String((error as Error).message ?? error);
  }
  if (reason !== null) {
    log.warn('malloc_trim is not available: free memory inside malloc arenas stays resident', { reason });
    trimmer = null;
  }
  return trimmer ?? null;
}

/**
 * Returns the free pages of every malloc arena to the system, in the background, now and LATER_MS after the last call.
 * Callers need not wait: the promise (for tests) settles when the trim started now, or the one already running, is done.
 */
export function releaseFreeMemory(): Promise<void> {
  const trim = load();
  if (!trim) return Promise.resolve();
  if (later) clearTimeout(later);
  later = setTimeout(() => {
    later = null;
    void trimNow(trim);
  }, LATER_MS);
  later.unref();
  return trimNow(trim);
}

/** Starts a trim unless one runs (then its promise is returned) or one started within MIN_INTERVAL_MS. */
function trimNow(trim: Trimmer): Promise<void> {
  if (running) return running;
  const now = Date.now();
  if (now - last < MIN_INTERVAL_MS) return Promise.resolve();
  last = now;
  started++;
  running = trim
    .trim()
    .then(
      () => undefined,
      (error: unknown) => log.warn('malloc_trim failed', { error: String(error) }),
    )
    .finally(() => {
      running = null;
    });
  return running;
}

/** How many trims this process has started (tests read it). */
export function memoryReleases(): number {
  return started;
}

/** Whether the addon is loaded, so that free memory can be returned. */
export function canReleaseFreeMemory(): boolean {
  return load() !== null;
}
