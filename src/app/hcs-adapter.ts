import {
  HcsError,
  System,
  errorEvents,
  errorHresult,
  getComputeSystems,
  getServiceProperties,
  hcsApi,
  isServiceDisconnect,
  type HcsNotification,
} from '../hcs/index.ts';
import type { HcsPort, HcsPortSystem, HcsFailure, SystemListing } from './hcs-port.ts';
import { headline } from './error-info.ts';
import type { HcsPortProcess, ExecProcessConfig } from './exec/hcs-port-process.ts';

export { ensureThreadPoolSize } from '../hcs/index.ts';

type V1Types = Parameters<System['properties']>;
type V2Types = Parameters<System['propertiesV2']>;

/** A src/hcs System seen through the core's seam. */
class HcsSystem implements HcsPortSystem {
  constructor(private readonly system: System) {}

  get id(): string {
    return this.system.id;
  }
  start(): Promise<void> {
    return this.system.start();
  }
  shutdown(): Promise<void> {
    return this.system.shutdown();
  }
  terminate(): Promise<void> {
    return this.system.terminate();
  }
  pause(): Promise<void> {
    return this.system.pause();
  }
  resume(): Promise<void> {
    return this.system.resume();
  }
  save(options: string): Promise<void> {
    return this.system.save(options);
  }
  modify(request: string): Promise<void> {
    return this.system.modify(request);
  }
  crash(): Promise<void> {
    return this.system.crash();
  }
  async properties(types: readonly string[]): Promise<SystemListing> {
    // The contract's enums are the schema1 / schema2 PropertyType strings.
    return (await this.system.properties(...(types as V1Types))) as unknown as SystemListing;
  }
  propertiesV2(types: readonly string[]): Promise<unknown> {
    return this.system.propertiesV2(...(types as V2Types));
  }
  createProcess(config: ExecProcessConfig): Promise<HcsPortProcess> {
    return this.system.createProcess(config);
  }
  openProcess(pid: number): Promise<HcsPortProcess> {
    return this.system.openProcess(pid);
  }
  wait(): Promise<void> {
    return this.system.wait();
  }
  onNotification(listener: (notification: HcsNotification) => void): () => void {
    return this.system.onNotification((n) =>
      listener({ type: n.type, typeName: n.typeName, status: n.status, data: n.data }),
    );
  }
  close(): Promise<void> {
    return this.system.close();
  }
}

/**
 * The real HCS through src/hcs: vmcompute.dll or computecore.dll on Windows (whichever API the entry point
 * chose before this was made), the simulator's libraries elsewhere.
 */
export class HcsAdapter implements HcsPort {
  readonly hcsApi = hcsApi();

  constructor(
    readonly kind: 'vmcompute' | 'simulator',
    readonly hcsApiReason?: string,
  ) {}

  serviceProperties(query: object): Promise<unknown> {
    return getServiceProperties(query);
  }

  async enumerate(): Promise<SystemListing[]> {
    return (await getComputeSystems()) as unknown as SystemListing[];
  }

  async open(id: string): Promise<HcsPortSystem> {
    return new HcsSystem(await System.open(id));
  }

  async create(id: string, document: string): Promise<HcsPortSystem> {
    return new HcsSystem(await System.create(id, document));
  }

  describeError(error: unknown): HcsFailure {
    const hresult = errorHresult(error);
    const failure: HcsFailure = {
      message: headline(error instanceof Error ? error.message : String(error)),
      events: errorEvents(error),
      // One rule, the HCS layer's: a ServiceDisconnect, or an HRESULT its table marks as the service gone.
      serviceGone: isServiceDisconnect(error),
    };
    if (error instanceof HcsError) failure.op = error.op;
    if (hresult !== undefined) failure.hresult = hresult;
    return failure;
  }
}
