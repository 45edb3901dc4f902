/** One visible line of the JSON tree, flattened in display order (for ARIA level/setsize/posinset). */
export interface TreeNode {
  path: string;
  parentPath: string | null;
  label: string;
  level: number;
  posinset: number;
  setsize: number;
  value: unknown;
  kind: 'object' | 'array' | 'value';
  childCount: number;
}

type Entry = [label: string, value: unknown];

function kindOf(value: unknown): TreeNode['kind'] {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return 'value';
}

function entriesOf(value: unknown): Entry[] {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return [];
}

function childPath(parent: string, label: string): string {
  return `${parent}/${encodeURIComponent(label)}`;
}

/**
 * The lines to show: the top-level entries of `root` (or the value itself when it is not a container),
 * descending only into expanded containers.
 */
export function visibleNodes(root: unknown, expanded: ReadonlySet<string>): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (entries: Entry[], parentPath: string | null, level: number) => {
    entries.forEach(([label, value], i) => {
      const path = childPath(parentPath ?? '', label);
      const kind = kindOf(value);
      const children = entriesOf(value);
      out.push({
        path,
        parentPath,
        label,
        level,
        posinset: i + 1,
        setsize: entries.length,
        value,
        kind,
        childCount: children.length,
      });
      if (kind !== 'value' && expanded.has(path)) walk(children, path, level + 1);
    });
  };
  if (kindOf(root) === 'value') walk([['value', root]], null, 1);
  else walk(entriesOf(root), null, 1);
  return out;
}

/** Containers open down to `depth` levels, so a result is readable without a click. */
export function initiallyExpanded(root: unknown, depth = 2): Set<string> {
  const open = new Set<string>();
  const walk = (value: unknown, parent: string, level: number) => {
    if (level > depth) return;
    for (const [label, child] of entriesOf(value)) {
      if (kindOf(child) === 'value') continue;
      const path = childPath(parent, label);
      open.add(path);
      walk(child, path, level + 1);
    }
  };
  walk(root, '', 1);
  return open;
}

/** How a leaf or a folded container reads on its line. */
export function summarise(node: Pick<TreeNode, 'kind' | 'value' | 'childCount'>): string {
  if (node.kind === 'array') return `[${node.childCount} ${node.childCount === 1 ? 'item' : 'items'}]`;
  if (node.kind === 'object') return `{${node.childCount} ${node.childCount === 1 ? 'key' : 'keys'}}`;
  return node.value === undefined ? 'undefined' : JSON.stringify(node.value);
}
