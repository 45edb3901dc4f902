/** Every benchmark section, in the order `npm run bench` runs them. Add a section: one file, one line here. */
import { hcsSection } from './hcs.ts';
import type { BenchSection } from './lib/section.ts';

export const sections: BenchSection[] = [hcsSection];
