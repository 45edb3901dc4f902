import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type ExecSession,
  type Operation,
  type ServiceStatus,
  type SettingsPatch,
  type SettingsState,
  type StatisticsSample,
  type SystemSummary,
} from '../../src/contract/index.ts';

/** What the main side says about the settings: these changes over the defaults, kept in a file. */
export function settingsState(
  patch: SettingsPatch = {},
  overrides: Partial<Omit<SettingsState, 'settings'>> = {},
): SettingsState {
  return {
    settings: applySettingsPatch(DEFAULT_SETTINGS, patch),
    location: '/h/u/.config/hcs-desktop/settings.json',
    problem: null,
    restartNeeded: [],
    canRestart: false,
    ...overrides,
  };
}

/** A system summary for tests, with plausible defaults. */
export function summary(id: string, overrides: Partial<SystemSummary> = {}): SystemSummary {
  return {
    id,
    name: id,
    type: 'container',
    owner: 'test',
    os: 'windows',
    state: 'Created',
    runtimeId: `00000000-0000-0000-0000-${id.padStart(12, '0').slice(-12)}`,
    pending: null,
    lastError: null,
    exitType: null,
    ...overrides,
  };
}

export function operation(opId: string, overrides: Partial<Operation> = {}): Operation {
  return {
    opId,
    systemId: 'sys-1',
    action: 'start',
    status: 'pending',
    error: null,
    startedAt: 1_000,
    finishedAt: null,
    ...overrides,
  };
}

export const connectedService: ServiceStatus = {
  connected: true,
  backend: 'simulator',
  hcsApi: 'v2',
  message: null,
  pollIntervalMs: 1000,
};

/** An exec session for tests: a running console session unless told otherwise. */
export function execSession(sessionId: string, overrides: Partial<ExecSession> = {}): ExecSession {
  return {
    sessionId,
    systemId: 'sys-1',
    commandLine: `cmd-${sessionId}`,
    cwd: '',
    tty: true,
    size: { cols: 100, rows: 30 },
    pid: 42,
    startedAt: 1_000,
    exitedAt: null,
    exitCode: null,
    state: 'running',
    error: null,
    stdio: { stdin: true, stdout: true, stderr: false },
    attachedOnly: false,
    ...overrides,
  };
}

/** A statistics sample (src/contract/statistics.ts) with the figures a test names; rates null. */
export function statisticsSample(
  seq: number,
  figures: {
    uptime100ns?: number;
    commitBytes?: number;
    cpuPercent?: number | null;
    workingSetBytes?: number;
    assignedBytes?: number | null;
    network?: StatisticsSample['network'];
  } = {},
): StatisticsSample {
  return {
    seq,
    at: Date.parse('2026-01-01T00:00:00Z') + seq * 1000,
    uptime100ns: figures.uptime100ns ?? seq * 1e7,
    processorCount: 2,
    cpuPercent: figures.cpuPercent ?? null,
    cpuTime100ns: 0,
    memory: {
      commitBytes: figures.commitBytes ?? 0,
      commitPeakBytes: figures.commitBytes ?? 0,
      workingSetBytes: figures.workingSetBytes ?? 0,
      assignedBytes: figures.assignedBytes ?? null,
      availableBytes: figures.assignedBytes != null ? figures.assignedBytes / 2 : null,
    },
    storage: { readBytes: 0, writeBytes: 0, readBytesPerSecond: null, writeBytesPerSecond: null },
    network: figures.network ?? null,
  };
}
