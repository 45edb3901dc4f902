import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wrapStdio } from './stdio.ts';
import { INVALID_HANDLE_VALUE } from './ffi/pointers.ts';

describe('wrapStdio', () => {
  it('wraps present handles and leaves absent ones (0, INVALID_HANDLE_VALUE) null', () => {
    const opened: Array<[bigint, boolean]> = [];
    const stdio = wrapStdio(
      { processId: 1, stdInput: 10n, stdOutput: 0n, stdError: INVALID_HANDLE_VALUE },
      (h, readable) => {
        opened.push([h, readable]);
        return new PassThrough();
      },
      () => {
        throw new Error('nothing to close');
      },
    );
    expect(opened).toEqual([[10n, false]]);
    expect(stdio.stdin).not.toBeNull();
    expect(stdio.stdout).toBeNull();
    expect(stdio.stderr).toBeNull();
  });

  it('on a failure destroys what it made, closes what it did not wrap, and rethrows', () => {
    const made: PassThrough[] = [];
    const closed: bigint[] = [];
    expect(() =>
      wrapStdio(
        { processId: 1, stdInput: 10n, stdOutput: 11n, stdError: 12n },
        (h) => {
          if (h === 11n) throw new Error('EBADF');
          const s = new PassThrough();
          made.push(s);
          return s;
        },
        (h) => closed.push(h),
      ),
    ).toThrow('EBADF');
    expect(made).toHaveLength(1);
    expect(made[0]!.destroyed).toBe(true);
    expect(closed).toEqual([11n, 12n]);
  });

  it('swallows stream errors so an EPIPE after exit cannot crash the process', () => {
    const stdio = wrapStdio(
      { processId: 1, stdInput: 10n, stdOutput: 0n, stdError: 0n },
      () => new PassThrough(),
      () => {},
    );
    expect(() => stdio.stdin!.emit('error', new Error('EPIPE'))).not.toThrow();
  });
});
