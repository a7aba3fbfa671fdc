import { createSignal, onCleanup, type Accessor, createEffect, on } from 'solid-js';

/** A signal that follows `source` after it has been still for `ms`. */
export function createDebounced<T>(source: Accessor<T>, ms: number): Accessor<T> {
  const [value, setValue] = createSignal<T>(source());
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      source,
      (v) => {
        clearTimeout(timer);
        timer = setTimeout(() => setValue(() => v), ms);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return value;
}
