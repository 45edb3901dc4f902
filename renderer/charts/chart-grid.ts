import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import { useThemeValues } from '../theme.ts';
import { chartColors } from './palette.ts';
import { inWindow, type Timed } from './series.ts';

/** What the host's charts and a system's charts share: a grid of charts over one window of samples. */
export const useChartGridStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

/**
 * The samples inside the last `windowMinutes` (ending at the newest one), the theme's series colours, and
 * which series the user hid from the legends (remembered while the charts are shown; `toggle` is stable, so
 * the legends' buttons do not re-render with every sample).
 */
export function useChartWindow<T extends Timed>(samples: readonly T[], windowMinutes: number) {
  const theme = useThemeValues();
  const colors = useMemo(() => chartColors(theme), [theme]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const windowMs = windowMinutes * 60_000;
  const shown = useMemo(() => inWindow(samples, windowMs), [samples, windowMs]);
  const end = shown[shown.length - 1]?.at ?? 0;
  const toggle = useCallback(
    (key: string) =>
      setHidden((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  return { colors, hidden, toggle, windowMs, shown, end };
}
