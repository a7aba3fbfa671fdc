import { ConnectionStatusChangedDocument, type ConnectionStatusChangedSubscription } from '../../gql/graphql';
import { onSubscription } from '../../lib/subscriptions';

export type StatusEvent = ConnectionStatusChangedSubscription['connectionStatusChanged'];

/** Calls `onEvent` for every status transition (of one connection, or of all) while the component lives. */
export function onConnectionStatus(connectionId: () => string | null, onEvent: (event: StatusEvent) => void): void {
  onSubscription(ConnectionStatusChangedDocument, () => ({ connectionId: connectionId() }), (result) => {
    const event = result.data?.connectionStatusChanged;
    if (event) onEvent(event);
  });
}
