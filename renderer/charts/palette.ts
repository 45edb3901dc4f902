import type { Theme } from '@fluentui/react-components';

/** What a chart draws with, from the window's theme. */
export interface ChartColors {
  /** Series colours by palette slot: distinct hues, each at least 3:1 against the background in both themes. */
  series: string[];
  axis: string;
  grid: string;
  background: string;
}

export function chartColors(theme: Theme): ChartColors {
  return {
    series: [
      theme.colorPaletteBlueBorderActive,
      theme.colorPaletteDarkOrangeBorderActive,
      theme.colorPaletteGreenBorderActive,
      theme.colorPaletteBerryBorderActive,
    ],
    axis: theme.colorNeutralForeground2,
    grid: theme.colorNeutralStroke2,
    background: theme.colorNeutralBackground1,
  };
}
