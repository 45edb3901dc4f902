import { hostOf, qualify } from '../../../src/contract/index.ts';

/** One line of the list: a system at the top level, or a hosted container under its utility VM. */
export interface ListRow {
  id: string;
  /** 1: top level; 2: a hosted container shown under its utility VM. */
  level: 1 | 2;
  /** The utility VM a level-2 row is shown under. */
  parent?: string;
  /** How many shown hosted containers a utility VM has (0 for any other row). */
  children: number;
  /** Whether a utility VM with hosted containers shows them. */
  expanded: boolean;
}

/** HCS compares ids without regard to case (GUIDs come in either). */
const fold = (key: string) => key.toLowerCase();

/**
 * The list's rows from the shown ids in their order: each hosted container whose utility VM is shown too moves
 * right under it (the containers in the list's order), and a collapsed VM hides them. A container whose VM is
 * not shown (filtered out, or not listed) stays in its place at the top level. `hosting` maps a system's key
 * to HCS's id of its utility VM, on the same host.
 */
export function groupRows(
  ids: readonly string[],
  hosting: ReadonlyMap<string, string>,
  collapsed: ReadonlySet<string>,
): ListRow[] {
  if (hosting.size === 0) return ids.map((id) => ({ id, level: 1, children: 0, expanded: false }));
  const shown = new Map(ids.map((id) => [fold(id), id]));
  const parentOf = (id: string): string | null => {
    const host = hosting.get(id);
    if (host === undefined) return null;
    const parent = shown.get(fold(qualify(hostOf(id), host)));
    // One level only: a VM that is itself hosted does not take containers under it.
    return parent !== undefined && parent !== id && !hosting.has(parent) ? parent : null;
  };
  const children = new Map<string, string[]>();
  for (const id of ids) {
    const parent = parentOf(id);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  const rows: ListRow[] = [];
  for (const id of ids) {
    if (parentOf(id) !== null) continue;
    const under = children.get(id) ?? [];
    const expanded = under.length > 0 && !collapsed.has(id);
    rows.push({ id, level: 1, children: under.length, expanded });
    if (expanded)
      for (const child of under) rows.push({ id: child, level: 2, parent: id, children: 0, expanded: false });
  }
  return rows;
}

/** The hosted systems among `ids` and their utility VMs' ids, as one string (a store selector's stable value). */
export function hostingSignature(
  ids: readonly string[],
  systems: ReadonlyMap<string, { hostingSystemId?: string | undefined }>,
): string {
  let signature = '';
  for (const id of ids) {
    const host = systems.get(id)?.hostingSystemId;
    if (host) signature += `${id}\u0000${host}\u0001`;
  }
  return signature;
}

/** The map `groupRows` reads, from `hostingSignature`'s string. */
export function hostingFromSignature(signature: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of signature.split('\u0001')) {
    if (entry === '') continue;
    const [id, host] = entry.split('\u0000');
    if (id !== undefined && host !== undefined) map.set(id, host);
  }
  return map;
}
