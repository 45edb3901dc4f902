// Exec sessions: processes in compute systems with streamed stdio (see src/contract/exec.ts).
export { ExecManager, MAX_SESSIONS, type ExecManagerDeps, type ExecHandlers } from './manager.ts';
export { ExecClient } from './client.ts';
export type { BackendProcess, ExecProcessConfig } from './backend-process.ts';
export { coreConnection, type CoreConnection } from './connection.ts';
