// Starts a TypeScript worker module: worker threads do not inherit the tsx loader the tests run under.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
