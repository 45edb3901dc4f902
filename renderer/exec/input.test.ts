import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../src/contract/index.ts';
import { inputChunks } from './input-chunks.ts';
import { LineEditor } from './line-editor.ts';

function editor() {
  const log: string[] = [];
  const lines = new LineEditor({
    echo: (text) => log.push(`echo:${text}`),
    send: (text) => log.push(`send:${text}`),
    eof: () => log.push('eof'),
    interrupt: () => log.push('interrupt'),
  });
  return { lines, log };
}

describe('LineEditor (input without a console)', () => {
  it('echoes typing and sends the line on Enter', () => {
    const { lines, log } = editor();
    for (const key of ['l', 's', '\r']) lines.feed(key);
    expect(log).toEqual(['echo:l', 'echo:s', 'echo:\r\n', 'send:ls\n']);
    expect(lines.pending).toBe('');
  });

  it('edits the line with Backspace (whole characters) and Ctrl+U', () => {
    const { lines, log } = editor();
    lines.feed('a😀');
    lines.feed('\x7f');
    expect(lines.pending).toBe('a');
    lines.feed('bc\x15x\r');
    expect(log.at(-1)).toBe('send:x\n');
    expect(log).toContain('echo:\b \b');
  });

  it('sends each line of a paste and keeps the unfinished one', () => {
    const { lines, log } = editor();
    lines.feed('one\r\ntwo\rthr');
    expect(log).toEqual(['echo:one\r\ntwo\r\nthr', 'send:one\ntwo\n']);
    expect(lines.pending).toBe('thr');
  });

  it('Ctrl+D ends the input on an empty line, else sends the line without a newline', () => {
    const { lines, log } = editor();
    lines.feed('abc\x04');
    expect(log).toEqual(['echo:abc', 'send:abc']);
    lines.feed('\x04');
    expect(log.at(-1)).toBe('eof');
    const second = editor();
    second.lines.feed('last\r\x04');
    expect(second.log).toEqual(['echo:last\r\n', 'send:last\n', 'eof']);
  });

  it('Ctrl+C interrupts and drops the line being edited', () => {
    const { lines, log } = editor();
    lines.feed('half');
    lines.feed('\x03');
    expect(log).toEqual(['echo:half', 'echo:^C\r\n', 'interrupt']);
    expect(lines.pending).toBe('');
  });

  it('ignores cursor keys and other escape sequences', () => {
    const { lines } = editor();
    lines.feed('a\x1b[Db\x1bOAc\x1b[1;5Cd');
    expect(lines.pending).toBe('abcd');
  });
});

describe('inputChunks', () => {
  it('keeps small input whole and sends nothing for none', () => {
    expect(inputChunks('hello')).toEqual(['hello']);
    expect(inputChunks('')).toEqual([]);
  });

  it('splits large input by UTF-8 size without cutting a surrogate pair', () => {
    const text = 'ab😀cd😀€';
    const chunks = inputChunks(text, 5);
    expect(chunks.join('')).toBe(text);
    for (const piece of chunks) expect(utf8Length(piece)).toBeLessThanOrEqual(5);
    expect(chunks).toEqual(['ab', '😀c', 'd😀', '€']);
  });
});
