/** Exec sessions through the contract, as the soak's lanes use them. */
import type { ExecSession } from '../../../src/contract/index.ts';
import type { ContractClient, DrawnOutput } from '../contract-client.ts';

const SESSION_MS = 120_000;
const ENDED = new Set(['exited', 'failed', 'orphaned']);

/** Starts `commandLine` in system `id` (a console of 120×30 when `tty`). Fails if HCS refused it. */
export async function startSession(
  client: ContractClient,
  id: string,
  commandLine: string,
  tty: boolean,
): Promise<ExecSession> {
  const { session } = await client.request('exec.start', { id, commandLine, tty, cols: 120, rows: 30 });
  if (session.state === 'failed') {
    // The app keeps a failed session (to show why) until it is forgotten: forgotten here, as a user closes it.
    await forgetSession(client, session.sessionId).catch(() => undefined);
    throw new Error(`exec in ${id} failed: ${session.error?.message ?? ''}`);
  }
  return session;
}

/** Attaches this client to a session and draws its output (replay first). */
export async function attach(client: ContractClient, sessionId: string): Promise<DrawnOutput> {
  const drawn = client.drawOutput(sessionId);
  await client.request('exec.attach', { sessionId });
  return drawn;
}

export function ended(client: ContractClient, sessionId: string): boolean {
  const state = client.sessions.get(sessionId)?.state;
  return state !== undefined && ENDED.has(state);
}

/** Until the session has ended; resolves with it as last described. */
export async function untilEnded(client: ContractClient, sessionId: string): Promise<ExecSession> {
  await client.until(() => ended(client, sessionId), SESSION_MS, `session ${sessionId} to end`);
  return client.sessions.get(sessionId)!;
}

/** Until the drawn output contains `marker`. */
export function untilOutput(client: ContractClient, drawn: DrawnOutput, marker: string): Promise<void> {
  return client.until(() => drawn.tail.includes(marker), SESSION_MS, `output "${marker}"`);
}

/** Detaches (if attached) and forgets a session, until the server says it is gone. */
export async function forgetSession(client: ContractClient, sessionId: string): Promise<void> {
  client.forgetOutput(sessionId);
  if (!ended(client, sessionId)) {
    await client.request('exec.kill', { sessionId }).catch(() => undefined);
    await untilEnded(client, sessionId);
  }
  await client.request('exec.forget', { sessionId });
  await client.until(() => !client.sessions.has(sessionId), SESSION_MS, `session ${sessionId} to be removed`);
}
