import { createSignal, Show } from 'solid-js';
import { signIn, signOutReason } from '../../auth';
import { BusyButton } from '../../lib/ui';

/** Sign in with an API key; the key is checked with a `viewer` query before the app opens. */
export function SignInPage() {
  document.title = 'Sign in · Inlet';
  const [key, setKey] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let input!: HTMLInputElement;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const message = await signIn(key());
    setBusy(false);
    if (message) {
      setError(message);
      input.focus();
      input.select();
    }
  };

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} noValidate>
        <div class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          Inlet
        </div>
        <h1>Sign in</h1>
        <p class="muted">Use an API key of your workspace. It stays in this browser tab until you sign out or close it.</p>
        <Show when={signOutReason() && !error()}>
          <div class="notice notice-warning" role="status">
            <div>{signOutReason()}</div>
          </div>
        </Show>
        <div class="field" classList={{ 'field-invalid': !!error() }}>
          <label for="api-key">API key</label>
          <input
            ref={input}
            id="api-key"
            name="apiKey"
            type="password"
            autocomplete="current-password"
            spellcheck={false}
            value={key()}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={error() ? 'api-key-error' : 'api-key-help'}
            autofocus
          />
          <Show
            when={error()}
            fallback={
              <p class="field-help" id="api-key-help">
                Keys start with <code>inlet_</code>. Ask an admin of your workspace for one: admins create keys under Settings → API keys.
              </p>
            }
          >
            <p class="field-error" id="api-key-error" role="alert">
              {error()}
            </p>
          </Show>
        </div>
        <BusyButton type="submit" class="btn btn-primary btn-block" busy={busy()} busyLabel="Checking the key">
          {busy() ? 'Checking…' : 'Sign in'}
        </BusyButton>
      </form>
    </main>
  );
}
