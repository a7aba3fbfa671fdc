import type DataLoader from 'dataloader';
import type { Services } from '../services.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { forbidden, unauthenticated } from './errors.js';
import { createLoaders } from './loaders.js';

type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver gets: the caller, the services, and per-request loaders (no N+1 in field resolvers). */
export interface Context {
  principal: Principal;
  services: Services;
  loaders: Loaders;
}

/**
 * One request's context. Its loaders are made when a resolver first asks for them, once per request as before:
 * most requests (a lookup such as `userSegments`, the viewer) use none, and making the eight of them was part of
 * every request's fixed cost. A class, so that the getter survives Apollo's copy of the context (it copies own
 * properties onto an object of the same prototype).
 */
class RequestContext implements Context {
  private made: Loaders | undefined = undefined;

  constructor(
    readonly principal: Principal,
    readonly services: Services,
  ) {}

  get loaders(): Loaders {
    return (this.made ??= createLoaders(this.services, this.principal));
  }
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
  return new RequestContext(principal, services);
}

export type { DataLoader };
