import type DataLoader from 'dataloader';
import type { Services } from '../services.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { forbidden, unauthenticated } from './errors.js';
import { createLoaders } from './loaders.js';

/** What every resolver gets: the caller, the services, and per-request loaders (no N+1 in field resolvers). */
export interface Context {
  principal: Principal;
  services: Services;
  loaders: ReturnType<typeof createLoaders>;
}

/** Reads `Bearer <key>` from an Authorization value. */
export function bearer(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1]! : null;
}

/** Authenticates a request (HTTP header or graphql-ws connectionParams) and builds its context. */
export async function buildContext(services: Services, authorization: unknown): Promise<Context> {
  const key = bearer(authorization);
  if (!key) throw unauthenticated();
  const principal = await services.workspaces.authenticate(key);
  if (!principal) throw unauthenticated('The API key is unknown or has been revoked');
  if (principal.scope === 'EVENTS') throw forbidden('An events key may only send events (POST /v1/events); use a workspace key for the GraphQL API');
  return { principal, services, loaders: createLoaders(services, principal) };
}

export type { DataLoader };
