/**
 * `npm run soak -- --minutes N`: the soak (bench/soak/): N minutes of lifecycle operations on hundreds of
 * systems, exec sessions, statistics views and faults against one web-mode server with two browser pages,
 * then a table of every figure after warm-up, during the workload and at the end with a verdict per row, and
 * the workload's own verdict (`--json FILE` writes the rows and verdicts as JSON too). Exits 0 when every
 * verdict passes, 1 when one fails, 2 on a usage error. The full run is not part of `npm test`; a one-minute
 * run is (test/soak/soak.test.ts).
 */
import { parseSoakArgs, SOAK_USAGE, SoakUsageError } from './soak/options.ts';
import { writeFileSync } from 'node:fs';
import { formatReport, verdict } from './soak/report.ts';
import { runSoak } from './soak/run-soak.ts';

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseSoakArgs(argv);
  } catch (e) {
    if (!(e instanceof SoakUsageError)) throw e;
    process.stderr.write(`soak: ${e.message}\n${SOAK_USAGE}\n`);
    return 2;
  }
  if (process.platform !== 'linux') {
    process.stderr.write('soak: runs against the simulator, on Linux only\n');
    return 2;
  }
  const result = await runSoak({ ...args, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${formatReport(result).join('\n')}\n`);
  const v = verdict(result);
  if (args.json !== undefined) writeFileSync(args.json, `${JSON.stringify(v, null, 2)}\n`);
  return v.pass ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
