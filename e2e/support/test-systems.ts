/** The systems of sim/fixtures/test.json the specs act on, by role. */
export const SYSTEMS = {
  created: 'test-container-created',
  runningContainer: 'test-container-running',
  runningVm: 'test-vm-running',
  paused: 'test-vm-paused',
  stopped: 'test-vm-stopped',
} as const;
