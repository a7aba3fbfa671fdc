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
