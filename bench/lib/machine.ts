/** What a run of the benchmarks ran on, printed first and kept in --json: figures mean nothing without it. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { chromiumPath, repoRoot } from '../../e2e/support/paths.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  chromium: string;
  commit: string;
  /** 1-minute load average when the run started: above the core count, other work competed for the CPU. */
  loadAverage: number;
  date: string;
}

function quietly(command: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    chromium: quietly(chromiumPath, ['--version']),
    commit: quietly('git', ['rev-parse', '--short', 'HEAD'], repoRoot),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
    date: new Date().toISOString(),
  };
}

export function formatMachine(m: MachineInfo): string {
  const busy =
    m.loadAverage > m.cores
      ? ` — busy: other work competes for the CPU; compare ratios, not absolute figures`
      : '';
  return [
    `machine: ${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}, ${m.chromium}`,
    `commit ${m.commit}, ${m.date}, load average ${m.loadAverage}${busy}`,
  ].join('\n');
}
