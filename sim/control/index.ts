// The simulator's client, as the app's host layer uses it (src/host: find, check and start a simulator): the
// control API and the endpoint rules (sim/PROTOCOL.md "Endpoint"). Tests and tools may import the files
// themselves.
export { SimControl } from './client.ts';
export { EndpointRefusedError, simSocketPath } from './endpoint.ts';
