/** What the line editor does with keys: show them, send a line, end the input, interrupt. */
export interface LineEditorEffects {
  echo(text: string): void;
  send(text: string): void;
  /** Ctrl+D on an empty line: end of input. */
  eof(): void;
  /** Ctrl+C: the process is interrupted (a signal; nothing is sent on stdin). */
  interrupt(): void;
}

const ESC = '\x1b';

/**
 * Input for a process without a console. Nothing in between turns keys into lines there (no pty with its line
 * discipline), so this does what a terminal's cooked mode would: typed text is echoed and can be edited
 * (Backspace, Ctrl+U), Enter sends the line with "\n", Ctrl+D sends the line as it is or, on an empty line,
 * ends the input (EOF), Ctrl+C interrupts. A paste of several lines sends each complete line; the rest stays
 * on the line being edited. Cursor keys and other escape sequences are ignored.
 */
export class LineEditor {
  private line = '';

  constructor(private readonly effects: LineEditorEffects) {}

  /** The line being edited (not sent yet). */
  get pending(): string {
    return this.line;
  }

  /** Keys typed or text pasted, as xterm reports them (onData). */
  feed(data: string): void {
    let out = '';
    let echo = '';
    // Effects happen in the order typed: lines before an interrupt or EOF are sent before it.
    const emit = () => {
      if (echo) this.effects.echo(echo);
      if (out) this.effects.send(out);
      out = echo = '';
    };
    const chars = Array.from(data);
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === '\r' || c === '\n') {
        // A pasted CRLF is one line end.
        if (c === '\r' && chars[i + 1] === '\n') i++;
        out += `${this.line}\n`;
        echo += '\r\n';
        this.line = '';
      } else if (c === '\x7f' || c === '\b') {
        if (this.line.length > 0) {
          this.line = Array.from(this.line).slice(0, -1).join('');
          echo += '\b \b';
        }
      } else if (c === '\x15') {
        echo += '\b \b'.repeat(Array.from(this.line).length);
        this.line = '';
      } else if (c === '\x03') {
        this.line = '';
        echo += '^C\r\n';
        emit();
        this.effects.interrupt();
      } else if (c === '\x04') {
        if (this.line === '') {
          emit();
          this.effects.eof();
        } else {
          out += this.line;
          this.line = '';
        }
      } else if (c === ESC) {
        i = skipEscape(chars, i);
      } else if (c === '\t' || c >= ' ') {
        this.line += c;
        echo += c;
      }
    }
    emit();
  }
}

/** The index of the last character of the escape sequence starting at `i` (CSI, SS3 or a two-character one). */
function skipEscape(chars: string[], i: number): number {
  const next = chars[i + 1];
  if (next === '[') {
    let j = i + 2;
    // Parameters and intermediates, then one final byte in @..~.
    while (j < chars.length && !(chars[j]! >= '@' && chars[j]! <= '~')) j++;
    return Math.min(j, chars.length - 1);
  }
  if (next === 'O') return Math.min(i + 2, chars.length - 1);
  return next === undefined ? i : i + 1;
}
