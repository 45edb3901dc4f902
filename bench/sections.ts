/** Every benchmark section, in the order `npm run bench` runs them. Add a section: one file, one line here. */
import { coreSection } from './core.ts';
import { hcsSection } from './hcs.ts';
import { memorySection } from './memory.ts';
import type { BenchSection } from './lib/section.ts';
import { startupSection } from './startup.ts';
import { stdioSection } from './stdio.ts';
import { uiChartsSection } from './ui-charts.ts';
import { uiListSection } from './ui-list.ts';
import { uiStdioSection } from './ui-stdio.ts';

export const sections: BenchSection[] = [
  hcsSection,
  coreSection,
  startupSection,
  stdioSection,
  uiStdioSection,
  uiListSection,
  uiChartsSection,
  memorySection,
];
