// Shapes that must be written in more than one layer, held to each other by the compiler: `npm test`'s
// typecheck step (tsc -b) fails on a drift, and this file says which copies must agree.
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorEvent as ContractErrorEvent, SystemState } from '../../src/contract/index.ts';
import type { ErrorEvent } from '../../src/hcs/index.ts';
import type { SystemState as SimulatorSystemState } from '../../sim/control/types.ts';
import type { ErrorEvent as SimulatorErrorEvent } from '../../sim/service/hresult.ts';

describe('shapes written in several layers', () => {
  it("the contract's ErrorEvent is the HCS layer's; the simulator writes a subset of it", () => {
    expectTypeOf<ContractErrorEvent>().toEqualTypeOf<ErrorEvent>();
    expectTypeOf<SimulatorErrorEvent>().toExtend<ErrorEvent>();
  });

  it("the simulator's system states are the contract's, which adds only Unknown", () => {
    expectTypeOf<SimulatorSystemState>().toEqualTypeOf<Exclude<SystemState, 'Unknown'>>();
  });
});
