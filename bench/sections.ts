/** Every benchmark section, in the order `npm run bench` runs them. Add a section: one file, one line here. */
import { hcsSection } from './hcs.ts';
import { hostsSection } from './hosts.ts';
import type { BenchSection } from './lib/section.ts';
import { stdioSection } from './stdio.ts';
import { uiChartsSection } from './ui-charts.ts';
import { uiListSection } from './ui-list.ts';
import { uiStdioSection } from './ui-stdio.ts';

export const sections: BenchSection[] = [
  hcsSection,
  stdioSection,
  uiStdioSection,
  uiListSection,
  uiChartsSection,
  hostsSection,
];
