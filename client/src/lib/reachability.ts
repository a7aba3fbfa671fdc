import { createSignal } from 'solid-js';

/**
 * Whether the API answered the last request. A network error (server down, Wi-Fi blip) is not a reason to sign out:
 * the app says the API is unreachable and checks `/healthz` until it answers again, then calls the listeners
 * (the open page re-queries). Only UNAUTHENTICATED signs out.
 */
const [unreachable, setUnreachable] = createSignal(false);
export { unreachable };

const RETRY_MS = 2000;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

/** Runs `fn` each time the API is reachable again; returns the unsubscribe. */
export function onReachable(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function markReachable(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (!unreachable()) return;
  setUnreachable(false);
  for (const fn of [...listeners]) fn();
}

export function markUnreachable(): void {
  setUnreachable(true);
  if (!timer) timer = setTimeout(probe, RETRY_MS);
}

/** Asks again now (the "Retry now" button). */
export function retryNow(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  void probe();
}

async function probe(): Promise<void> {
  timer = null;
  try {
    const res = await fetch(new URL('/healthz', window.location.href), { cache: 'no-store' });
    if (res.ok) return markReachable();
  } catch {
    /* still unreachable */
  }
  if (unreachable() && !timer) timer = setTimeout(probe, RETRY_MS);
}
