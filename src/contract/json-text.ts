import { z } from 'zod';
import { locateJsonError } from './json-syntax.ts';

/** Documents (create, modify, save options) travel as JSON text so the user's exact text reaches HCS. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export interface JsonProblem {
  line: number;
  column: number;
  reason: string;
}

/** Line and column (1-based) of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parse JSON text and say where and why it is broken. The place and reason come from our own scan
 * (json-syntax.ts), because JSON.parse's messages differ between engines and often carry no position.
 */
export function checkJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    if (text.trim() === '')
      return { ok: false, problem: { line: 1, column: 1, reason: 'the document is empty' } };
    let located: { offset: number; reason: string } | null;
    try {
      located = locateJsonError(text);
    } catch {
      // The scan recurses once per nesting level; a hostile document can be deeper than the stack.
      return { ok: false, problem: { line: 1, column: 1, reason: 'the document is nested too deeply' } };
    }
    if (located)
      return { ok: false, problem: { ...positionOf(text, located.offset), reason: located.reason } };
    // The scan accepted what JSON.parse refused (it should not happen): keep the engine's own words.
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: { ...positionOf(text, text.length), reason } };
  }
}

/** JSON text that must parse to an object; size-limited. */
export const JsonObjectText = z
  .string()
  .max(MAX_DOCUMENT_BYTES, `a document has at most ${MAX_DOCUMENT_BYTES} characters`)
  .superRefine((text, ctx) => {
    const r = checkJsonText(text);
    if (!r.ok) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid JSON at line ${r.problem.line}, column ${r.problem.column}: ${r.problem.reason}`,
      });
    } else if (typeof r.value !== 'object' || r.value === null || Array.isArray(r.value)) {
      ctx.addIssue({ code: 'custom', message: 'the document must be a JSON object' });
    }
  });
