// Real host processes for HcsCreateProcess (sim/PROTOCOL.md "Processes"): spawned through libsimhost in their own
// session, watched for exit by polling waitpid (only while any live, on an unref'd timer), signalled as a group.
import { statSync } from 'node:fs';
import { HR, fail, hresultFromErrno } from './hresult.ts';
import { SimProcess, type SimSystem } from './model.ts';
import { SpawnFlag, type ProcessHost } from './process-host.ts';
import { SIGNALS, type ProcessSpec } from './process-spec.ts';
import { sampleProcess, type ProcSample } from './procfs.ts';

const ESRCH = 3;
const ERROR_PROCESS_ABORTED = 1067;

/**
 * A console's terminal side is closed (the client then reads EOF) once the process was reaped and the client
 * has read everything the master holds: at two checks in a row a reap interval apart, so that output still in
 * the tty layer's buffers reaches the master first. A fixed delay lost output whenever the client was slower
 * than the delay (a busy machine). Without a way to ask (pendingInput), after this fixed delay:
 */
const CONSOLE_HANGUP_DELAY_MS = 100;
/**
 * A client that stops reading (or closed its end unread: the service's own copy of the master still counts
 * the bytes) does not hold a pty for ever: the terminal side is closed this long after the exit.
 */
const CONSOLE_DRAIN_LIMIT_MS = 10_000;

/** A console whose process has exited, held open until its client has read all of it. */
interface DrainingConsole {
  pid: number;
  master: number;
  slave: number;
  reapedAt: number;
  /** Checks in a row that found nothing left to read. */
  emptyChecks: number;
}

export interface ProcessStatus {
  ProcessId: number;
  Exited: boolean;
  ExitCode: number;
  LastWaitResult: number;
}

export interface StartedProcess {
  process: SimProcess;
  /** Descriptors for the client: stdin, stdout, stderr; -1 for none. The caller owns them. */
  stdio: [number, number, number];
}

/**
 * The exit code of a process the service killed, by the kind of system it ran in (hcsshim's
 * TestContainerLifecycle: a killed init process exits 137 in an LCOW container, ERROR_PROCESS_ABORTED (1067) in a
 * process-isolated or Hyper-V-isolated Windows container, and 1 in a HostProcess container).
 */
export function killedExitCode(system: SimSystem): number {
  if (system.runtimeOsType === 'linux') return 128 + SIGNALS.SIGKILL;
  return system.hostProcess ? 1 : ERROR_PROCESS_ABORTED;
}

export function processStatus(p: SimProcess): ProcessStatus {
  return { ProcessId: p.pid, Exited: p.exited, ExitCode: p.exitCode ?? 0, LastWaitResult: 0 };
}

/** The minimal environment a simulated process starts with, plus the document's variables. */
/** The search path every simulated process starts with. */
export const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function processEnvironment(spec: ProcessSpec, system: SimSystem, base: NodeJS.ProcessEnv): string[] {
  const env: Record<string, string> = {
    PATH: HOST_PATH,
    HOME: base.HOME || '/',
    LANG: 'C.UTF-8',
    TERM: spec.console ? 'xterm-256color' : 'dumb',
    HCS_SIM_SYSTEM_ID: system.id,
  };
  if (base.USER) env.USER = base.USER;
  if (base.LOGNAME) env.LOGNAME = base.LOGNAME;
  // The simulator cannot switch accounts: the process runs as the service's user, but sees the user it was
  // asked to run as where a process looks for its name (the document's own variables still win).
  if (spec.user !== null) env.USER = env.LOGNAME = spec.user;
  Object.assign(env, spec.environment);
  return Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

export interface ProcessManagerOptions {
  host: ProcessHost;
  now: () => number;
  /** Called once per process when it has exited and been reaped. */
  onExit: (p: SimProcess) => void;
  log: (message: string) => void;
  reapIntervalMs?: number;
  sample?: (pid: number) => ProcSample | null;
  baseEnv?: NodeJS.ProcessEnv;
}

export class ProcessManager {
  private readonly live = new Set<SimProcess>();
  private draining: DrainingConsole[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly reapIntervalMs: number;
  private readonly sample: (pid: number) => ProcSample | null;

  constructor(private readonly o: ProcessManagerOptions) {
    this.reapIntervalMs = o.reapIntervalMs ?? 20;
    this.sample = o.sample ?? sampleProcess;
  }

  get liveCount(): number {
    return this.live.size;
  }

  /** Starts the process in `cwd`: the document's working directory as a path of this host. */
  start(system: SimSystem, spec: ProcessSpec, cwd: string | null = spec.workingDirectory): StartedProcess {
    if (cwd !== null) {
      let isDir = false;
      try {
        isDir = statSync(cwd).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir)
        throw fail(HR.DIRECTORY, `The working directory '${spec.workingDirectory}' does not exist.`);
    }
    let flags = 0;
    if (spec.console) flags |= SpawnFlag.Pty;
    if (spec.stdin) flags |= SpawnFlag.StdinPipe;
    if (spec.stdout) flags |= SpawnFlag.StdoutPipe;
    if (spec.stderr) flags |= SpawnFlag.StderrPipe;
    const spawned = this.o.host.spawn({
      commandLine: spec.commandLine,
      env: processEnvironment(spec, system, this.o.baseEnv ?? process.env),
      cwd,
      flags,
      rows: spec.rows,
      cols: spec.cols,
    });
    if ('errno' in spawned) {
      throw fail(
        hresultFromErrno(spawned.errno),
        `Could not start '${spec.commandLine}': errno ${-spawned.errno}.`,
      );
    }
    const [fin, fout, ferr] = spawned.fds;
    // With a pty both ends are the master; hand out only what the parameters asked for.
    const stdio: [number, number, number] = [
      spec.stdin ? fin : -1,
      spec.stdout ? fout : -1,
      spec.stderr ? ferr : -1,
    ];
    for (const [i, fd] of spawned.fds.entries()) if (fd >= 0 && stdio[i] !== fd) this.o.host.close(fd);
    let master: number | null = null;
    if (spawned.masterFd >= 0) {
      if (spec.console) master = spawned.masterFd;
      else this.o.host.close(spawned.masterFd);
    }
    const p = new SimProcess(spawned.pid, system, spec.commandLine, this.o.now(), master);
    p.streams = [stdio[0] >= 0, stdio[1] >= 0, stdio[2] >= 0];
    p.user = spec.user;
    if (master !== null && this.o.host.openSlave) {
      const slave = this.o.host.openSlave(master);
      if (slave >= 0) p.slaveFd = slave;
      else this.o.log(`could not hold the console of process ${p.pid} open: errno ${-slave}`);
    }
    system.processes.set(p.pid, p);
    this.live.add(p);
    this.ensureReaping();
    return { process: p, stdio };
  }

  /**
   * HcsGetProcessInfo: the stdio handles again, for the streams CreateProcess handed out and the client has not
   * closed: a console's master is duplicated, a pipe is opened anew (the service keeps no copy that would stop a
   * stream from ending). -1 for every other stream, and for one that is no longer there.
   */
  stdioAgain(p: SimProcess): [number, number, number] {
    const again = (slot: 0 | 1 | 2): number => {
      if (!p.streams[slot] || p.closedStreams.has(slot)) return -1;
      const fd =
        p.masterFd !== null
          ? (this.o.host.dup?.(p.masterFd) ?? -1)
          : (this.o.host.openStdio?.(p.pid, slot) ?? -1);
      if (fd < 0) this.o.log(`process ${p.pid}: stream ${slot} cannot be handed out again (errno ${-fd})`);
      return fd < 0 ? -1 : fd;
    };
    return [again(0), again(1), again(2)];
  }

  /** Sends `signal` to the process group. Throws ERROR_NOT_FOUND once the process has gone. */
  signal(p: SimProcess, signal: number): void {
    if (p.exited) throw fail(HR.NOT_FOUND, `Process ${p.pid} has already exited.`);
    if (signal === SIGNALS.SIGKILL) p.killed = true;
    const r = this.o.host.killGroup(p.pid, signal);
    if (r === -ESRCH) throw fail(HR.NOT_FOUND, `Process ${p.pid} has already exited.`);
    if (r < 0) throw fail(hresultFromErrno(r), `Could not signal process ${p.pid}: errno ${-r}.`);
  }

  resize(p: SimProcess, rows: number, cols: number): void {
    if (p.exited) throw fail(HR.NOT_FOUND, `Process ${p.pid} has already exited.`);
    if (p.masterFd === null) throw fail(HR.E_INVALIDARG, `Process ${p.pid} has no console to resize.`);
    const r = this.o.host.resize(p.masterFd, rows, cols);
    if (r < 0)
      throw fail(hresultFromErrno(r), `Could not resize the console of process ${p.pid}: errno ${-r}.`);
  }

  /** Signals every live process of a system (SIGSTOP on pause, SIGCONT on resume, SIGKILL on stop). */
  signalAll(system: SimSystem, signal: number): void {
    for (const p of system.liveProcesses()) {
      if (signal === SIGNALS.SIGKILL) p.killed = true;
      const r = this.o.host.killGroup(p.pid, signal);
      if (r < 0 && r !== -ESRCH) this.o.log(`signal ${signal} to process ${p.pid} failed: errno ${-r}`);
    }
  }

  killAll(system: SimSystem): void {
    this.signalAll(system, SIGNALS.SIGKILL);
  }

  /** Kills every live process and reaps them, waiting up to `timeoutMs` so that none is left a zombie. */
  async killEverything(timeoutMs = 1000): Promise<void> {
    for (const p of this.live) this.o.host.killGroup(p.pid, SIGNALS.SIGKILL);
    const deadline = Date.now() + timeoutMs;
    this.reapNow();
    while (this.live.size > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      this.reapNow();
    }
  }

  /** Samples the live processes of a system from /proc, remembering each sample for CPU accounting at exit. */
  samples(system: SimSystem): Map<number, ProcSample> {
    const out = new Map<number, ProcSample>();
    for (const p of system.liveProcesses()) {
      const s = this.sample(p.pid);
      if (s) {
        p.lastSample = s;
        out.set(p.pid, s);
      }
    }
    return out;
  }

  private ensureReaping(): void {
    if (this.timer || (this.live.size === 0 && this.draining.length === 0)) return;
    this.timer = setInterval(() => this.reapNow(), this.reapIntervalMs);
    this.timer.unref();
  }

  reapNow(): void {
    for (const p of [...this.live]) {
      const r = this.o.host.reap(p.pid);
      if (r.state === 'running') continue;
      if (r.state === 'error')
        this.o.log(`waitpid(${p.pid}) failed with errno ${-r.errno}; treating it as exited`);
      this.live.delete(p);
      p.exited = true;
      const status = r.state === 'exited' ? r.status : 255;
      // Only a death by the service's SIGKILL counts as killed; a process that exits 137 itself keeps its code.
      p.exitCode = p.killed && status === 128 + SIGNALS.SIGKILL ? killedExitCode(p.system) : status;
      p.exitedAt = this.o.now();
      this.releaseConsole(p);
      if (p.lastSample) p.system.exitedProcessCpu100ns += p.lastSample.user100ns + p.lastSample.kernel100ns;
      this.o.onExit(p);
    }
    this.checkDraining();
    if (this.live.size === 0 && this.draining.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /**
   * The exited process's console: nobody may have it again (HcsGetProcessInfo), but its terminal side stays
   * open until the client has read the last output (checkDraining), when the host can say how much is left.
   */
  private releaseConsole(p: SimProcess): void {
    const master = p.masterFd;
    const slave = p.slaveFd;
    p.masterFd = null;
    p.slaveFd = null;
    if (slave === null) {
      if (master !== null) this.o.host.close(master);
      return;
    }
    if (master === null || !this.o.host.pendingInput) {
      if (master !== null) this.o.host.close(master);
      setTimeout(() => this.o.host.close(slave), CONSOLE_HANGUP_DELAY_MS).unref();
      return;
    }
    this.draining.push({ pid: p.pid, master, slave, reapedAt: this.o.now(), emptyChecks: 0 });
    this.ensureReaping();
  }

  private checkDraining(): void {
    if (this.draining.length === 0) return;
    const now = this.o.now();
    this.draining = this.draining.filter((c) => {
      const pending = this.o.host.pendingInput!(c.master);
      c.emptyChecks = pending === 0 ? c.emptyChecks + 1 : 0;
      const overdue = now - c.reapedAt >= CONSOLE_DRAIN_LIMIT_MS;
      if (pending > 0 && !overdue) return true;
      if (pending === 0 && c.emptyChecks < 2) return true;
      if (overdue && pending > 0)
        this.o.log(`process ${c.pid}: its console's client left ${pending} bytes unread; hanging up`);
      this.o.host.close(c.slave);
      this.o.host.close(c.master);
      return false;
    });
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const c of this.draining) {
      this.o.host.close(c.slave);
      this.o.host.close(c.master);
    }
    this.draining = [];
  }
}
