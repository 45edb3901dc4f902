/** The messages between the soak driver and its processes' probe (process-probe.ts), over Node's IPC channel. */

export interface ProbeRequest {
  t: 'probe';
  id: number;
  /** Run a full garbage collection first (the server runs with --expose-gc). */
  gc?: boolean;
}

export interface ProbeAnswer {
  t: 'probe';
  id: number;
  pid: number;
  /** Whether a full collection ran before the figures were taken. */
  collected: boolean;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** process.getActiveResourcesInfo(): one type name per active handle, request and ref'd timer. */
  resources: string[];
  /** Listeners on the process's live EventEmitters (after the collection, when one ran). */
  listeners: number;
  /** koffi's count of registered callbacks (koffi.stats()), where the process uses koffi; else null. */
  koffiCallbacks: number | null;
  unhandledRejections: number;
  uncaughtExceptions: number;
  /** The first few rejection reasons, word for word. */
  rejectionReasons: string[];
  warningCount: number;
  warnings: string[];
}
