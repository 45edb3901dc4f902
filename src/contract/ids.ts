import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';

/*
 * Compute system ids.
 *
 * HCS takes any string as an id, and its clients use many shapes: Docker's 64-hex container ids, containerd's
 * `<id>@vm` for the utility VM of a pod or a Hyper-V isolated container (hcsshim's runhcs shims append
 * "@vm"), GUIDs with and without braces (WSL's utility VM, Windows Sandbox, schema1 clients), and names of
 * letters, digits, dots, dashes and underscores. So this check does not decide which systems exist: whatever
 * HCS lists is shown. It keeps dangerous input away from native code and from the places an id is shown:
 *
 *  - no control characters (NUL included: a wide string ends there, and the native side would see another id);
 *  - no path separators, and not "." or ".." (HCS and its clients build file and pipe paths from ids);
 *  - no invisible format characters (bidi overrides and isolates, zero-width characters: an id that reads
 *    differently from what it is), no line or paragraph separators, no unpaired surrogates (not text);
 *  - at most MAX_SYSTEM_ID_LENGTH characters.
 *
 * A system whose id fails this is still listed, under `displaySystemId(id)`, marked with the reason, and no
 * request can name it.
 */

export const MAX_SYSTEM_ID_LENGTH = 256;

/** What an id must not contain, each with the reason given to the user (first match wins). */
const REFUSED: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /\p{Cc}/u, reason: 'an id may not contain control characters' },
  { pattern: /[/\\]/u, reason: 'an id may not contain "/" or "\\"' },
  {
    pattern: /[\p{Cf}\p{Zl}\p{Zp}]/u,
    reason: 'an id may not contain invisible formatting characters (such as bidirectional overrides)',
  },
  {
    pattern: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    reason: 'an id may not contain unpaired surrogates (it is not text)',
  },
];

/** Why HCS Desktop will not pass `id` to HCS, or null when it may. */
export function systemIdProblem(id: string): string | null {
  if (id.length === 0) return 'an id is required';
  if (id.length > MAX_SYSTEM_ID_LENGTH) return `an id has at most ${MAX_SYSTEM_ID_LENGTH} characters`;
  if (id === '.' || id === '..') return 'an id may not be "." or ".."';
  for (const { pattern, reason } of REFUSED) if (pattern.test(id)) return reason;
  return null;
}

/** An id HCS Desktop may pass to HCS: every request names its system by one. */
export const SystemId = lazySchema(() =>
  z.string().superRefine((id, ctx) => {
    const problem = systemIdProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** The longest `displaySystemId` makes: the escaped form of an over-long id is cut and given a digest. */
export const MAX_DISPLAY_ID_LENGTH = 512;

/**
 * An id as it can be shown and used as a key: unchanged when `systemIdProblem` accepts it, else with every
 * character that could not be shown escaped as `\u{…}` (and "\" itself, so that two different ids never look
 * the same, and no escaped form is an acceptable id; and a leading "@", so that it is never a remote host's
 * key, hosts.ts), cut to MAX_DISPLAY_ID_LENGTH with a digest of the whole.
 */
export function displaySystemId(id: string): string {
  if (systemIdProblem(id) === null) return id;
  // A leading "@" too: a key "@<host>/…" names a remote host's system (hosts.ts), and this one is local.
  const escaped = escapeUnprintable(id, true);
  const out = escaped.startsWith('@') ? `\\u{40}${escaped.slice(1)}` : escaped;
  if (out === '') return '\\(empty id)';
  if (out.length <= MAX_DISPLAY_ID_LENGTH) return out;
  return `${out.slice(0, MAX_DISPLAY_ID_LENGTH - 40)}… (${id.length} characters, #${digest(id)})`;
}

/**
 * Text from HCS as it can be written to a terminal or shown: control and invisible formatting characters,
 * line separators and unpaired surrogates become `\u{…}` (and "\" too when `escapeBackslash`).
 */
export function escapeUnprintable(text: string, escapeBackslash = false): string {
  let out = '';
  for (const char of text) {
    // for…of walks code points; an unpaired surrogate comes alone and is Cs.
    const shown = !(escapeBackslash && char === '\\') && !/^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]$/u.test(char);
    out += shown ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`;
  }
  return out;
}

/** FNV-1a over the UTF-16 units, as 8 hex digits: tells two long ids with the same beginning apart. */
function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A listed system's key: its id, or the displayed form of an id that no request may carry; for a remote
 * host's system, that key qualified with its host (`@<host>/<key>`, hosts.ts: up to 22 characters more).
 */
export const SystemKey = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(MAX_DISPLAY_ID_LENGTH + 40 + 22),
);
