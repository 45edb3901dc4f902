// The integration-v2 project (vitest.config.ts): the same System and Process suites, driven through the HCS V2
// binding (computecore.dll's exports, libcomputecore_sim.so here) instead of vmcompute's. Runs before each file,
// before anything has called HCS, as an entry point choosing its API would.
import { useHcsApi } from '../../src/hcs/index.ts';

useHcsApi('v2');
