/**
 * The base layer: small helpers every layer may import, the renderer and the simulator included. It imports
 * nothing (no Node built-ins, no packages), so it runs unchanged in Node, Electron's renderer and a browser.
 */
export { Backoff, backoffDelay, type BackoffPolicy } from './backoff.ts';
export { closeQuietly } from './close-quietly.ts';
export { formatHresult } from './hresult-format.ts';
export { UsageError } from './usage-error.ts';
export { describeJsonError, parseJsonText, positionOf } from './json-syntax.ts';
