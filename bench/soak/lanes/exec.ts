/**
 * Exec sessions with output, through the contract's exec channels, in the seeded exec targets (Running Linux
 * systems no other lane pauses): output drawn exactly (every byte, in order, acknowledged), a console, input
 * and end of input, kill, a signal, output that outruns the replay buffer while nobody is attached, and
 * processes by pid. Every session is forgotten at the end of its step. The browsers show each session as a
 * tab, and the one shown in a Terminals view is attached there too.
 */
import { REPLAY_BUFFER_BYTES } from '../../../src/contract/index.ts';
import { lane, pick, step, think, type SoakContext } from '../context.ts';
import { attach, forgetSession, startSession, untilEnded, untilOutput } from './exec-session.ts';

export const EXEC_KINDS = [
  'exec-output',
  'exec-tty',
  'exec-input',
  'exec-kill',
  'exec-signal',
  'exec-unattached',
  'exec-processes',
] as const;

const SEQ_LINES = 20_000;
/** More than the replay buffer, so that its oldest output is dropped while nobody is attached. */
const UNATTACHED_BYTES = 3 * REPLAY_BUFFER_BYTES;

/** The bytes `seq 1 n` writes. */
export function seqBytes(n: number): number {
  let bytes = 0;
  for (let i = 1; i <= n; i++) bytes += String(i).length + 1;
  return bytes;
}

function expectExit(code: number | null, expected: number | 'nonzero', what: string): void {
  if (expected === 'nonzero' ? code === 0 || code === null : code !== expected)
    throw new Error(`${what} exited with ${code}, not ${expected}`);
}

async function run(ctx: SoakContext, kind: (typeof EXEC_KINDS)[number]): Promise<void> {
  const { client } = ctx;
  const id = pick(ctx.world.execIds);
  const marker = `soak-${kind}-${ctx.next()}`;
  const sessions: string[] = [];
  const started = async (commandLine: string, tty: boolean) => {
    const session = await startSession(client, id, commandLine, tty);
    sessions.push(session.sessionId);
    return session.sessionId;
  };
  try {
    switch (kind) {
      case 'exec-output': {
        const sessionId = await started(`seq 1 ${SEQ_LINES}`, false);
        const drawn = await attach(client, sessionId);
        const expected = seqBytes(SEQ_LINES);
        expectExit((await untilEnded(client, sessionId)).exitCode, 0, 'seq');
        await client.until(() => drawn.next >= expected, 60_000, `${expected} bytes of output`);
        if (drawn.next !== expected || drawn.gaps !== 0)
          throw new Error(`drew ${drawn.next} bytes with ${drawn.gaps} missing, not ${expected}`);
        break;
      }
      case 'exec-tty': {
        const sessionId = await started(`echo ${marker}; seq 1 3000; echo end-${marker}`, true);
        const drawn = await attach(client, sessionId);
        await untilOutput(client, drawn, `end-${marker}`);
        expectExit((await untilEnded(client, sessionId)).exitCode, 0, 'a console session');
        break;
      }
      case 'exec-input': {
        const sessionId = await started('cat', false);
        const drawn = await attach(client, sessionId);
        await client.request('exec.input', { sessionId, data: `${marker}\n` });
        await untilOutput(client, drawn, marker);
        await client.request('exec.closeStdin', { sessionId });
        expectExit((await untilEnded(client, sessionId)).exitCode, 0, 'cat after end of input');
        break;
      }
      case 'exec-kill': {
        const sessionId = await started(`while :; do echo ${marker}; sleep 0.2; done`, false);
        const drawn = await attach(client, sessionId);
        await untilOutput(client, drawn, marker);
        await client.request('exec.kill', { sessionId });
        expectExit((await untilEnded(client, sessionId)).exitCode, 'nonzero', 'a killed process');
        break;
      }
      case 'exec-signal': {
        const sessionId = await started(`echo ${marker}; sleep 600`, true);
        const drawn = await attach(client, sessionId);
        await untilOutput(client, drawn, marker);
        const { delivered } = await client.request('exec.signal', { sessionId, signal: 'CtrlC' });
        if (!delivered) throw new Error('Ctrl+C was not delivered');
        expectExit((await untilEnded(client, sessionId)).exitCode, 'nonzero', 'an interrupted process');
        break;
      }
      case 'exec-unattached': {
        const sessionId = await started(`head -c ${UNATTACHED_BYTES} /dev/zero | tr '\\0' x`, false);
        expectExit((await untilEnded(client, sessionId)).exitCode, 0, 'head | tr');
        const { replay } = await client.request('exec.attach', { sessionId });
        if (replay.end !== UNATTACHED_BYTES || replay.end - replay.start > REPLAY_BUFFER_BYTES)
          throw new Error(`replay [${replay.start}, ${replay.end}) of ${UNATTACHED_BYTES} bytes`);
        await client.request('exec.detach', { sessionId });
        break;
      }
      case 'exec-processes': {
        const sessionId = await started(`echo ${marker}; sleep 600`, false);
        await client.until(() => client.sessions.get(sessionId)?.pid != null, 60_000, 'the session pid');
        const pid = client.sessions.get(sessionId)!.pid!;
        const list = await client.request('systems.processes', { id });
        if (!list.v1?.some((p) => p.ProcessId === pid))
          throw new Error(`pid ${pid} is not in the process list`);
        await client.request('processes.properties', { id, pid });
        const { session: byPid } = await client.request('processes.attach', { id, pid });
        sessions.push(byPid.sessionId);
        await client.request('processes.kill', { id, pid });
        await untilEnded(client, sessionId);
        await untilEnded(client, byPid.sessionId);
        break;
      }
    }
  } finally {
    for (const sessionId of sessions)
      await forgetSession(client, sessionId).catch((e: unknown) =>
        ctx.log(`exec: could not forget ${sessionId}: ${String(e)}`),
      );
  }
}

/** `workers` sessions at a time, each worker going through every kind in turn. */
export function execLane(ctx: SoakContext, workers: number, limitMs: number): Promise<void> {
  const worker = (offset: number) => {
    let i = offset;
    return lane(
      ctx,
      EXEC_KINDS,
      async () => {
        const kind = EXEC_KINDS[i++ % EXEC_KINDS.length]!;
        await step(ctx, kind, () => run(ctx, kind));
        await think(ctx, 1500);
      },
      limitMs,
    );
  };
  return Promise.all(Array.from({ length: workers }, (_, w) => worker(w * 3))).then(() => undefined);
}
