/**
 * `npm run bench [-- SECTION...]`: runs every section (or those named) and prints one table per section.
 * Benchmarks print figures and ratios; they pass or fail nothing.
 */
import { formatRows } from './lib/report.ts';
import { sections } from './sections.ts';

async function main(names: string[]): Promise<number> {
  const unknown = names.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown section ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  const selected = names.length === 0 ? sections : sections.filter((s) => names.includes(s.name));
  let failed = 0;
  for (const section of selected) {
    process.stdout.write(`\n## ${section.name}: ${section.description}\n\n`);
    try {
      process.stdout.write(formatRows(await section.run()));
    } catch (e) {
      failed++;
      process.stderr.write(`bench: section ${section.name} failed: ${(e as Error).stack ?? String(e)}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
