import type { ConnectionStatus } from './connection.entity.js';

/**
 * Every allowed connection status transition, in one table. Anything else is refused.
 * INACTIVE can be validated again (the seed forces a new connection; Inlet does better);
 * DEPRECATED is left only when the platform is un-retired in configuration.
 */
export const CONNECTION_TRANSITIONS: Record<ConnectionStatus | 'NEW', readonly ConnectionStatus[]> = {
  NEW: ['PROCESSING'],
  PROCESSING: ['ACTIVE', 'INACTIVE', 'DEPRECATED', 'PROCESSING'],
  ACTIVE: ['PROCESSING', 'INACTIVE', 'DEPRECATED'],
  INACTIVE: ['PROCESSING', 'DEPRECATED'],
  DEPRECATED: ['PROCESSING'],
};

export function canTransition(from: ConnectionStatus | null, to: ConnectionStatus): boolean {
  return CONNECTION_TRANSITIONS[from ?? 'NEW'].includes(to);
}

/**
 * Why an import run cannot read through this connection now, or null when it is ACTIVE: one wording for the
 * scheduler's skipped runs, a refused "run now" and a run that finds its connection changed.
 */
export function notUsableReason(connection: { name: string; status: ConnectionStatus; statusReason: string | null }): string | null {
  const name = `Connection "${connection.name}"`;
  switch (connection.status) {
    case 'ACTIVE':
      return null;
    case 'PROCESSING':
      return `${name} is being validated (PROCESSING): run the import again once it is ACTIVE`;
    case 'DEPRECATED':
      return `${name} is DEPRECATED: its imports keep their history but cannot run`;
    default:
      return `${name} is ${connection.status}${connection.statusReason ? `: ${connection.statusReason}` : ''}`;
  }
}
