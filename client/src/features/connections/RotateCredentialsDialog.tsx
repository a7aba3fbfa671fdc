import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { RotateConnectionCredentialsDocument, type ConnectionCredentialsInput, type ConnectionDetailFragment } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { BusyButton, Dialog, ErrorBox } from '../../lib/ui';
import { buildInput, credentialFields, effectiveFields, fieldForServerPath, missingRequired, type FormErrors, type FormValues } from '../forms/fields';
import { fieldId, FieldsForm } from '../forms/FieldsForm';

/**
 * New credentials for a connection, from the platform's `credentials.*` fields; sent as
 * `rotateConnectionCredentials(id, input: { <credentialsKey>: {...} })`. The connection is validated again.
 */
export function RotateCredentialsDialog(props: { connection: ConnectionDetailFragment; open: boolean; onClose: () => void; onDone: () => void }) {
  const fields = () => credentialFields(props.connection.platform.fields);
  const [values, setValues] = createStore<FormValues>({});
  const [errors, setErrors] = createStore<FormErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [state, rotate] = createMutation(RotateConnectionCredentialsDocument);
  let form: HTMLFormElement | undefined;

  const close = () => {
    setValues(Object.fromEntries(Object.keys(values).map((k) => [k, undefined])) as unknown as FormValues);
    setErrors(Object.fromEntries(Object.keys(errors).map((k) => [k, undefined])) as unknown as FormErrors);
    setFormError(null);
    props.onClose();
  };
  const focus = (key: string) => form?.querySelector<HTMLElement>(`#${CSS.escape(fieldId('rotate', key))}`)?.focus();

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setFormError(null);
    const shown = effectiveFields(fields(), values);
    const missing = missingRequired(shown, values);
    setErrors(Object.fromEntries(fields().map((f) => [f.key, missing[f.key]])) as FormErrors);
    const first = shown.find((f) => missing[f.key]);
    if (first) return focus(first.key);
    const key = props.connection.platform.credentialsKey;
    const input = { [key]: buildInput(shown, values, 'credentials.') } as ConnectionCredentialsInput;
    const res = await rotate({ id: props.connection.id, input });
    if (res.data) {
      close();
      props.onDone();
      return;
    }
    const err = apiError(res.error);
    const target = fieldForServerPath(
      err?.field,
      fields().map((f) => f.key),
      [[key, 'credentials']],
    );
    if (err && target) {
      setErrors(target, err.message);
      focus(target);
    } else setFormError(err?.message ?? 'The credentials could not be changed.');
  };

  return (
    <Dialog open={props.open} title="Rotate credentials" onClose={close}>
      <form ref={form} onSubmit={submit} noValidate>
        <p class="muted">
          Enter the new credentials for <strong>{props.connection.name}</strong>. The old ones are replaced at once and the connection is validated again
          (Processing, then Active or Inactive).
          <Show when={props.connection.credentialsHint}> Current: {props.connection.credentialsHint}.</Show>
        </p>
        <FieldsForm idPrefix="rotate" groupCredentials fields={fields()} values={values} errors={errors} onChange={(k, v) => { setValues(k, v); setErrors(k, undefined!); }} disabled={state.fetching} />
        <ErrorBox error={formError()} title="Not changed." />
        <div class="form-actions">
          <BusyButton type="submit" class="btn btn-primary" busy={state.fetching} busyLabel="Saving">
            Save and validate
          </BusyButton>
          <button type="button" class="btn btn-ghost" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
