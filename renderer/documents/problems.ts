import { positionOf } from '../../src/base/index.ts';
import { checkJsonText } from '../../src/contract/index.ts';

/** One thing wrong with a document, where it is (1-based) and why. */
export interface DocumentProblem {
  line: number;
  column: number;
  reason: string;
}

export type Parsed =
  | { ok: true; value: Record<string, unknown>; keys: Map<string, number> }
  | { ok: false; problems: DocumentProblem[] };

/**
 * Offsets of the top-level keys of a JSON object text (which parsed already), so a shape problem can
 * point at the line of the key it is about.
 */
export function topLevelKeyOffsets(text: string): Map<string, number> {
  const keys = new Map<string, number>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      let raw = '';
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') raw += text[i++];
        raw += text[i];
      }
      if (depth === 1 && expectKey) {
        try {
          const key = JSON.parse(`"${raw}"`) as string;
          if (!keys.has(key)) keys.set(key, start);
        } catch {
          // Unreachable for text JSON.parse accepted; skip rather than guess.
        }
      }
      expectKey = false;
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = c === '{' && depth === 1;
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return keys;
}

/** Parse a document that must be a JSON object; the contract's checkJsonText says where and why it is broken. */
export function parseObject(text: string): Parsed {
  const r = checkJsonText(text);
  if (!r.ok) return { ok: false, problems: [r.problem] };
  if (typeof r.value !== 'object' || r.value === null || Array.isArray(r.value)) {
    return {
      ok: false,
      problems: [{ line: 1, column: 1, reason: 'the document must be a JSON object ({ … })' }],
    };
  }
  return { ok: true, value: r.value as Record<string, unknown>, keys: topLevelKeyOffsets(text) };
}

/** A problem about a top-level key: at that key when it is present, else at the object's start. */
export function problemAt(
  text: string,
  keys: Map<string, number>,
  key: string | null,
  reason: string,
): DocumentProblem {
  const offset = key !== null ? keys.get(key) : undefined;
  if (offset !== undefined) return { ...positionOf(text, offset), reason };
  const brace = text.indexOf('{');
  return { ...positionOf(text, Math.max(0, brace)), reason };
}

export function formatProblem(p: DocumentProblem): string {
  return `Line ${p.line}, column ${p.column}: ${p.reason}`;
}
