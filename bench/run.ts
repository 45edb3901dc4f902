/**
 * `npm run bench [-- SECTION...] [--profile] [--json FILE] [--churn-minutes N]` (bench/lib/options.ts):
 * runs every section (or those named) and prints one table per section, each figure with its ratio to a
 * baseline measured in the same run. Benchmarks print figures and ratios; they pass or fail nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatMachine, machineInfo } from './lib/machine.ts';
import { BenchUsageError, parseBenchArgs } from './lib/options.ts';
import { PageProfiler } from './lib/profile.ts';
import { formatRows, jsonRows } from './lib/report.ts';
import type { BenchRow } from './lib/section.ts';
import { sections } from './sections.ts';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(argv);
  } catch (e) {
    if (!(e instanceof BenchUsageError)) throw e;
    process.stderr.write(`bench: ${e.message}\n`);
    return 2;
  }
  const names = options.sections;
  const unknown = names.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown section ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }
  const selected = names.length === 0 ? sections : sections.filter((s) => names.includes(s.name));
  const machine = machineInfo();
  process.stdout.write(`${formatMachine(machine)}\n`);
  const profiler = new PageProfiler(options.profileDir);
  const results: Array<{ name: string; description: string; rows: BenchRow[]; error?: string }> = [];
  let failed = 0;
  for (const section of selected) {
    process.stdout.write(`\n## ${section.name}: ${section.description}\n\n`);
    try {
      const rows = await section.run({ options, profiler });
      process.stdout.write(formatRows(rows));
      results.push({ name: section.name, description: section.description, rows });
    } catch (e) {
      failed++;
      const message = (e as Error).stack ?? String(e);
      process.stderr.write(`bench: section ${section.name} failed: ${message}\n`);
      results.push({ name: section.name, description: section.description, rows: [], error: message });
    }
  }
  if (options.jsonFile) {
    mkdirSync(dirname(options.jsonFile), { recursive: true });
    const profiles = profiler.summaries.map(({ title, summary }) => ({ title, ...summary }));
    const sectionsOut = results.map((r) => ({ ...r, rows: jsonRows(r.rows) }));
    writeFileSync(
      options.jsonFile,
      `${JSON.stringify({ machine, sections: sectionsOut, profiles }, null, 2)}\n`,
    );
    process.stdout.write(`\nbench: results written to ${options.jsonFile}\n`);
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
