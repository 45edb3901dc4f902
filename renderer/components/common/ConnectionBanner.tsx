import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useApp } from '../../store/context.tsx';

/**
 * Says when the window cannot reach the app (the transport) or the app cannot reach HCS (the service);
 * both clear themselves on recovery, and the list then refreshes from the snapshot.
 */
export function ConnectionBanner() {
  const connection = useApp((s) => s.connection);
  const service = useApp((s) => s.service);
  if (connection === 'connecting') {
    return (
      <div role="status">
        <MessageBar intent="info">
          <MessageBarBody>Connecting to HCS Desktop…</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  if (connection === 'reconnecting') {
    return (
      <div role="alert">
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Connection to HCS Desktop lost — reconnecting…</MessageBarTitle>
            The list shows the last known state until the connection is back.
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  if (service && !service.connected) {
    return (
      <div role="alert">
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>HCS service is not available — reconnecting…</MessageBarTitle>
            {service.message}
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return null;
}
