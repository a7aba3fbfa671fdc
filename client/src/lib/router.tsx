import { createSignal, type JSX, splitProps } from 'solid-js';

/**
 * Hash routing (`#/connections/abc?status=ACTIVE`): no server rewrites needed, and filters live in the URL
 * so a reload or a shared link keeps them.
 */
function read(): { path: string; query: URLSearchParams } {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

const [location, setLocation] = createSignal(read());
window.addEventListener('hashchange', () => setLocation(read()));

/** The current path (without the query string). */
export const currentPath = () => location().path;
/** The current query string parameters. */
export const currentQuery = () => location().query;

/** Goes to a path; `replace` keeps the browser history from growing (used for filters). */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const hash = '#' + to;
  if (opts.replace) {
    history.replaceState(null, '', hash);
    setLocation(read());
  } else if (window.location.hash !== hash) {
    window.location.hash = hash;
  } else {
    setLocation(read());
  }
}

/** Sets (or, with an empty value, removes) query parameters of the current path. */
export function setQuery(params: Record<string, string | null | undefined>): void {
  const query = new URLSearchParams(currentQuery());
  for (const [k, v] of Object.entries(params)) {
    if (v) query.set(k, v);
    else query.delete(k);
  }
  const qs = query.toString();
  navigate(currentPath() + (qs ? `?${qs}` : ''), { replace: true });
}

/** Matches `/connections/:id` against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** A link to an app path. */
export function Link(props: { href: string; children: JSX.Element } & Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const [local, rest] = splitProps(props, ['href', 'children']);
  return (
    <a href={'#' + local.href} {...rest}>
      {local.children}
    </a>
  );
}
