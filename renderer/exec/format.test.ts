import { describe, expect, it } from 'vitest';
import { execSession } from '../test-support/fixtures.ts';
import { bufferText, type BufferLike } from './buffer-text.ts';
import { exitSentence, formatExitCode, formatRunTime, statusLine, tabName } from './format.ts';

describe('exec formatting', () => {
  it('formats run times and exit codes', () => {
    expect(formatRunTime(1234)).toBe('1.2 s');
    expect(formatRunTime(42_000)).toBe('42 s');
    expect(formatRunTime(185_000)).toBe('3 min 5 s');
    expect(formatRunTime(2 * 3600_000 + 600_000)).toBe('2 h 10 min');
    expect(formatExitCode(0)).toBe('0');
    expect(formatExitCode(-1073741510)).toBe('-1073741510 (0xC000013A)');
  });

  it('says how a session ended', () => {
    const exited = execSession('s', { state: 'exited', exitCode: 0, startedAt: 1000, exitedAt: 2200 });
    expect(exitSentence(exited)).toBe('Exited with code 0 after 1.2 s');
    expect(statusLine(exited)).toBe('Exited with code 0 after 1.2 s');
    expect(tabName({ ...exited, commandLine: 'sh -c ls' })).toBe('sh -c ls — exited 0');
    expect(exitSentence({ ...exited, exitCode: null })).toBe('Exited with an unknown code after 1.2 s');
    const failed = execSession('f', {
      state: 'failed',
      error: { message: 'The directory name is invalid.', events: [] },
    });
    expect(statusLine(failed)).toBe('Failed to start: The directory name is invalid.');
    expect(tabName(failed)).toBe('cmd-f — failed');
    const orphaned = execSession('o', {
      state: 'orphaned',
      error: { message: 'The system stopped.', events: [] },
    });
    expect(statusLine(orphaned)).toBe('Orphaned: The system stopped. Its output stays readable.');
  });

  it('describes a running session by what does not tick', () => {
    expect(statusLine(execSession('r', { size: { cols: 80, rows: 24 } }))).toMatch(
      /^Running since .* · pid 42 · console 80×24$/,
    );
    expect(statusLine(execSession('p', { tty: false, size: null }))).toMatch(/ · input open$/);
  });
});

describe('bufferText', () => {
  const buffer = (rows: Array<[string, boolean]>): BufferLike => ({
    length: rows.length,
    getLine: (y) => {
      const row = rows[y];
      return row && { isWrapped: row[1], translateToString: (trim) => (trim ? row[0].trimEnd() : row[0]) };
    },
  });

  it('joins wrapped rows, trims line ends and drops the empty rows at the bottom', () => {
    expect(
      bufferText(
        buffer([
          ['abc ', false],
          ['de  ', true],
          ['f   ', true],
          ['next', false],
          ['    ', false],
          ['    ', false],
        ]),
      ),
    ).toBe('abc de  f\nnext');
  });
});
