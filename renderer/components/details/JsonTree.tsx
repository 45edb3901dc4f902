import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { initiallyExpanded, summarise, visibleNodes, type TreeNode } from '../../lib/json-tree-model.ts';

const useStyles = makeStyles({
  tree: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    listStyle: 'none',
    margin: 0,
    padding: tokens.spacingVerticalXS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '55vh',
    overflow: 'auto',
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    whiteSpace: 'pre',
    borderRadius: tokens.borderRadiusSmall,
    cursor: 'default',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  // An outline, not a hover background: on the dark theme's hover grey the key and string colours fall below
  // 4.5:1 contrast (axe-core, issue 12 §6).
  focused: { outline: `1px solid ${tokens.colorNeutralStroke1}`, outlineOffset: '-1px' },
  twisty: { display: 'inline-flex', width: '16px', flexShrink: 0 },
  key: { color: tokens.colorBrandForeground1 },
  string: { color: tokens.colorPaletteGreenForeground1 },
  number: { color: tokens.colorPaletteBerryForeground1 },
  other: { color: tokens.colorNeutralForeground3 },
});

/**
 * A JSON value as an ARIA tree: Up/Down move, Right opens or enters, Left closes or goes to the parent,
 * Home/End jump, Enter/Space toggle. Only the focused line is in the Tab order.
 */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const styles = useStyles();
  const [expanded, setExpanded] = useState<Set<string>>(() => initiallyExpanded(value));
  const nodes = useMemo(() => visibleNodes(value, expanded), [value, expanded]);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const wantFocus = useRef(false);

  const index = Math.max(0, focusPath === null ? 0 : nodes.findIndex((n) => n.path === focusPath));
  const current: TreeNode | undefined = nodes[index];

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  });

  const focusAt = (i: number) => {
    const node = nodes[Math.max(0, Math.min(nodes.length - 1, i))];
    if (!node) return;
    setFocusPath(node.path);
    wantFocus.current = true;
  };
  const toggle = (node: TreeNode, open = !expanded.has(node.path)) => {
    if (node.kind === 'value') return;
    const next = new Set(expanded);
    if (open) next.add(node.path);
    else next.delete(node.path);
    setExpanded(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!current) return;
    const isOpen = current.kind !== 'value' && expanded.has(current.path);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(nodes.length - 1);
        break;
      case 'ArrowRight':
        if (current.kind === 'value') break;
        if (!isOpen) toggle(current, true);
        else if (current.childCount > 0) focusAt(index + 1);
        break;
      case 'ArrowLeft':
        if (isOpen) toggle(current, false);
        else if (current.parentPath !== null) focusAt(nodes.findIndex((n) => n.path === current.parentPath));
        break;
      case 'Enter':
      case ' ':
        toggle(current);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  return (
    <ul role="tree" aria-label={label} className={styles.tree} ref={listRef} onKeyDown={onKeyDown}>
      {nodes.map((node, i) => {
        const container = node.kind !== 'value';
        const open = container && expanded.has(node.path);
        const valueClass =
          typeof node.value === 'string'
            ? styles.string
            : typeof node.value === 'number'
              ? styles.number
              : styles.other;
        return (
          <li
            key={node.path}
            role="treeitem"
            data-index={i}
            aria-level={node.level}
            aria-posinset={node.posinset}
            aria-setsize={node.setsize}
            aria-expanded={container ? open : undefined}
            aria-label={`${node.label}: ${summarise(node)}`}
            tabIndex={i === index ? 0 : -1}
            className={mergeClasses(styles.item, i === index && styles.focused)}
            style={{ paddingLeft: `${(node.level - 1) * 16}px` }}
            onFocus={() => setFocusPath(node.path)}
            onClick={() => {
              setFocusPath(node.path);
              toggle(node);
            }}
          >
            <span className={styles.twisty} aria-hidden="true">
              {container && (open ? <ChevronDownRegular /> : <ChevronRightRegular />)}
            </span>
            <span className={styles.key}>{node.label}</span>
            <span>: </span>
            <span className={container ? styles.other : valueClass}>{open ? '' : summarise(node)}</span>
          </li>
        );
      })}
    </ul>
  );
}
