import { createMutation } from '@urql/solid';
import { createEffect, createSignal } from 'solid-js';
import { UpdateImportDocument, type ImportDetailFragment } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { Dialog, ErrorBox } from '../../lib/ui';

/** The Edit dialog of an import: name, schedule and reject threshold (what updateImport can change). */
export function EditImportDialog(props: { imp: ImportDetailFragment; open: boolean; onClose: () => void; onDone: () => void }) {
  const [name, setName] = createSignal('');
  const [mode, setMode] = createSignal<'daily' | 'manual'>('daily');
  const [time, setTime] = createSignal('06:00');
  const [threshold, setThreshold] = createSignal('10');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [state, update] = createMutation(UpdateImportDocument);
  createEffect(() => {
    if (!props.open) return;
    setName(props.imp.name);
    const m = /^daily@(\d\d:\d\d)$/.exec(props.imp.schedule);
    setMode(m ? 'daily' : 'manual');
    if (m) setTime(m[1]);
    setThreshold(String(Math.round(props.imp.rejectThreshold * 1000) / 10));
    setError(null);
  });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const res = await update({
      id: props.imp.id,
      input: { name: name().trim(), schedule: mode() === 'manual' ? 'manual' : `daily@${time()}`, rejectThreshold: Number(threshold()) / 100 },
    });
    if (res.error) return setError(apiError(res.error));
    props.onClose();
    props.onDone();
  };
  return (
    <Dialog open={props.open} title="Edit import" onClose={props.onClose}>
      <form onSubmit={submit} noValidate class="field-group">
        <div class="field">
          <label for="edit-import-name">Name</label>
          <input id="edit-import-name" type="text" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <fieldset class="radio-group">
          <legend>Schedule</legend>
          <div class="radio radio-with-input">
            <input id="edit-daily" type="radio" name="edit-schedule" checked={mode() === 'daily'} onChange={() => setMode('daily')} />
            <label for="edit-daily">Daily at</label>
            <input type="time" aria-label="Time of day (UTC)" value={time()} onInput={(e) => { setTime(e.currentTarget.value); setMode('daily'); }} />
            <span class="muted">UTC</span>
          </div>
          <label class="radio">
            <input type="radio" name="edit-schedule" checked={mode() === 'manual'} onChange={() => setMode('manual')} />
            Manual only
          </label>
        </fieldset>
        <div class="field field-narrow">
          <label for="edit-threshold">Reject threshold (%)</label>
          <input id="edit-threshold" type="number" min="0" max="100" value={threshold()} onInput={(e) => setThreshold(e.currentTarget.value)} />
        </div>
        <ErrorBox error={error()} title="Not saved." />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={state.fetching}>
            Save
          </button>
          <button type="button" class="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
