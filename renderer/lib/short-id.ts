/**
 * A short, readable form of a long machine id, as Docker shows its 64-hex container ids (the first 12 hex
 * digits): Docker's and containerd's ids (64 hex digits, containerd's utility VM adds "@vm"), and GUIDs (WSL,
 * Windows Sandbox: the first group, 8 hex digits). Any other id is returned as is: a name a person chose is
 * already readable, and a short form of it could hide what tells two apart. The full id stays the title,
 * the copied text and what search matches.
 */
const LONG_HEX = /^([0-9a-f]{32,})(\W.*)?$/i;
const GUID = /^\{?([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/** Docker's short id length (`docker ps`). */
export const SHORT_HEX_DIGITS = 12;

export function shortId(id: string): string {
  const guid = GUID.exec(id);
  if (guid) return `${guid[1]}…`;
  const hex = LONG_HEX.exec(id);
  if (hex) return `${hex[1]!.slice(0, SHORT_HEX_DIGITS)}…${hex[2] ?? ''}`;
  return id;
}

/** Whether a system's name says more than its id: HCS clients often name a system by its id (Docker does). */
export function ownName(name: string, id: string): string | null {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === id ? null : trimmed;
}
