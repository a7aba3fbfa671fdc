import type { AnyVariables, DocumentInput, OperationResult } from '@urql/core';
import { useClient } from '@urql/solid';
import { createEffect, onCleanup, untrack } from 'solid-js';

/**
 * How a page follows the server live: `handler` runs on each message of a GraphQL subscription (graphql-ws) while the
 * calling component is mounted; reactive `variables` resubscribe when they change. The handler runs untracked (a
 * message may arrive while the effect subscribes: what it reads must not resubscribe). A callback per message rather
 * than @urql/solid's createSubscription store, which keeps only the latest value and would merge two messages of the
 * same shape into one update. Call it in a component's setup.
 */
export function onSubscription<Data, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: () => Variables,
  handler: (message: OperationResult<Data, Variables>) => void,
): void {
  const client = useClient();
  createEffect(() => {
    const { unsubscribe } = client.subscription(query, variables()).subscribe((message) => untrack(() => handler(message)));
    onCleanup(unsubscribe);
  });
}

/**
 * `fn` at most once per `ms`, at the end of the wait (a list refetches once a second however many runs changed); a
 * call pending when the component unmounts is dropped. Call it in a component's setup.
 */
export function throttled(fn: () => void, ms = 1000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
