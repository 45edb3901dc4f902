// The process ops (sim/PROTOCOL.md "Processes"): HcsCreateProcess and HcsOpenProcess hand out process handles,
// HcsTerminateProcess, HcsSignalProcess and HcsModifyProcess act on the host process, HcsGetProcessProperties
// answers its ProcessStatus, and its exit reaches every registration of every handle.
import { fail, HR } from '../hresult.ts';
import type { ProcessHandle, SimProcess, SystemHandle } from '../model.ts';
import { parseProcessModify, parseProcessParameters, parseSignalOptions, SIGNALS } from '../process-spec.ts';
import { HOST_PATH, processStatus, type ProcessManager, type StartedProcess } from '../processes.ts';
import { canCreateProcess } from '../state-machine.ts';
import type { HandleTable } from './handles.ts';
import type { Notifier } from './notifier.ts';
import type { WindowsRoots } from './windows-roots.ts';

export interface ProcessOpsOptions {
  handles: HandleTable;
  notifier: Notifier;
  hostProcesses: ProcessManager;
  roots: WindowsRoots;
}

export class ProcessOps {
  constructor(private readonly o: ProcessOpsOptions) {}

  create(h: SystemHandle, parameters: string | null): StartedProcess & { handle: ProcessHandle } {
    const s = h.system;
    if (
      !canCreateProcess(s.state) ||
      (s.pending && (s.pending.op === 'Shutdown' || s.pending.op === 'Terminate'))
    ) {
      throw fail(
        HR.INVALID_STATE,
        `Cannot create a process in '${s.id}' while it is ${s.state}; it must be Running.`,
      );
    }
    const spec = parseProcessParameters(parameters);
    if (!spec.ok) throw fail(spec.hr, spec.message);
    const dir = spec.spec.workingDirectory;
    const environment = this.o.roots.environment(s, spec.spec.environment, HOST_PATH);
    const started = this.o.hostProcesses.start(
      s,
      { ...spec.spec, environment },
      dir === null ? null : this.o.roots.resolve(s, dir),
    );
    return { ...started, handle: this.o.handles.openProcessHandle(h.session, started.process) };
  }

  open(h: SystemHandle, pid: number): ProcessHandle {
    const p = h.system.processes.get(pid);
    if (!p || p.exited) throw fail(HR.NOT_FOUND, `No running process ${pid} in '${h.system.id}'.`);
    return this.o.handles.openProcessHandle(h.session, p);
  }

  terminate(h: ProcessHandle): void {
    this.o.hostProcesses.signal(h.process, SIGNALS.SIGKILL);
  }

  signal(h: ProcessHandle, options: string | null): void {
    const sig = parseSignalOptions(options);
    if (!sig.ok) throw fail(sig.hr, sig.message);
    this.o.hostProcesses.signal(h.process, sig.signal);
  }

  modify(h: ProcessHandle, settings: string | null): void {
    const m = parseProcessModify(settings);
    if (!m.ok) throw fail(m.hr, m.message);
    const p = h.process;
    if (m.request.operation === 'ConsoleSize') {
      this.o.hostProcesses.resize(p, m.request.rows, m.request.cols);
      return;
    }
    // CloseHandle: the client closes its own descriptor; the service holds no copy to close, but never hands
    // that stream out again.
    if (p.exited) throw fail(HR.NOT_FOUND, `Process ${p.pid} has already exited.`);
    const slots = { StdIn: [0], StdOut: [1], StdErr: [2], All: [0, 1, 2] } as const;
    for (const slot of slots[m.request.handle]) p.closedStreams.add(slot);
  }

  /**
   * HcsGetProcessInfo: the pid and the stdio handles again (processes.ts stdioAgain). A process that has exited
   * has none to give: HCS_E_PROCESS_ALREADY_STOPPED, as hcsshim's hcsv2 createProcess notes.
   */
  info(h: ProcessHandle): { pid: number; stdio: [number, number, number] } {
    const p = h.process;
    if (p.exited) throw fail(HR.PROCESS_ALREADY_STOPPED, `Process ${p.pid} has already exited.`);
    return { pid: p.pid, stdio: this.o.hostProcesses.stdioAgain(p) };
  }

  properties(h: ProcessHandle): string {
    return JSON.stringify(processStatus(h.process));
  }

  /** The host process was reaped: every registration hears of it; an exited process nobody holds is forgotten. */
  exited(p: SimProcess): void {
    this.o.notifier.processExited(p);
    if (p.handles.size === 0) p.system.processes.delete(p.pid);
  }
}
