/** The part of xterm's IBuffer that reading its text needs (tests pass a fake). */
export interface BufferLike {
  readonly length: number;
  getLine(
    y: number,
  ): { readonly isWrapped: boolean; translateToString(trimRight?: boolean): string } | undefined;
}

/**
 * The whole buffer (scrollback and screen) as text: a row the terminal wrapped continues the line before it,
 * trailing blanks are trimmed and the empty lines below the last output are left out.
 */
export function bufferText(buffer: BufferLike): string {
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) {
    const line = buffer.getLine(y);
    if (!line) continue;
    // Untrimmed: the spaces at the end of a row that wraps are part of the line.
    const text = line.translateToString(false);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  const trimmed = lines.map((line) => line.replace(/\s+$/, ''));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.join('\n');
}
