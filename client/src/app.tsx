import { Provider } from '@urql/solid';
import { createEffect, createMemo, createResource, createSignal, For, on, onMount, Show, type JSX } from 'solid-js';
import { session, signOut, storedKey, trySignIn } from './auth';
import { onReachable, retryNow, unreachable } from './lib/reachability';
import { AttentionMenu } from './features/attention/AttentionMenu';
import { SignInPage } from './features/auth/SignInPage';
import { CatalogPage } from './features/catalog/CatalogPage';
import { ConnectPage } from './features/catalog/ConnectPage';
import { ConnectionPage } from './features/connections/ConnectionPage';
import { ConnectionsPage } from './features/connections/ConnectionsPage';
import { EventsPage } from './features/events/EventsPage';
import { CreateImportPage } from './features/imports/CreateImportPage';
import { ImportPage } from './features/imports/ImportPage';
import { ImportsPage } from './features/imports/ImportsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { SegmentEditorPage } from './features/segments/SegmentEditorPage';
import { SegmentPage } from './features/segments/SegmentPage';
import { SegmentsPage } from './features/segments/SegmentsPage';
import { AuditPage } from './features/settings/AuditPage';
import { AlertsPage } from './features/settings/AlertsPage';
import { currentPath, Link, match, navigate } from './lib/router';
import { EmptyState, Loading } from './lib/ui';

interface Route {
  pattern: string;
  title: string;
  render: (params: Record<string, string>) => JSX.Element;
}

const routes: Route[] = [
  { pattern: '/catalog', title: 'Catalog', render: () => <CatalogPage /> },
  { pattern: '/catalog/:platform/connect', title: 'Connect', render: (p) => <ConnectPage platformId={p.platform} /> },
  { pattern: '/connections', title: 'Connections', render: () => <ConnectionsPage /> },
  { pattern: '/connections/:id', title: 'Connection', render: (p) => <ConnectionPage id={p.id} /> },
  { pattern: '/imports', title: 'Imports', render: () => <ImportsPage /> },
  { pattern: '/imports/new', title: 'Create import', render: () => <CreateImportPage /> },
  { pattern: '/imports/:id', title: 'Import', render: (p) => <ImportPage id={p.id} /> },
  { pattern: '/events', title: 'Events', render: () => <EventsPage /> },
  { pattern: '/settings', title: 'Settings', render: () => <SettingsPage /> },
  { pattern: '/segments', title: 'Segments', render: () => <SegmentsPage /> },
  { pattern: '/segments/new', title: 'Create segment', render: () => <SegmentEditorPage /> },
  { pattern: '/segments/:id/edit', title: 'Edit segment', render: (p) => <SegmentEditorPage id={p.id} /> },
  { pattern: '/segments/:id', title: 'Segment', render: (p) => <SegmentPage id={p.id} /> },
  { pattern: '/settings/audit', title: 'Audit log', render: () => <AuditPage /> },
  { pattern: '/settings/alerts', title: 'Alerts', render: () => <AlertsPage /> },
];

const NAV = [
  { href: '/catalog', label: 'Catalog' },
  { href: '/connections', label: 'Connections' },
  { href: '/imports', label: 'Imports' },
  { href: '/events', label: 'Events' },
  { href: '/segments', label: 'Segments' },
  { href: '/settings', label: 'Settings' },
];

const [bootUnreachable, setBootUnreachable] = createSignal(false);
let wakeBoot: () => void = () => {};

/** The API did not answer (network, server restarting): the key is kept and the app retries on its own. */
function UnreachableNotice() {
  return (
    <div class="notice notice-warning unreachable" role="status">
      <div>
        <strong>Inlet can’t be reached.</strong> Your connection or the server may be down; you are still signed in. Trying again every few seconds…
      </div>
      <button type="button" class="btn btn-small" onClick={() => (bootUnreachable() ? wakeBoot() : retryNow())}>
        Retry now
      </button>
    </div>
  );
}

/** Layout, sign-in gate and routing. The urql client is made per key, so the tree under Provider is keyed by session. */
export function App() {
  // A key kept from earlier in this tab is checked again before the app shows.
  // Only a refused key signs out: an unreachable API keeps the key and tries again until it answers.
  const [restoring] = createResource(async () => {
    const key = storedKey();
    while (key && !session()) {
      const result = await trySignIn(key);
      if (!result.network) {
        if (result.error) signOut('Your saved key no longer works. Sign in again.');
        break;
      }
      setBootUnreachable(true);
      // Again in a few seconds, or at once on "Retry now".
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, 2000);
        const off = onReachable(done);
        wakeBoot = done;
        function done() {
          clearTimeout(t);
          off();
          resolve();
        }
      });
    }
    setBootUnreachable(false);
    return true;
  });
  onMount(() => {
    if (currentPath() === '/') navigate('/connections', { replace: true });
  });

  return (
    <Show
      when={!restoring.loading}
      fallback={
        <main class="boot">
          <h1 class="sr-only">Inlet</h1>
          <Show when={bootUnreachable()} fallback={<Loading label="Starting Inlet…" />}>
            <div class="boot-card">
              <UnreachableNotice />
            </div>
          </Show>
        </main>
      }
    >
      <Show when={session()} keyed fallback={<SignInPage />}>
        {(s) => (
          <Provider value={s.inlet.client}>
            <Shell workspace={s.viewer.workspace.name} isAdmin={s.viewer.isAdmin}>
              <Routes />
            </Shell>
          </Provider>
        )}
      </Show>
    </Show>
  );
}

function Routes() {
  // Memos on the path alone: changing filters (the query string) must not remount the page.
  const path = createMemo(() => (currentPath() === '/' ? '/connections' : currentPath()));
  const resolved = createMemo(() => {
    const p = path();
    for (const route of routes) {
      const params = match(route.pattern, p);
      if (params) return { route, params };
    }
    return null;
  });
  // A new page starts at the top, says where it is in the tab title, and takes focus for screen readers.
  let first = true;
  createEffect(
    on(path, () => {
      document.title = `${resolved()?.route.title ?? 'Not found'} · Inlet`;
      if (first) {
        first = false;
        return;
      }
      window.scrollTo(0, 0);
      document.getElementById('main')?.focus({ preventScroll: true });
    }),
  );
  return (
    <Show
      when={resolved()}
      keyed
      fallback={
        <EmptyState title="Page not found" action={<Link href="/connections" class="btn">Go to connections</Link>}>
          This address does not match a page of Inlet.
        </EmptyState>
      }
    >
      {(r) => r.route.render(r.params)}
    </Show>
  );
}

function Shell(props: { workspace: string; isAdmin: boolean; children: JSX.Element }) {
  const active = (href: string) => currentPath() === href || currentPath().startsWith(href + '/');
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <Link href="/connections" class="brand" aria-label="Inlet home">
            <span class="brand-mark" aria-hidden="true" />
            Inlet
          </Link>
          <nav class="nav" aria-label="Main">
            <For each={NAV}>
              {(item) => (
                <Link href={item.href} class="nav-link" classList={{ active: active(item.href) }} aria-current={active(item.href) ? 'page' : undefined}>
                  {item.label}
                </Link>
              )}
            </For>
          </nav>
          <div class="account">
            <AttentionMenu />
            <span class="workspace" title={props.isAdmin ? 'Signed in with the instance admin key' : 'Workspace'}>
              {props.workspace}
              <Show when={props.isAdmin}>
                <span class="tag">Admin</span>
              </Show>
            </span>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="main" tabindex="-1">
        <Show when={unreachable()}>
          <UnreachableNotice />
        </Show>
        {props.children}
      </main>
    </div>
  );
}
