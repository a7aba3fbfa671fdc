import { createSignal } from 'solid-js';
import { ViewerDocument, type ViewerQuery } from './gql/graphql';
import { apiError } from './lib/errors';
import { createInletClient, type InletClient } from './urql';

/** The API key lives in sessionStorage: it survives a reload, not a closed tab. */
const STORAGE_KEY = 'inlet.apiKey';

export interface Session {
  apiKey: string;
  viewer: ViewerQuery['viewer'];
  inlet: InletClient;
}

const [session, setSession] = createSignal<Session | null>(null);
const [signOutReason, setSignOutReason] = createSignal<string | null>(null);
export { session, signOutReason };

export function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Checks the key with `viewer` on a fresh client; on success keeps it and makes it the app's client.
 * Returns an error message for the sign-in form otherwise.
 */
export async function signIn(apiKey: string): Promise<string | null> {
  return (await trySignIn(apiKey)).error;
}

/** `signIn` that also says whether the failure was the network (then the key may be fine: keep it, retry). */
export async function trySignIn(apiKey: string): Promise<{ error: string | null; network: boolean }> {
  const key = apiKey.trim();
  if (!key) return { error: 'Enter your API key.', network: false };
  let expired = false;
  const inlet = createInletClient(key, () => {
    expired = true;
    if (session()?.inlet === inlet) signOut('Your API key is no longer valid (it may have been revoked). Sign in with another key.');
  });
  const result = await inlet.client.query(ViewerDocument, {}).toPromise();
  if (result.error || !result.data) {
    inlet.dispose();
    const err = apiError(result.error);
    if (expired || err?.code === 'UNAUTHENTICATED') {
      return { error: 'That API key was not recognised. Check that you copied all of it; a revoked key no longer works.', network: false };
    }
    return { error: err?.message ?? 'Sign-in failed. Try again.', network: err?.code === 'NETWORK' || (!!result.error?.networkError && !result.error.graphQLErrors.length) };
  }
  try {
    sessionStorage.setItem(STORAGE_KEY, key);
  } catch {
    /* private mode: the session lasts until reload */
  }
  session()?.inlet.dispose();
  setSignOutReason(null);
  setSession({ apiKey: key, viewer: result.data.viewer, inlet });
  return { error: null, network: false };
}

/** Forgets the key and closes the client; `reason` is shown on the sign-in page. */
export function signOut(reason: string | null = null): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* ignore */
  }
  session()?.inlet.dispose();
  setSession(null);
  setSignOutReason(reason);
}
