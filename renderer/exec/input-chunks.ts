import { MAX_INPUT_BYTES, utf8Length } from '../../src/contract/index.ts';

/**
 * Splits input text into pieces of at most `maxBytes` of UTF-8 each (one `exec.input` each), never between the
 * two halves of a surrogate pair. A large paste becomes several requests, sent in order.
 */
export function inputChunks(text: string, maxBytes = MAX_INPUT_BYTES): string[] {
  if (utf8Length(text) <= maxBytes) return text === '' ? [] : [text];
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code > 0xffff ? 4 : 3;
    if (bytes + size > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}
