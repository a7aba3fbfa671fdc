/**
 * The import page's live-run store (client/src/features/imports/live.ts) in jsdom: the real hook and the real
 * RunProgress card, fed through a real urql client whose subscription transport is replaced by a source this test
 * pushes messages into (a graphql-ws server cannot run inside jsdom; the API tests cover the server side).
 * Messages are pushed in the orders that reach a browser when the socket and the HTTP answers race.
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { Client, Provider, subscriptionExchange } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLiveRuns, type Run } from '../../client/src/features/imports/live';
import { RunProgress } from '../../client/src/features/imports/RunProgress';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

type Sink = { next(value: unknown): void };

function run(overrides: Partial<Run>): Run {
  return {
    __typename: 'ImportRun', id: 'run-1', importId: 'imp-1', status: 'QUEUED', trigger: 'MANUAL', attempt: 1, queuedAt: '2026-01-01T00:00:00.000Z',
    notBefore: null, startedAt: null, finishedAt: null, filesTotal: null, filesDone: null, rowsRead: 0, rowsImported: 0, rowsRejected: 0,
    bytesRead: 0, error: null, durationMs: null, ...overrides,
  };
}

/** Renders the store with a run card and a status line per run; returns a function that delivers one subscription message. */
function renderLive(base: Run[] = []) {
  const sinks: Sink[] = [];
  const client = new Client({
    url: 'http://inlet.test/graphql',
    exchanges: [
      subscriptionExchange({
        forwardSubscription: () => ({
          subscribe(sink: Sink) {
            sinks.push(sink);
            return { unsubscribe: () => sinks.splice(sinks.indexOf(sink), 1) };
          },
        }),
      }),
    ],
  });
  const finals: string[] = [];
  let store!: ReturnType<typeof createLiveRuns>;
  const [history] = createSignal(base);
  const [now, setNow] = createSignal(Date.now());
  function View() {
    store = createLiveRuns(() => 'imp-1', history, (r) => finals.push(r.status));
    const current = () => store.runs()[0];
    return (
      <Show when={current()}>
        {(r) => (
          <>
            <p data-testid="status">{r().status}</p>
            <RunProgress run={r()} elapsedMs={store.elapsedMs(r(), now())} />
          </>
        )}
      </Show>
    );
  }
  render(() => (
    <Provider value={client}>
      <View />
    </Provider>
  ));
  const push = async (r: Run) => {
    // urql starts the subscription on its own schedule; wait for it to be open.
    await vi.waitFor(() => expect(sinks.length).toBe(1));
    sinks[0]!.next({ data: { importRunUpdated: r } });
  };
  return { push, finals, store: () => store, setNow };
}

const status = () => screen.getByTestId('status').textContent;

describe('live runs', async () => {
  it('ignores an older QUEUED message that arrives after RUNNING (the Run now answer racing the socket)', async () => {
    const { push, store } = renderLive();
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 500, durationMs: 1000 }));
    expect(status()).toBe('RUNNING');
    await push(run({ status: 'QUEUED' }));
    expect(status()).toBe('RUNNING');
    // The page adds its own mutation answer through the same rule.
    store().add(run({ status: 'QUEUED' }));
    expect(status()).toBe('RUNNING');
    expect(screen.getByRole('heading', { name: /Run in progress/ })).toBeTruthy();
    expect(screen.getByText('500')).toBeTruthy();
  });

  it('keeps the furthest progress of a running run, and never replaces a final status', async () => {
    const { push, finals } = renderLive();
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 2000, filesDone: 2, durationMs: 1000 }));
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 1000, filesDone: 1, durationMs: 500 }));
    expect(screen.getByText('2,000')).toBeTruthy();
    await push(run({ status: 'SUCCEEDED', startedAt: '2026-01-01T00:00:01.000Z', finishedAt: '2026-01-01T00:00:03.000Z', rowsRead: 3000, rowsImported: 3000 }));
    expect(status()).toBe('SUCCEEDED');
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 2500, durationMs: 1500 }));
    // Even a final message with higher counters does not replace the first final status.
    await push(run({ status: 'FAILED', startedAt: '2026-01-01T00:00:01.000Z', finishedAt: '2026-01-01T00:00:04.000Z', rowsRead: 3500, rowsImported: 3000, filesDone: 3 }));
    expect(status()).toBe('SUCCEEDED');
    // The page reloads once per run that finishes, not once per late message.
    expect(finals).toEqual(['SUCCEEDED']);
  });

  it('prefers a newer live message over the loaded history, and the history over an older message', async () => {
    const { push } = renderLive([run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 100, durationMs: 100 })]);
    expect(status()).toBe('RUNNING');
    await push(run({ status: 'QUEUED' }));
    expect(status()).toBe('RUNNING');
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 700, durationMs: 900 }));
    expect(screen.getByText('700')).toBeTruthy();
  });

  it('counts elapsed time in the browser between messages, whatever the server clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-06-01T12:00:00.000Z'));
    const { push, setNow } = renderLive();
    // The server's clock is years behind this browser's: only durationMs on arrival counts.
    await push(run({ status: 'RUNNING', startedAt: '2026-01-01T00:00:01.000Z', rowsRead: 10, durationMs: 4000 }));
    const received = Date.now();
    setNow(received);
    expect(screen.getByText('4.0 s')).toBeTruthy();
    vi.setSystemTime(received + 3000);
    setNow(Date.now());
    expect(screen.getByText('7.0 s')).toBeTruthy();
  });
});
