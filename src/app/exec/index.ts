// Exec sessions: processes in compute systems with streamed stdio (see src/contract/exec.ts).
export {
  ExecManager,
  MAX_SESSIONS,
  type ExecManagerDeps,
  type ExecHandlers,
  type OutputCarrier,
} from './manager.ts';
export type { BackendProcess, ExecProcessConfig } from './backend-process.ts';
