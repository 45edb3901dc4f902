import { describe, expect, it, vi } from 'vitest';
import { answerMessage } from './wire.ts';

const core = () => ({ handle: vi.fn(async () => 'done') });
const answer = (c: ReturnType<typeof core>, message: unknown) =>
  answerMessage(
    c as never,
    Buffer.from(typeof message === 'string' ? message : JSON.stringify(message)),
    false,
  );

describe('wire envelope', () => {
  it('takes exactly t, id, channel and payload', async () => {
    const c = core();
    expect(await answer(c, { t: 'req', id: 3, channel: 'systems.list', payload: {} })).toEqual({
      t: 'res',
      id: 3,
      ok: true,
      result: 'done',
    });
    expect(c.handle).toHaveBeenCalledTimes(1);
  });

  it('refuses any other field, prototype keys included, before the contract and the core', async () => {
    const c = core();
    for (const key of ['__proto__', 'constructor', 'extra', 'result']) {
      const text = `{"t":"req","id":4,"channel":"systems.list","payload":{},${JSON.stringify(key)}:{"x":1}}`;
      expect(await answer(c, text), key).toMatchObject({
        id: 4,
        ok: false,
        error: { message: `unexpected field ${JSON.stringify(key)} in the message` },
      });
    }
    expect(c.handle).not.toHaveBeenCalled();
  });
});
