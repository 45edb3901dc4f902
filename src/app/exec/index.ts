// Exec sessions: processes in compute systems with streamed stdio (see src/contract/exec.ts).
export { ExecManager, type OutputCarrier } from './manager.ts';
export { signalOptionsFor } from './process-config.ts';
