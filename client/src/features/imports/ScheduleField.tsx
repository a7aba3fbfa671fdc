import { createQuery } from '@urql/solid';
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { ScheduleNextRunsDocument } from '../../gql/graphql';
import { createDebounced } from '../../lib/debounce';
import { apiError } from '../../lib/errors';

type Kind = 'daily' | 'hourly' | 'every' | 'cron' | 'manual';
const EVERY = [2, 3, 4, 6, 8, 12];
const utcFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** The parts of a schedule string (imports/schedule.ts on the server), for the form. */
function split(schedule: string) {
  let m: RegExpExecArray | null;
  if (schedule === 'manual') return { kind: 'manual' as Kind };
  if ((m = /^daily@(\d\d:\d\d)$/.exec(schedule))) return { kind: 'daily' as Kind, time: m[1] };
  if ((m = /^hourly@(\d\d)$/.exec(schedule))) return { kind: 'hourly' as Kind, minute: m[1] };
  if ((m = /^every@(\d+)h$/.exec(schedule))) return { kind: 'every' as Kind, hours: m[1] };
  return { kind: 'cron' as Kind, cron: schedule };
}

/**
 * A schedule (UTC): daily at a time, hourly at a minute, every N hours, a cron expression, or manual; with the next
 * three run times the server computes for it (`scheduleNextRuns`), or its reason when it is not a schedule.
 */
export function ScheduleField(props: { id: string; value: string; onChange: (schedule: string) => void }) {
  const initial = split(props.value);
  const [kind, setKind] = createSignal<Kind>(initial.kind);
  const [time, setTime] = createSignal(initial.time ?? '06:00');
  const [minute, setMinute] = createSignal(initial.minute ?? '00');
  const [hours, setHours] = createSignal(initial.hours ?? '6');
  const [cron, setCron] = createSignal(initial.cron ?? '0 6 * * 1-5');
  const schedule = () => {
    switch (kind()) {
      case 'daily':
        return `daily@${time()}`;
      case 'hourly':
        return `hourly@${minute().padStart(2, '0')}`;
      case 'every':
        return `every@${hours()}h`;
      case 'cron':
        return cron().trim();
      default:
        return 'manual';
    }
  };
  createEffect(on(schedule, (s) => s !== props.value && props.onChange(s), { defer: true }));
  const settled = createDebounced(schedule, 300);
  const [preview] = createQuery({ query: ScheduleNextRunsDocument, variables: () => ({ schedule: settled() }), pause: () => settled() === 'manual' });
  return (
    <fieldset class="radio-group schedule-field">
      <legend>Schedule (UTC)</legend>
      <div class="field field-inline">
        <label for={`${props.id}-kind`}>Runs</label>
        <select id={`${props.id}-kind`} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          <option value="daily" selected={kind() === 'daily'}>Daily</option>
          <option value="hourly" selected={kind() === 'hourly'}>Hourly</option>
          <option value="every" selected={kind() === 'every'}>Every few hours</option>
          <option value="cron" selected={kind() === 'cron'}>Custom (cron)</option>
          <option value="manual" selected={kind() === 'manual'}>Manual only</option>
        </select>
      </div>
      <Switch>
        <Match when={kind() === 'daily'}>
          <div class="field field-inline">
            <label for={`${props.id}-time`}>At (UTC)</label>
            <input id={`${props.id}-time`} type="time" value={time()} onInput={(e) => setTime(e.currentTarget.value)} />
          </div>
        </Match>
        <Match when={kind() === 'hourly'}>
          <div class="field field-inline">
            <label for={`${props.id}-minute`}>At minute</label>
            <input id={`${props.id}-minute`} type="number" min="0" max="59" value={Number(minute())} onInput={(e) => setMinute(e.currentTarget.value)} />
          </div>
        </Match>
        <Match when={kind() === 'every'}>
          <div class="field field-inline">
            <label for={`${props.id}-hours`}>Every</label>
            <select id={`${props.id}-hours`} onChange={(e) => setHours(e.currentTarget.value)}>
              <For each={EVERY}>{(n) => <option value={n} selected={hours() === String(n)}>{n} hours (from 00:00 UTC)</option>}</For>
            </select>
          </div>
        </Match>
        <Match when={kind() === 'cron'}>
          <div class="field">
            <label for={`${props.id}-cron`}>Cron expression (minute hour day month weekday, UTC)</label>
            <input id={`${props.id}-cron`} type="text" class="mono" value={cron()} onInput={(e) => setCron(e.currentTarget.value)} />
          </div>
        </Match>
      </Switch>
      <Show when={kind() !== 'manual'} fallback={<p class="muted small">Runs only when started from its page.</p>}>
        <div class="muted small" aria-live="polite" data-testid="next-runs">
          <Switch>
            <Match when={preview.error}>
              <p class="field-error">{apiError(preview.error)?.message}</p>
            </Match>
            <Match when={preview.data}>
              Next runs:{' '}
              <For each={preview.data!.scheduleNextRuns}>
                {(t, i) => (
                  <>
                    {i() ? ' · ' : ''}
                    <time dateTime={t}>{utcFmt.format(new Date(t))} UTC</time>
                  </>
                )}
              </For>
            </Match>
          </Switch>
        </div>
      </Show>
    </fieldset>
  );
}
