/**
 * A scripted Vmcompute for unit tests of System and Process logic: no native code. Every call is recorded;
 * each export answers from `answers` (a function per export) or with a success default. `notify` plays the
 * part of HCS's callback thread.
 */
import { setBackend, type Backend } from '../backend.ts';
import type { NotificationRegistry } from '../notifications.ts';
import type { CallOutcome, HcsHandle, ProcessInformation, Vmcompute } from '../vmcompute/types.ts';

type Answers = {
  [K in keyof Vmcompute]?: Vmcompute[K] extends (...a: infer A) => infer R ? (...a: A) => R : never;
};

const S_OK = { err: null, hr: 0 };

export class FakeVmcompute implements Vmcompute {
  readonly libraryPath = 'fake';
  /** The API the fake plays; a test playing V2 also gives it a crashComputeSystem. */
  api: 'v1' | 'v2' = 'v1';
  /** V2 only (absent, as from a vmcompute binding, unless a test sets it). */
  crashComputeSystem?: Vmcompute['crashComputeSystem'];
  readonly calls: Array<{ op: string; args: unknown[] }> = [];
  /** context key of each live registration. */
  readonly registrations = new Map<HcsHandle, number>();
  private nextHandle = 0x1000n;
  answers: Answers = {};

  constructor(private readonly dispatch: NotificationRegistry['dispatch']) {}

  /** Delivers a notification to every registration of `handle`'s context key (as HCS's thread would). */
  notify(context: number, type: number, status = 0, data: string | null = null): void {
    this.dispatch(type, context, status, data);
  }

  /** The context key registered for the handle most recently registered. */
  lastContext(): number {
    return [...this.registrations.values()].pop() ?? 0;
  }

  private record<K extends keyof Vmcompute>(op: K, args: unknown[]): void {
    this.calls.push({ op, args });
  }

  private answer<K extends keyof Vmcompute>(op: K, args: unknown[], fallback: () => unknown): never {
    this.record(op, args);
    const fn = this.answers[op] as ((...a: unknown[]) => unknown) | undefined;
    return (fn ? fn(...args) : Promise.resolve(fallback())) as never;
  }

  handle(): HcsHandle {
    return this.nextHandle++;
  }

  enumerateComputeSystems(query: string) {
    return this.answer('enumerateComputeSystems', [query], () => ({
      ...S_OK,
      computeSystems: '[]',
      result: null,
    }));
  }
  createComputeSystem(id: string, configuration: string) {
    return this.answer('createComputeSystem', [id, configuration], () => ({
      ...S_OK,
      handle: this.handle(),
      result: null,
    }));
  }
  openComputeSystem(id: string) {
    return this.answer('openComputeSystem', [id], () => ({ ...S_OK, handle: this.handle(), result: null }));
  }
  closeComputeSystem(system: HcsHandle) {
    return this.answer('closeComputeSystem', [system], () => S_OK);
  }
  startComputeSystem(system: HcsHandle, options: string) {
    return this.answer('startComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  shutdownComputeSystem(system: HcsHandle, options: string) {
    return this.answer('shutdownComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  terminateComputeSystem(system: HcsHandle, options: string) {
    return this.answer('terminateComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  pauseComputeSystem(system: HcsHandle, options: string) {
    return this.answer('pauseComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  resumeComputeSystem(system: HcsHandle, options: string) {
    return this.answer('resumeComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  saveComputeSystem(system: HcsHandle, options: string) {
    return this.answer('saveComputeSystem', [system, options], () => ({ ...S_OK, result: null }));
  }
  getComputeSystemProperties(system: HcsHandle, query: string) {
    return this.answer('getComputeSystemProperties', [system, query], () => ({
      ...S_OK,
      properties: '{"Id":"x","SystemType":"Container","RuntimeOsType":"Linux","Owner":"Test"}',
      result: null,
    }));
  }
  modifyComputeSystem(system: HcsHandle, configuration: string) {
    return this.answer('modifyComputeSystem', [system, configuration], () => ({ ...S_OK, result: null }));
  }
  modifyServiceSettings(settings: string) {
    return this.answer('modifyServiceSettings', [settings], () => ({ ...S_OK, result: null }));
  }
  getServiceProperties(query: string) {
    return this.answer('getServiceProperties', [query], () => ({ ...S_OK, properties: '{}', result: null }));
  }
  registerComputeSystemCallback(system: HcsHandle, context: number) {
    return this.answer('registerComputeSystemCallback', [system, context], () => {
      const r = this.handle();
      this.registrations.set(r, context);
      return { ...S_OK, registration: r };
    });
  }
  unregisterComputeSystemCallback(registration: HcsHandle): Promise<CallOutcome> {
    return this.answer('unregisterComputeSystemCallback', [registration], () => {
      this.registrations.delete(registration);
      return S_OK;
    });
  }
  createProcess(system: HcsHandle, parameters: string) {
    const info: ProcessInformation = { processId: 42, stdInput: 0n, stdOutput: 0n, stdError: 0n };
    return this.answer('createProcess', [system, parameters], () => ({
      ...S_OK,
      process: this.handle(),
      info,
      result: null,
    }));
  }
  openProcess(system: HcsHandle, pid: number) {
    return this.answer('openProcess', [system, pid], () => ({
      ...S_OK,
      process: this.handle(),
      result: null,
    }));
  }
  closeProcess(process: HcsHandle) {
    return this.answer('closeProcess', [process], () => S_OK);
  }
  terminateProcess(process: HcsHandle) {
    return this.answer('terminateProcess', [process], () => ({ ...S_OK, result: null }));
  }
  signalProcess(process: HcsHandle, options: string) {
    return this.answer('signalProcess', [process, options], () => ({ ...S_OK, result: null }));
  }
  getProcessInfo(process: HcsHandle) {
    return this.answer('getProcessInfo', [process], () => ({ ...S_OK, info: null, result: null }));
  }
  getProcessProperties(process: HcsHandle) {
    return this.answer('getProcessProperties', [process], () => ({
      ...S_OK,
      properties: '{"ProcessId":42,"Exited":true,"ExitCode":0,"LastWaitResult":0}',
      result: null,
    }));
  }
  modifyProcess(process: HcsHandle, settings: string) {
    return this.answer('modifyProcess', [process, settings], () => ({ ...S_OK, result: null }));
  }
  registerProcessCallback(process: HcsHandle, context: number) {
    return this.answer('registerProcessCallback', [process, context], () => {
      const r = this.handle();
      this.registrations.set(r, context);
      return { ...S_OK, registration: r };
    });
  }
  unregisterProcessCallback(registration: HcsHandle): Promise<CallOutcome> {
    return this.answer('unregisterProcessCallback', [registration], () => {
      this.registrations.delete(registration);
      return S_OK;
    });
  }

  /** The ops called so far, in order. */
  ops(): string[] {
    return this.calls.map((c) => c.op);
  }
}

/** Installs a FakeVmcompute as the process-wide backend. */
export function installFake(): { fake: FakeVmcompute; backend: Backend } {
  let fake!: FakeVmcompute;
  const backend = setBackend((dispatch) => (fake = new FakeVmcompute(dispatch)))!;
  return { fake, backend };
}
