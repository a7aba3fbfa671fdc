/**
 * Import page pieces that are pure component matters (issue 19): the badge is never green after a failure or on a
 * connection that cannot run; a deprecated connection's import has no next run; a failed run shows rows read and
 * imports none; a run that found no new files says so; schedules use the user's clock format with UTC; rejected rows
 * group by reason. Rendered in jsdom with a real urql client that never answers (nothing here needs the network).
 */
import { cleanup, render, screen } from '@solidjs/testing-library';
import { Client, Provider } from '@urql/solid';
import { never } from 'wonka';
import { afterEach, describe, expect, it } from 'vitest';
import { groupRejects } from '../../client/src/features/imports/FailureBanner';
import { ImportStats } from '../../client/src/features/imports/ImportStats';
import type { Run } from '../../client/src/features/imports/live';
import { RunHistory } from '../../client/src/features/imports/RunHistory';
import type { ImportDetailFragment } from '../../client/src/gql/graphql';
import { describeSchedule, importHealth } from '../../client/src/lib/status';

afterEach(cleanup);

const client = new Client({ url: 'http://inlet.test/graphql', exchanges: [() => () => never] });

function imp(overrides: Partial<ImportDetailFragment> = {}, connectionStatus: ImportDetailFragment['connection']['status'] = 'ACTIVE'): ImportDetailFragment {
  return {
    __typename: 'Import', id: 'imp-1', name: 'Users', table: 'users', type: 'USER_PROFILE', columns: ['user_id'], userIdColumn: 'user_id', timestampColumn: null,
    identifierColumn: null, identifierType: null, groupIdColumn: null, isDeletedColumn: null, storedColumns: [], status: 'ACTIVE', statusReason: null,
    schedule: 'daily@06:30', nextRunAt: new Date(Date.now() + 3_600_000).toISOString(), rejectThreshold: 0.1, createdAt: '2026-01-01T00:00:00.000Z', rowCount: 2823,
    connection: { __typename: 'Connection', id: 'c-1', name: 'Bucket', status: connectionStatus, platform: { __typename: 'SourcePlatform', id: 'S3', name: 'Amazon S3' } },
    schemaChanges: [], ...overrides,
  } as ImportDetailFragment;
}

function run(overrides: Partial<Run>): Run {
  return {
    __typename: 'ImportRun', id: 'run-1', importId: 'imp-1', status: 'SUCCEEDED', trigger: 'MANUAL', attempt: 1, queuedAt: '2026-01-01T00:00:00.000Z', notBefore: null,
    startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:05.000Z', filesTotal: 1, filesDone: 1, rowsRead: 6000, rowsImported: 6000, rowsRejected: 0,
    bytesRead: 1000, error: null, durationMs: 5000, ...overrides,
  };
}

describe('import health', () => {
  it('is not green after a failure or when the connection cannot run', () => {
    expect(importHealth('ACTIVE', 'SUCCEEDED', 'ACTIVE')).toMatchObject({ label: 'Active', tone: 'success' });
    expect(importHealth('ACTIVE', 'FAILED', 'ACTIVE')).toMatchObject({ label: 'Failing', tone: 'danger' });
    expect(importHealth('ACTIVE', 'SUCCEEDED', 'DEPRECATED')).toMatchObject({ label: 'Can’t run', tone: 'warning' });
    expect(importHealth('ACTIVE', null, 'INACTIVE').tone).not.toBe('success');
    expect(importHealth('BLOCKED', 'FAILED', 'ACTIVE').label).toBe('Blocked');
  });

  it('shows no next run for an import on a deprecated connection', () => {
    render(() => <ImportStats imp={imp({}, 'DEPRECATED')} runs={[]} now={Date.now()} />);
    expect(screen.getByText('Next run').nextElementSibling!.textContent).toBe('None');
    cleanup();
    render(() => <ImportStats imp={imp()} runs={[]} now={Date.now()} />);
    expect(screen.getByText('Next run').nextElementSibling!.textContent).toMatch(/in 1 hour|in 60 minutes/);
  });
});

describe('run history', () => {
  it('shows rows read for a failed run and imports none; says why a run imported 0', () => {
    const runs = [
      run({ id: 'r3', status: 'SUCCEEDED', filesTotal: 0, filesDone: 0, rowsRead: 0, rowsImported: 0 }),
      run({ id: 'r2', status: 'FAILED', rowsRead: 1500, rowsImported: 1500, rowsRejected: 400, error: '400 of 1500 rows were rejected' }),
      run({ id: 'r1' }),
    ];
    const { container } = render(() => (
      <Provider value={client}>
        <RunHistory imp={imp()} runs={runs} elapsedMs={(r) => r.durationMs ?? null} now={Date.now()} />
      </Provider>
    ));
    const cell = (id: string, name: string) => container.querySelector(`tr[data-run-id="${id}"] [data-cell="${name}"]`)!.textContent;
    expect(cell('r2', 'read')).toBe((1500).toLocaleString());
    expect(cell('r2', 'imported')).toBe('None');
    expect(cell('r1', 'imported')).toBe((6000).toLocaleString());
    expect(cell('r3', 'imported')).toBe('0no new files');
  });

  it('groups rejected rows by reason, most frequent first', () => {
    expect(groupRejects([{ reason: 'missing user id' }, { reason: 'bad date' }, { reason: 'missing user id' }])).toEqual([
      { reason: 'missing user id', count: 2 },
      { reason: 'bad date', count: 1 },
    ]);
  });
});

describe('schedules', () => {
  it('say the UTC time in the user’s clock format, with UTC', () => {
    const expected = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, 18, 5)));
    expect(describeSchedule('daily@18:05')).toBe(`Daily at ${expected} UTC`);
    expect(describeSchedule('manual')).toBe('Manual only');
  });
});
