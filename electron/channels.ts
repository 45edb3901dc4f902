// The IPC channel names the main process uses towards its windows (the preload, bundled apart and sandboxed,
// keeps its own copies of them).

/** The one request channel: (channel, payload) → InvokeResult. */
export const INVOKE_CHANNEL = 'hcs:invoke';
/** Events to the windows: (channel, payload). */
export const EVENT_CHANNEL = 'hcs:event';
