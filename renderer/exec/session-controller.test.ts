import { describe, expect, it } from 'vitest';
import { execSession } from '../test-support/fixtures.ts';
import { FakeApi } from '../test-support/fake-api.ts';
import { FakeSurface } from '../test-support/fake-surface.ts';
import { OutputRouter } from './output-router.ts';
import { SessionController, type SessionProblem } from './session-controller.ts';

const enc = new TextEncoder();

function setup(tty: boolean, handlers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const api = new FakeApi({
    'exec.attach': ({ sessionId }) => ({
      session: execSession(sessionId, { tty }),
      replay: { start: 0, end: 0 },
    }),
    'exec.ack': () => ({}),
    'exec.input': () => ({}),
    'exec.detach': () => ({}),
    ...handlers,
  });
  const router = new OutputRouter(api);
  const surface = new FakeSurface(null as unknown as HTMLElement, { tty, dark: false, label: 't' });
  const problems: SessionProblem[] = [];
  const sessions: string[] = [];
  const controller = new SessionController({
    api,
    router,
    session: { sessionId: 's1', tty },
    surface,
    onSession: (s) => sessions.push(s.sessionId),
    onProblem: (p) => problems.push(p),
  });
  return { api, router, surface, controller, problems, sessions };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SessionController', () => {
  it('draws frames that arrive before the attach answer, and only its own session', async () => {
    const { api, surface, controller, sessions } = setup(true);
    api.emitOutput({ sessionId: 's1', stream: 'replay-stdout', seq: 0, data: enc.encode('earlier ') });
    api.emitOutput({ sessionId: 'other', stream: 'stdout', seq: 0, data: enc.encode('not mine') });
    expect(await controller.attach()).toBe(true);
    api.emitOutput({ sessionId: 's1', stream: 'stdout', seq: 8, data: enc.encode('live') });
    expect(surface.written).toBe('earlier live');
    expect(sessions).toEqual(['s1']);
  });

  it('sends console input as it is typed, split when large', async () => {
    const { api, surface } = setup(true);
    surface.type('ls\r');
    surface.type('\x03');
    await settle();
    expect(api.callsTo('exec.input')).toEqual([
      { sessionId: 's1', data: 'ls\r' },
      { sessionId: 's1', data: '\x03' },
    ]);
  });

  it('without a console: echoes, sends lines, Ctrl+C signals and Ctrl+D closes the input', async () => {
    const { api, surface } = setup(false, {
      'exec.signal': () => ({ delivered: true }),
      'exec.closeStdin': () => ({}),
    });
    surface.type('hi\r');
    surface.type('\x03');
    surface.type('\x04');
    await settle();
    expect(surface.written).toBe('hi\r\n^C\r\n');
    expect(api.callsTo('exec.input')).toEqual([{ sessionId: 's1', data: 'hi\n' }]);
    expect(api.callsTo('exec.signal')).toEqual([{ sessionId: 's1', signal: 'CtrlC' }]);
    expect(api.callsTo('exec.closeStdin')).toEqual([{ sessionId: 's1' }]);
  });

  it('reports failed requests and signals that found no process', async () => {
    const { controller, problems, surface } = setup(true, {
      'exec.signal': () => ({ delivered: false }),
      'exec.input': () => {
        throw new Error('This session has no open input.');
      },
    });
    surface.type('x');
    await controller.signal('CtrlC');
    await controller.kill();
    await settle();
    expect(problems.map((p) => p.message)).toEqual([
      'The input was not delivered',
      'Ctrl+C was not delivered: the process had ended.',
      'Could not kill the process',
    ]);
    expect(problems[0]!.error?.message).toBe('This session has no open input.');
    expect(problems[2]!.error?.message).toBe('no handler for exec.kill');
  });

  it('acks drawn bytes and stops routing and acking once disposed', async () => {
    const { api, surface, controller } = setup(true);
    surface.autoDraw = false;
    api.emitOutput({ sessionId: 's1', stream: 'stdout', seq: 0, data: new Uint8Array(10_000) });
    expect(api.callsTo('exec.ack')).toEqual([]);
    surface.drawAll();
    expect(api.callsTo('exec.ack')).toEqual([{ sessionId: 's1', bytes: 10_000 }]);
    controller.detach();
    controller.dispose();
    api.emitOutput({ sessionId: 's1', stream: 'stdout', seq: 10_000, data: new Uint8Array(10_000) });
    surface.drawAll();
    expect(api.callsTo('exec.ack')).toHaveLength(1);
    expect(api.callsTo('exec.detach')).toEqual([{ sessionId: 's1' }]);
  });

  it('reports an attach that fails', async () => {
    const { controller, problems } = setup(true, {
      'exec.attach': () => {
        throw new Error('There is no process session s1.');
      },
    });
    expect(await controller.attach()).toBe(false);
    expect(problems[0]).toMatchObject({
      intent: 'error',
      message: 'Could not show the output of this process',
    });
  });
});
