import { createMutation } from '@urql/solid';
import { createEffect, createSignal, Show } from 'solid-js';
import { UpdateImportDocument, type ImportDetailFragment } from '../../gql/graphql';
import { apiError, type ApiError } from '../../lib/errors';
import { Dialog, ErrorBox } from '../../lib/ui';
import { ScheduleField } from './ScheduleField';

/** The Edit dialog of an import: name, schedule and reject threshold (what updateImport can change). */
export function EditImportDialog(props: { imp: ImportDetailFragment; open: boolean; onClose: () => void; onDone: () => void }) {
  const [name, setName] = createSignal('');
  const [schedule, setSchedule] = createSignal('manual');
  const [threshold, setThreshold] = createSignal('10');
  const [error, setError] = createSignal<ApiError | null>(null);
  const [state, update] = createMutation(UpdateImportDocument);
  createEffect(() => {
    if (!props.open) return;
    setName(props.imp.name);
    setSchedule(props.imp.schedule);
    setThreshold(String(Math.round(props.imp.rejectThreshold * 1000) / 10));
    setError(null);
  });
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const res = await update({
      id: props.imp.id,
      input: { name: name().trim(), schedule: schedule(), rejectThreshold: Number(threshold()) / 100 },
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
        <Show when={props.open}>
          <ScheduleField id="edit-schedule" value={props.imp.schedule} onChange={setSchedule} />
        </Show>
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
