/**
 * The window's localStorage or sessionStorage, or null where it is unavailable (privacy settings, an opaque
 * origin): what is kept there is a convenience, never required.
 */
export function browserStorage(kind: 'local' | 'session'): Storage | null {
  try {
    const storage = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}
