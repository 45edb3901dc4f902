import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSettings, useSettingsStore } from '../../settings/settings-store.ts';

/** The settings keep at most this many folded utility VMs, each id at most this long (contract/settings.ts). */
const MAX_COLLAPSED = 256;
const MAX_COLLAPSED_ID = 256;

/**
 * The list's layout the window remembers (settings.layout): the columns' widths and the utility VMs whose
 * hosted containers are folded. A change shows at once (kept here) and is saved as a setting; a setting
 * changed elsewhere (another window, a reset) replaces what is kept here.
 */
export function useRememberedLayout() {
  const settings = useSettingsStore();
  const savedWidths = useSettings((s) => s.settings.layout.columnWidths);
  const savedCollapsed = useSettings((s) => s.settings.layout.collapsedGroups);
  const [widths, setWidths] = useState<Readonly<Record<string, number>>>(savedWidths);
  const [collapsedList, setCollapsedList] = useState<readonly string[]>(savedCollapsed);
  useEffect(() => setWidths(savedWidths), [savedWidths]);
  useEffect(() => setCollapsedList(savedCollapsed), [savedCollapsed]);
  const collapsed = useMemo(() => new Set(collapsedList), [collapsedList]);

  const resizeColumn = useCallback((column: string, width: number) => {
    setWidths((w) => ({ ...w, [column]: width }));
  }, []);
  const commitColumn = useCallback(
    (column: string, width: number) => {
      setWidths((w) => ({ ...w, [column]: width }));
      void settings.getState().update({ layout: { columnWidths: { [column]: width } } });
    },
    [settings],
  );
  const toggle = useCallback(
    (id: string) => {
      const next = collapsedList.includes(id)
        ? collapsedList.filter((x) => x !== id)
        : [...collapsedList, id].filter((x) => x.length <= MAX_COLLAPSED_ID).slice(-MAX_COLLAPSED);
      setCollapsedList(next);
      void settings.getState().update({ layout: { collapsedGroups: next } });
    },
    [settings, collapsedList],
  );
  return { widths, collapsed, resizeColumn, commitColumn, toggle };
}
