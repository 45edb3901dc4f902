/**
 * `npm run smoke:windows`: what HCS Desktop needs from a real Windows host, checked one thing at a time with
 * the app's own HCS layer (src/hcs, koffi → vmcompute.dll and computecore.dll), so a user can run it and attach
 * the JSON it writes to a report. Both HCS APIs are checked, one after the other (never both on one handle):
 * V1 through vmcompute.dll (checks named as before), then V2 through computecore.dll (checks named "v2 …"),
 * after a list of the computecore exports this Windows build has. Read-only unless --exec is given: it opens
 * systems and reads their properties, never changes their state. Every check is isolated: a failure or a hang
 * is recorded and the rest still run.
 *
 *   npm run smoke:windows                       all read-only checks, both APIs
 *   npm run smoke:windows -- --exec <id>        also run `cmd /c echo …` (or `echo …` in a Linux system)
 *                                               in the running system <id> and read its stdout
 *   options: --out <file.json>  --timeout <seconds per check, default 30>  --exec-command <command line>
 *            --api v1|v2|both   which APIs to check (default both)
 *            --force   run off Windows too, against the simulated HCS (how this script is tested)
 *   npm run smoke:windows -- --unattended <url> --token-file <file> [--fingerprint <AA:BB:…>] [--audit-log <file>]
 *                                               also check a web-mode server serving this host unattended
 *                                               (docs/unattended.md): its token file and audit log closed to
 *                                               all but administrators, its certificate the one printed, a
 *                                               wrong token refused, the systems listed with the right one
 *
 * Exit: 0 when nothing failed (or skipped off Windows), 1 when a check failed, 2 on a usage error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import koffi from 'koffi';
import { KoffiComputecore } from '../src/hcs/computecore/computecore.ts';
import {
  System,
  computecoreLibraryPath,
  getComputeSystems,
  getServiceProperties,
  isSimulatorBackend,
  probeComputecore,
  setBackend,
  threadPoolSize,
  vmcomputeLibraryPath,
  type HcsApi,
  type schema1,
  type schema2,
} from '../src/hcs/index.ts';
import { simSocketPath } from '../sim/control/endpoint.ts';
import { hardExit } from './packaging/hard-exit.ts';
import {
  SmokeRun,
  formatResults,
  parseScState,
  parseWhoamiGroups,
  type CheckResult,
} from './packaging/smoke-report.ts';
import { UsageError } from '../src/base/index.ts';
import { unattendedChecks, type UnattendedOptions } from './packaging/unattended-checks.ts';

const isWindows = process.platform === 'win32';
const require = createRequire(import.meta.url);

interface Options {
  help: boolean;
  force: boolean;
  out: string;
  timeoutSeconds: number;
  exec: string | null;
  execCommand: string | null;
  apis: HcsApi[];
  unattended: UnattendedOptions | null;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      force: { type: 'boolean', default: false },
      out: { type: 'string' },
      timeout: { type: 'string', default: '30' },
      exec: { type: 'string' },
      'exec-command': { type: 'string' },
      api: { type: 'string', default: 'both' },
      unattended: { type: 'string' },
      'token-file': { type: 'string' },
      fingerprint: { type: 'string' },
      'audit-log': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new UsageError('--timeout must be a positive number of seconds');
  const api = values.api;
  if (api !== 'v1' && api !== 'v2' && api !== 'both') throw new UsageError('--api must be v1, v2 or both');
  if (values.unattended !== undefined) {
    if (!URL.canParse(values.unattended))
      throw new UsageError('--unattended must be the URL the server printed');
    if (values['token-file'] === undefined) throw new UsageError('--unattended needs --token-file');
  } else if (values['token-file'] ?? values.fingerprint ?? values['audit-log']) {
    throw new UsageError('--token-file, --fingerprint and --audit-log go with --unattended');
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return {
    help: values.help,
    force: values.force,
    out: resolve(values.out ?? `hcs-desktop-smoke-${stamp}.json`),
    timeoutSeconds,
    exec: values.exec ?? null,
    execCommand: values['exec-command'] ?? null,
    apis: api === 'both' ? ['v1', 'v2'] : [api],
    unattended:
      values.unattended === undefined
        ? null
        : {
            url: values.unattended,
            tokenFile: resolve(values['token-file']!),
            fingerprint: values.fingerprint ?? null,
            auditLog: values['audit-log'] === undefined ? null : resolve(values['audit-log']),
          },
  };
}

const USAGE = `usage: npm run smoke:windows -- [--exec <system id>] [--exec-command <cmd>] [--out <file.json>]
                                [--timeout <s>] [--api v1|v2|both] [--force]
                                [--unattended <url> --token-file <file> [--fingerprint <AA:BB:…>] [--audit-log <file>]]`;

function run(command: string, args: string[]): { status: number | null; stdout: string; error?: Error } {
  const r = spawnSync(command, args, { encoding: 'utf8', windowsHide: true, timeout: 15_000 });
  return {
    status: r.status,
    stdout: `${r.stdout ?? ''}${r.stderr ?? ''}`,
    ...(r.error ? { error: r.error } : {}),
  };
}

function mib(bytes: unknown): string {
  return typeof bytes === 'number' ? `${(bytes / 1048576).toFixed(1)} MiB` : '?';
}

/** One line of what matters in a Statistics answer (the same shape in schema1 and schema2). */
function summarizeStatistics(stats: schema1.Statistics | schema2.Statistics | undefined): string {
  if (!stats) return 'no Statistics in the answer';
  const parts = [`commit ${mib(stats.Memory?.MemoryUsageCommitBytes)}`];
  if (typeof stats.Processor?.TotalRuntime100ns === 'number')
    parts.push(`cpu ${(stats.Processor.TotalRuntime100ns / 1e7).toFixed(2)} s`);
  if (typeof stats.Uptime100ns === 'number') parts.push(`up ${(stats.Uptime100ns / 1e7).toFixed(0)} s`);
  return parts.join(', ');
}

function summarizeV1(p: schema1.ContainerProperties): string {
  return `State ${p.State ?? '?'}, ${summarizeStatistics(p.Statistics)}`;
}

function summarizeV2(p: schema2.Properties): string {
  const memory = p.Memory ? `, Memory: ${p.Memory.VirtualNodeCount ?? '?'} virtual node(s)` : '';
  return `State ${p.State ?? '?'}, ${summarizeStatistics(p.Statistics)}${memory}`;
}

async function readAll(stream: NodeJS.ReadableStream | null): Promise<string> {
  if (!stream) return '';
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** The checks, in order. Each is independent: none relies on an earlier one having passed. */
async function smoke(opts: Options, smokeRun: SmokeRun): Promise<void> {
  await smokeRun.check('host', async () => ({
    status: 'info',
    detail: `${os.type()} ${os.release()} (${os.version()}) ${process.arch}, Node ${process.versions.node}${
      process.versions.electron ? `, Electron ${process.versions.electron}` : ''
    }`,
    data: {
      platform: process.platform,
      release: os.release(),
      version: os.version(),
      arch: process.arch,
      node: process.versions.node,
    },
  }));

  await smokeRun.check('elevation', async () => {
    if (!isWindows) {
      const uid = process.getuid?.() ?? -1;
      return {
        status: 'info',
        detail: `uid ${uid}${uid === 0 ? ' (root)' : ''}; not Windows`,
        data: { uid },
      };
    }
    const r = run('whoami', ['/groups', '/fo', 'csv', '/nh']);
    if (r.error || r.status !== 0)
      throw new Error(`whoami /groups failed: ${r.error?.message ?? r.stdout.trim()}`);
    const groups = parseWhoamiGroups(r.stdout);
    return {
      status: 'info',
      detail:
        `${groups.elevated ? 'elevated' : 'not elevated'} (integrity ${groups.integrity ?? 'unknown'}); ` +
        `Administrators ${groups.administratorsMember ? 'member' : 'no'}; ` +
        `Hyper-V Administrators ${groups.hypervAdministratorsMember ? 'member' : 'no'}`,
      data: groups,
    };
  });

  await smokeRun.check('vmcompute service', async () => {
    if (!isWindows) {
      const socket = simSocketPath(process.env);
      return {
        status: 'info',
        detail: `simulator socket ${socket} ${existsSync(socket) ? 'present' : 'absent'}`,
        data: { socket },
      };
    }
    const r = run('sc', ['query', 'vmcompute']);
    const state = parseScState(r.stdout);
    if (!state) throw new Error(`sc query vmcompute: ${r.error?.message ?? r.stdout.trim()}`);
    return {
      status: state.code === 4 ? 'pass' : 'fail',
      detail: `state ${state.code} ${state.name}${state.code === 4 ? '' : ' (HCS Desktop needs it RUNNING: enable Containers or Hyper-V)'}`,
      data: state,
    };
  });

  await smokeRun.check('koffi', async () => {
    const nativePackage = `@koromix/koffi-${process.platform}-${process.arch}`;
    let nativePath = 'not found';
    try {
      nativePath = require.resolve(`${nativePackage}/package.json`).replace(/[\\/]package\.json$/, '');
    } catch {
      // Reported below; koffi itself loaded, so it found its native module another way.
    }
    return {
      detail: `koffi ${koffi.version}, native ${nativePackage} at ${nativePath}`,
      data: { version: koffi.version, nativePackage, nativePath },
    };
  });

  await smokeRun.check('stdio: uv_open_osfhandle', async () => {
    // HCS process stdio are pipe HANDLEs; src/hcs turns them into streams through the host executable's
    // libuv (docs/hcs/koffi.md#stdio-handles). koffi.load(null) is that executable; a missing export throws here.
    const host = koffi.load(null);
    host.func('int uv_open_osfhandle(void *os_fd)');
    return { detail: `exported by ${process.execPath}`, data: { host: process.execPath } };
  });

  // Which computecore.dll exports this build has (newer ones only on newer builds), without calling any.
  const support = await smokeRun.check('computecore exports', async () => {
    const found = await probeComputecore();
    const missing = found.missing.length
      ? `; missing: ${found.missing.join(', ')}`
      : '; every export present';
    return {
      // A host without a usable computecore.dll is not a failure: HCS Desktop uses V1 there.
      status: found.usable ? 'pass' : 'info',
      detail: found.loadError
        ? `not loadable (${found.loadError}); HCS Desktop uses the V1 API here`
        : `${found.present.length} of ${found.present.length + found.missing.length} exports${missing}` +
          (found.usable ? '' : ` (HCS Desktop needs ${found.missingRequired.join(', ')}: it uses V1 here)`),
      data: found,
      usable: found.usable,
    };
  });

  for (const api of opts.apis) {
    if (api === 'v2' && !support.outcome?.usable) {
      smokeRun.skip('v2 checks', 'computecore.dll is not usable on this host (see "computecore exports")');
      continue;
    }
    // One binding per phase: a System of one phase is closed before the next begins.
    setBackend(api === 'v2' ? (dispatch) => new KoffiComputecore({ sink: dispatch }) : null);
    await apiChecks(opts, smokeRun, api);
  }
  if (opts.unattended) await unattendedChecks(opts.unattended, smokeRun);
}

/** The checks that go through one HCS API: named as before for V1, "v2 …" for V2. */
async function apiChecks(opts: Options, smokeRun: SmokeRun, api: HcsApi): Promise<void> {
  const named = (check: string) => (api === 'v2' ? `v2 ${check}` : check);
  await smokeRun.check(named('loader'), async () => {
    const path = api === 'v2' ? computecoreLibraryPath() : vmcomputeLibraryPath();
    const present = existsSync(path);
    const dll = api === 'v2' ? 'computecore.dll' : 'vmcompute.dll';
    return {
      status: present ? 'pass' : 'fail',
      detail: `${isSimulatorBackend() ? 'simulator' : dll} at ${path}${present ? '' : ' (missing)'}`,
      data: { path, present, simulator: isSimulatorBackend(), threadPoolSize: threadPoolSize() },
    };
  });

  await smokeRun.check(named('service properties'), async () => {
    const props = (await getServiceProperties({ PropertyTypes: ['Basic'] })) as {
      Properties?: { SupportedSchemaVersions?: { Major: number; Minor: number }[] }[];
    };
    const versions = props.Properties?.[0]?.SupportedSchemaVersions ?? [];
    return {
      detail: `schema versions ${versions.map((v) => `${v.Major}.${v.Minor}`).join(', ') || 'not listed'}`,
      data: props,
    };
  });

  const listed = await smokeRun.check(named('enumerate'), async () => {
    const systems = await getComputeSystems({});
    return {
      detail: `${systems.length} compute system(s)${systems.length ? `: ${systems.map((s) => s.Id).join(', ')}` : ''}`,
      data: systems.map((s) => ({
        Id: s.Id,
        Name: s.Name,
        SystemType: s.SystemType,
        Owner: s.Owner,
        State: s.State,
        RuntimeOsType: s.RuntimeOsType,
        // Whether HCS's enumeration names a hosted container's utility VM (the list groups containers by it).
        HostingSystemId: (s as { HostingSystemId?: unknown }).HostingSystemId ?? null,
      })),
      systems,
    };
  });

  for (const summary of listed.outcome?.systems ?? []) {
    const id = summary.Id;
    if (!id) continue;
    const opened = await smokeRun.check(named(`open ${id}`), async () => {
      const system = await System.open(id);
      return { detail: `${system.type()}, ${system.os()}, owner ${system.owner() || '?'}`, system };
    });
    const system = opened.outcome?.system;
    if (!system) {
      smokeRun.skip(named(`properties v1 ${id}`), 'not opened');
      smokeRun.skip(named(`properties v2 ${id}`), 'not opened');
      continue;
    }
    try {
      await smokeRun.check(named(`properties v1 ${id}`), async () => ({
        detail: summarizeV1(await system.properties('Statistics')),
      }));
      // Memory is a utility-VM property; HCS refuses it for a container.
      const types: schema2.PropertyType[] =
        system.type() === 'virtualmachine' ? ['Statistics', 'Memory'] : ['Statistics'];
      await smokeRun.check(named(`properties v2 ${id}`), async () => ({
        detail: `${types.join('+')}: ${summarizeV2(await system.propertiesV2(...types))}`,
      }));
    } finally {
      await smokeRun.check(named(`close ${id}`), async () => {
        await system.close();
        return { detail: 'closed' };
      });
    }
  }

  if (opts.exec) await execCheck(opts, smokeRun, opts.exec, named);
  else
    smokeRun.skip(
      named('exec'),
      'pass --exec <id of a running system> to create a process and read its stdout',
    );
}

async function execCheck(
  opts: Options,
  smokeRun: SmokeRun,
  id: string,
  named: (check: string) => string,
): Promise<void> {
  await smokeRun.check(named(`exec in ${id}`), async () => {
    const system = await System.open(id);
    try {
      const marker = 'hcs-desktop-smoke';
      // The simulator runs /bin/sh -c <CommandLine> whatever the system's OS; HCS runs it in the system's OS.
      const command =
        opts.execCommand ??
        (isSimulatorBackend() || system.os() === 'linux' ? `echo ${marker}` : `cmd.exe /c echo ${marker}`);
      const config: schema1.ProcessConfig = {
        CommandLine: command,
        CreateStdOutPipe: true,
        CreateStdErrPipe: true,
      };
      if (system.os() === 'linux') config.CommandArgs = command.split(' ');
      const proc = await system.createProcess(config);
      try {
        const [stdout, stderr] = await Promise.all([readAll(proc.stdout), readAll(proc.stderr), proc.wait()]);
        const code = proc.exitCode();
        const sawMarker = opts.execCommand !== null || stdout.includes(marker);
        return {
          status: code === 0 && sawMarker ? 'pass' : 'fail',
          detail: `pid ${proc.pid}, exit ${code}, stdout ${JSON.stringify(stdout.trim().slice(0, 80))}${stderr.trim() ? `, stderr ${JSON.stringify(stderr.trim().slice(0, 80))}` : ''}`,
          data: {
            command,
            pid: proc.pid,
            exitCode: code,
            stdout: stdout.slice(0, 4096),
            stderr: stderr.slice(0, 4096),
          },
        };
      } finally {
        await proc.close();
      }
    } finally {
      await system.close();
    }
  });
}

let timedOut = false;

function printResult(r: CheckResult): void {
  if (r.timedOut) timedOut = true;
  console.log(`  ${r.status.toUpperCase().padEnd(4)}  ${r.check}`);
}

async function main(argv: string[]): Promise<number> {
  const opts = parseOptions(argv);
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  if (!isWindows && !opts.force) {
    console.log(
      'smoke:windows checks HCS Desktop against a real Windows host (vmcompute.dll); this is not Windows.',
    );
    console.log('SKIPPED. Run it on Windows, or pass --force to run it against the simulated HCS here.');
    return 0;
  }
  console.log(
    `HCS Desktop smoke test${isWindows ? '' : ' (forced, against the simulated HCS)'}: running checks…`,
  );
  const smokeRun = new SmokeRun({ timeoutSeconds: opts.timeoutSeconds, onResult: printResult });
  await smoke(opts, smokeRun);

  const counts = smokeRun.counts();
  console.log(`\n${formatResults(smokeRun.results)}\n`);
  const report = {
    tool: 'hcs-desktop smoke:windows',
    version: (require('../package.json') as { version: string }).version,
    date: new Date().toISOString(),
    forced: !isWindows,
    options: {
      exec: opts.exec,
      execCommand: opts.execCommand,
      timeoutSeconds: opts.timeoutSeconds,
      apis: opts.apis,
      unattended: opts.unattended && {
        url: new URL(opts.unattended.url).origin,
        fingerprint: opts.unattended.fingerprint,
      },
    },
    counts,
    results: smokeRun.results,
  };
  try {
    await writeFile(opts.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`results saved to ${opts.out}: attach this file to your report.`);
  } catch (error) {
    console.error(`could not save the results to ${opts.out}: ${(error as Error).message}`);
  }
  console.log(
    `${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped, ${counts.info} informational`,
  );
  return counts.fail > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  // A check that timed out leaves its native call pending on libuv's pool, and process.exit() would wait for
  // it forever (see hard-exit.ts); only then is the exit forced.
  (code) => (timedOut ? hardExit(code) : process.exit(code)),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`smoke:windows: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
