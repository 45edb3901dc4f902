import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { parseJsonText } from '../base/index.ts';

/** Documents (create, modify, save options) travel as JSON text so the user's exact text reaches HCS. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export interface JsonProblem {
  line: number;
  column: number;
  reason: string;
}

/** Parse JSON text and say where (line, column) and why it is broken (src/base/json-syntax.ts). */
export function checkJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  const r = parseJsonText(text);
  if (r.ok) return r;
  return { ok: false, problem: { line: r.line, column: r.column, reason: r.reason } };
}

/** JSON text that must parse to an object; size-limited. */
export const JsonObjectText = lazySchema(() =>
  z
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
    }),
);
