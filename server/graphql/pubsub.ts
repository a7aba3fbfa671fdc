import type { PubSub } from 'type-graphql';
import type { EventBus, TopicName } from '../events/bus.js';

/** Bridges type-graphql's `@Subscription({ topics })` to the event bus, so subscriptions see events from every server. */
export function busPubSub(bus: EventBus): PubSub {
  return {
    publish(topic: string, payload: unknown) {
      void bus.publish(topic as TopicName, payload as object);
    },
    subscribe(topic: string): AsyncIterable<unknown> {
      return { [Symbol.asyncIterator]: () => busIterator(bus, topic as TopicName) };
    },
  };
}

/** An async iterator over one topic; events arriving between pulls wait in a queue; `return()` unsubscribes. */
export function busIterator(bus: EventBus, topic: TopicName): AsyncIterator<unknown> {
  const queue: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | null = null;
  let done = false;
  const off = bus.on(topic, (payload) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: payload, done: false });
    } else queue.push(payload);
  });
  const finish = async (): Promise<IteratorResult<unknown>> => {
    done = true;
    off();
    queue.length = 0;
    if (waiting) waiting({ value: undefined, done: true });
    waiting = null;
    return { value: undefined, done: true };
  };
  return {
    next: () => {
      if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: async (error) => {
      await finish();
      throw error;
    },
  };
}
