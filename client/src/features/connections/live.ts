import { useClient } from '@urql/solid';
import { createEffect, onCleanup, untrack } from 'solid-js';
import { ConnectionStatusChangedDocument, type ConnectionStatusChangedSubscription } from '../../gql/graphql';

export type StatusEvent = ConnectionStatusChangedSubscription['connectionStatusChanged'];

/**
 * Calls `onEvent` for every status transition (of one connection, or of all) while the component lives.
 * A callback per event rather than @urql/solid's createSubscription store, which keeps only the latest value
 * and would merge two events of the same shape into one update.
 */
export function onConnectionStatus(connectionId: () => string | null, onEvent: (event: StatusEvent) => void): void {
  const client = useClient();
  createEffect(() => {
    const id = connectionId();
    const { unsubscribe } = client.subscription(ConnectionStatusChangedDocument, { connectionId: id }).subscribe((result) => {
      const event = result.data?.connectionStatusChanged;
      if (event) untrack(() => onEvent(event));
    });
    onCleanup(unsubscribe);
  });
}
