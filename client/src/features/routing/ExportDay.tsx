import { createMutation } from '@urql/solid';
import { createEffect, createSignal, Show, untrack } from 'solid-js';
import { ExportDayDocument, type DeliveryFieldsFragment } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { Badge, BusyButton, ErrorBox } from '../../lib/ui';

/** Yesterday as a UTC day (YYYY-MM-DD): what the daily schedule exports. */
export function yesterdayUtc(now = Date.now()): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}

const tone = (s: string) => (s === 'DELIVERED' ? 'success' : s === 'FAILED' ? 'danger' : s === 'RETRYING' ? 'warning' : 'info');
const words: Record<string, string> = { QUEUED: 'Queued', UPLOADING: 'Exporting', DELIVERED: 'Delivered', RETRYING: 'Retrying', FAILED: 'Failed' };

/**
 * "Export day" on an S3 Batch destination: pick a UTC day (yesterday by default), queue its export (`exportDay`),
 * and follow that export's delivery (the manifest's) live. The parent passes each `deliveryUpdated` it receives in
 * `latest`; refusals (a future day, CONFLICT while the day is already being exported) show next to the field.
 */
export function ExportDay(props: { connectionId: string; latest: DeliveryFieldsFragment | null; onStarted: (delivery: DeliveryFieldsFragment) => void }) {
  const [date, setDate] = createSignal(yesterdayUtc());
  const [state, exportDay] = createMutation(ExportDayDocument);
  const [fieldError, setFieldError] = createSignal<string | null>(null);
  const [otherError, setOtherError] = createSignal<string | null>(null);
  const [current, setCurrent] = createSignal<DeliveryFieldsFragment | null>(null);
  // Export (manifest) updates seen so far by delivery id: one may arrive before the mutation's answer does.
  const seen = new Map<string, DeliveryFieldsFragment>();
  createEffect(() => {
    const l = props.latest;
    if (!l || l.dataType !== 'manifest') return;
    seen.set(l.id, l);
    if (untrack(current)?.id === l.id) setCurrent(l);
  });

  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldError(null);
    setOtherError(null);
    const res = await exportDay({ connectionId: props.connectionId, date: date() });
    const error = apiError(res.error);
    if (error) {
      // BAD_USER_INPUT on `date` and CONFLICT (the day is already being exported, the destination is not ACTIVE) are
      // about this action: shown by the field; anything else above the form.
      if (error.field === 'date' || error.code === 'CONFLICT') setFieldError(error.message);
      else setOtherError(error.message);
      return;
    }
    if (res.data) {
      const d = res.data.exportDay;
      setCurrent(seen.get(d.id) ?? d);
      props.onStarted(res.data.exportDay);
    }
  };

  return (
    <form class="toolbar export-day" onSubmit={submit} aria-label="Export a day">
      <div class="field field-inline" classList={{ 'field-invalid': !!fieldError() }}>
        <label for="export-day-date">
          Export day (UTC)
        </label>
        <input
          id="export-day-date"
          type="date"
          value={date()}
          onInput={(e) => setDate(e.currentTarget.value)}
          aria-invalid={fieldError() ? 'true' : undefined}
          aria-describedby={fieldError() ? 'export-day-error' : 'export-day-help'}
        />
        <Show
          when={fieldError()}
          fallback={
            <p class="field-help" id="export-day-help">
              Writes the day's files again (and removes parts left from an earlier run), manifest last.
            </p>
          }
        >
          <p class="field-error" id="export-day-error" role="alert">
            {fieldError()}
          </p>
        </Show>
      </div>
      <BusyButton type="submit" class="btn btn-small toolbar-clear" busy={state.fetching} busyLabel="Queuing the export">
        Export day
      </BusyButton>
      <Show when={current()}>
        {(d) => (
          <p class="toolbar-clear export-status" role="status" data-export-id={d().id}>
            {(d().windowStart ?? '').slice(0, 10)}: <Badge tone={tone(d().status)} pulse={d().status === 'QUEUED' || d().status === 'UPLOADING'}>{words[d().status] ?? d().status}</Badge>
            <Show when={d().status === 'DELIVERED'}> {formatNumber(d().rows)} rows</Show>
            <Show when={d().status === 'RETRYING'}> (attempt {d().attempt})</Show>
            <Show when={d().error}>
              <span class="status-reason"> {d().error}</span>
            </Show>
          </p>
        )}
      </Show>
      <ErrorBox error={otherError()} />
    </form>
  );
}
