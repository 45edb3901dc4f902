import { z } from 'zod';

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
 * Parse JSON text and say where and why it is broken. V8's messages carry "position N" (or line/column in
 * newer versions); both are turned into a line and a column.
 */
export function checkJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    let where = { line: 1, column: 1 };
    if (lc) where = { line: Number(lc[1]), column: Number(lc[2]) };
    else if (pos) where = positionOf(text, Number(pos[1]));
    else if (text.trim() === '') where = { line: 1, column: 1 };
    else where = positionOf(text, text.length);
    const reason = message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').trim();
    return { ok: false, problem: { ...where, reason: text.trim() === '' ? 'the document is empty' : reason } };
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
