// The decisions the CI scripts make on a real Windows runner, tested here on the inputs they will see there:
// which Nano Server image fits a host, what a smoke run's report means, what hcsctl printed, where the MSI
// installs and what is left of it, whether a Playwright project really ran, whether the packaged app came up.
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../packaging/smoke-report.ts';
import { notRun, projectCounts, type PlaywrightJsonReport } from './e2e-report.ts';
import { hresultOf, listedState, PAUSE_REFUSALS } from './hcsctl-checks.ts';
import { registeredAll } from './launch-packaged.ts';
import {
  installState,
  msiexecSucceeded,
  msiLayout,
  parseUninstallEntries,
  productNames,
  uninstallEntriesScript,
} from './msi-layout.ts';
import { nanoServerImageFor, windowsBuildOf } from './nano-server.ts';
import { failLines, formatVerdict, smokeVerdict, type SmokeReport } from './smoke-verdict.ts';

describe('the Nano Server image for a host', () => {
  it('is the one built for the host build on Windows Server 2022 and 2025', () => {
    expect(nanoServerImageFor(20348)).toEqual({
      image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      tag: 'ltsc2022',
      imageBuild: 20348,
      exactMatch: true,
    });
    expect(nanoServerImageFor(26100).image).toBe('mcr.microsoft.com/windows/nanoserver:ltsc2025');
  });

  it('is never newer than the host', () => {
    expect(nanoServerImageFor(22631)).toMatchObject({ tag: 'ltsc2022', exactMatch: false }); // Windows 11
    expect(nanoServerImageFor(26200)).toMatchObject({ tag: 'ltsc2025', exactMatch: false });
    expect(() => nanoServerImageFor(17763)).toThrow(/older than every Nano Server image/);
    expect(() => nanoServerImageFor(0)).toThrow(/not a Windows build number/);
  });

  it('reads the build from os.release()', () => {
    expect(windowsBuildOf('10.0.20348')).toBe(20348);
    expect(windowsBuildOf('10.0.26100.4652')).toBe(26100);
    expect(() => windowsBuildOf('Darwin')).toThrow(/cannot read a Windows build/);
  });
});

const ID = 'a'.repeat(64);

function check(name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return { check: name, status, detail: extra.detail ?? `${name} detail`, ms: 1, ...extra };
}

function report(elevated: boolean | undefined, results: CheckResult[], forced = false): SmokeReport {
  const all = [check('elevation', 'info', { data: elevated === undefined ? {} : { elevated } }), ...results];
  const counts = { pass: 0, fail: 0, skip: 0, info: 0 };
  for (const r of all) counts[r.status]++;
  return { forced, counts, results: all };
}

const printed = (r: SmokeReport) =>
  r.results.map((c) => `  ${c.status.toUpperCase().padEnd(4)}  ${c.check}`).join('\n');
const denied = (name: string) =>
  check(name, 'fail', { error: { message: 'Access is denied.', hresult: '0x80070005' } });

describe('the verdict on a smoke run', () => {
  const healthy = () =>
    report(true, [check('enumerate', 'pass', { data: [{ Id: ID }] }), check(`exec in ${ID}`, 'pass')]);

  it('passes a clean elevated run that listed the container and ran a process in it', () => {
    const r = healthy();
    expect(smokeVerdict(r, printed(r), 'elevated', { containerId: ID, exitCode: 0 })).toMatchObject({
      outcome: 'ok',
      problems: [],
    });
  });

  it('fails an elevated run on any FAIL, naming the check and its HRESULT', () => {
    const r = report(true, [
      check('enumerate', 'pass', { data: [{ Id: ID }] }),
      check(`exec in ${ID}`, 'pass'),
      denied('service properties'),
    ]);
    const verdict = smokeVerdict(r, printed(r), 'elevated', { containerId: ID, exitCode: 1 });
    expect(verdict.outcome).toBe('failed');
    expect(verdict.problems).toEqual(['service properties: service properties detail (0x80070005)']);
  });

  it('fails when the container was not listed or exec did not pass, or the run was the simulator', () => {
    const r = report(true, [check('enumerate', 'pass', { data: [] }), check(`exec in ${ID}`, 'skip')], true);
    expect(smokeVerdict(r, printed(r), 'elevated', { containerId: ID, exitCode: 0 }).problems).toEqual([
      'the report comes from the simulated HCS (--force), not from vmcompute.dll',
      `enumerate did not list the container ${ID}`,
      `exec in ${ID} did not pass`,
    ]);
  });

  it('accepts access denied when not elevated, and nothing else', () => {
    const ok = report(false, [denied('enumerate'), denied(`exec in ${ID}`)]);
    const verdict = smokeVerdict(ok, printed(ok), 'unelevated', { containerId: ID, exitCode: 1 });
    expect(verdict.outcome).toBe('ok');
    expect(verdict.accepted).toHaveLength(2);
    expect(formatVerdict('unelevated', verdict)).toContain(
      "expected: enumerate: access denied (0x80070005), HCS's answer",
    );

    const other = report(false, [
      check('stdio: uv_open_osfhandle', 'fail', { error: { message: 'not exported' } }),
    ]);
    expect(smokeVerdict(other, printed(other), 'unelevated', { exitCode: 1 }).outcome).toBe('failed');
  });

  it('says a non-elevated run that got an elevated token proves nothing', () => {
    const r = healthy();
    const verdict = smokeVerdict(r, printed(r), 'unelevated', { exitCode: 0 });
    expect(verdict.outcome).toBe('not-applicable');
    expect(formatVerdict('unelevated', verdict)).toMatch(
      /not applicable on this runner[\s\S]*elevated token/,
    );
  });

  it('fails when the printed lines, the counts or the exit code disagree with the report', () => {
    const r = healthy();
    expect(
      smokeVerdict(r, `${printed(r)}\n  FAIL  loader`, 'elevated', { containerId: ID, exitCode: 0 }).problems,
    ).toEqual(['loader: printed as FAIL but not saved as one']);
    expect(smokeVerdict(r, printed(r), 'elevated', { containerId: ID, exitCode: 134 }).problems).toEqual([
      'smoke:windows exited 134 with 0 failed check(s) (expected exit 0)',
    ]);
    expect(
      smokeVerdict({ ...r, counts: { ...r.counts, fail: 2 } }, printed(r), 'elevated', { containerId: ID })
        .problems,
    ).toEqual(['the report counts a different number of failures than it lists']);
    expect(smokeVerdict(report(undefined, []), '', 'elevated').problems).toContain(
      'the report does not say whether the run was elevated',
    );
  });

  it('reads FAIL lines as the smoke script prints them', () => {
    expect(failLines('  PASS  loader\n  FAIL  open abc\n  INFO  host\n  FAIL  exec in abc  \n')).toEqual([
      'open abc',
      'exec in abc',
    ]);
  });
});

describe('what hcsctl printed', () => {
  it('the HRESULT of an error', () => {
    expect(
      hresultOf('hcsctl: The request is not supported.\nhcsctl: HRESULT 0x80070032 (ERROR_NOT_SUPPORTED)\n'),
    ).toBe('0x80070032');
    expect(hresultOf('hcsctl: HRESULT 0xC0370105\n')).toBe('0xc0370105');
    expect(hresultOf('hcsctl: no such system\n')).toBeNull();
    expect(PAUSE_REFUSALS['0x80070032']).toBe('ERROR_NOT_SUPPORTED');
    expect(PAUSE_REFUSALS['0x80070005']).toBeUndefined(); // access denied is never "not supported"
  });

  it("a system's state in the list", () => {
    const list = [
      'ID                                                                NAME  TYPE       STATE    OWNER   RUNTIME ID',
      `${ID}  ${ID}  Container  Running  docker  `,
      'other-vm  other-vm  VirtualMachine  Paused  wsl',
    ].join('\n');
    expect(listedState(list, ID)).toBe('Running');
    expect(listedState(list, ID.toUpperCase())).toBe('Running');
    expect(listedState(list, 'other-vm')).toBe('Paused');
    expect(listedState(list, 'missing')).toBeNull();
  });
});

describe('the MSI layout', () => {
  const env = {
    ProgramFiles: 'C:\\Program Files',
    PUBLIC: 'C:\\Users\\Public',
    ProgramData: 'C:\\ProgramData',
    APPDATA: 'C:\\Users\\runner\\AppData\\Roaming',
  };

  it('follows the product and shortcut names of package.json and electron-builder.yml', () => {
    const names = productNames();
    expect(names).toEqual({ productName: 'HCS Desktop', shortcutName: 'HCS Desktop' });
    expect(msiLayout(names, env)).toEqual({
      installDir: 'C:\\Program Files\\HCS Desktop',
      exe: 'C:\\Program Files\\HCS Desktop\\HCS Desktop.exe',
      shortcuts: [
        'C:\\Users\\Public\\Desktop\\HCS Desktop.lnk',
        'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\HCS Desktop.lnk',
      ],
      userData: 'C:\\Users\\runner\\AppData\\Roaming\\HCS Desktop',
    });
    expect(() => msiLayout(names, {})).toThrow(/%ProgramFiles% is not set/);
  });

  it('tells what is installed and what is left', () => {
    const layout = msiLayout(productNames(), env);
    const entry = { PSChildName: '{1234}', DisplayName: 'HCS Desktop', DisplayVersion: '0.1.0' };
    const full = installState(layout, { exists: () => true, uninstallEntries: () => [entry] });
    expect(full.absent).toEqual([]);
    expect(full.present).toHaveLength(5);
    const leftover = installState(layout, {
      exists: (p) => p === layout.shortcuts[1],
      uninstallEntries: () => [],
    });
    expect(leftover.present).toEqual([`a shortcut ${layout.shortcuts[1]}`]);
    expect(leftover.absent).toContain('an uninstall entry');
  });

  it("reads PowerShell's JSON for none, one or several uninstall entries", () => {
    expect(parseUninstallEntries('')).toEqual([]);
    expect(parseUninstallEntries('[]')).toEqual([]);
    expect(parseUninstallEntries('{"PSChildName":"{1}","DisplayName":"HCS Desktop"}')).toHaveLength(1);
    expect(
      parseUninstallEntries(
        '[{"PSChildName":"{1}","DisplayName":"a"},{"PSChildName":"{2}","DisplayName":"b"}]',
      ),
    ).toHaveLength(2);
    expect(uninstallEntriesScript("O'Brien")).toContain("-eq 'O''Brien'");
  });

  it('counts 0 and 3010 (restart needed) as msiexec successes', () => {
    expect([0, 3010, 1603, 1618, null].map(msiexecSucceeded)).toEqual([true, true, false, false, false]);
  });
});

describe('whether a Playwright project ran', () => {
  const test = (projectName: string, status: string, reason?: string) => ({
    projectName,
    status,
    annotations: reason ? [{ type: 'skip', description: reason }] : [],
  });
  const json = (tests: ReturnType<typeof test>[]): PlaywrightJsonReport =>
    ({ suites: [{ suites: [{ specs: [{ title: 't', tests }] }] }] }) as PlaywrightJsonReport;

  it('counts the project of nested suites and keeps the skip reasons', () => {
    const counts = projectCounts(
      json([
        test('real-hcs', 'expected'),
        test('real-hcs', 'skipped', 'real-hcs needs Windows'),
        test('web', 'unexpected'),
      ]),
      'real-hcs',
    );
    expect(counts).toEqual({
      total: 2,
      passed: 1,
      failed: 0,
      flaky: 0,
      skipped: 1,
      skipReasons: ['real-hcs needs Windows'],
    });
    expect(notRun(counts, 'real-hcs')).toBe(
      'the real-hcs project skipped 1 of 2 test(s): real-hcs needs Windows',
    );
  });

  it('fails a project that is absent or failed, passes one that ran in full', () => {
    expect(notRun(projectCounts(json([test('web', 'expected')]), 'electron'), 'electron')).toMatch(
      /has no test/,
    );
    expect(notRun(projectCounts(json([test('electron', 'unexpected')]), 'electron'), 'electron')).toMatch(
      /failed 1 of 1/,
    );
    expect(
      notRun(
        projectCounts(json([test('electron', 'expected'), test('electron', 'flaky')]), 'electron'),
        'electron',
      ),
    ).toBeNull();
  });
});

describe('whether the packaged app came up', () => {
  const client = (systems: string[], registered: string[]) => ({
    pid: 1,
    systemHandles: systems.map((systemId, i) => ({ handle: i + 1, systemId })),
    registrations: registered.map((id, i) => ({
      registration: i,
      handle: systems.indexOf(id) + 1,
      kind: 'system' as const,
    })),
  });
  it('needs one client that opened and registered every system', () => {
    type Clients = Parameters<typeof registeredAll>[0];
    expect(registeredAll([client(['a', 'b'], ['a', 'b'])] as unknown as Clients, ['a', 'b'])).toBe(true);
    expect(registeredAll([client(['a', 'b'], ['a'])] as unknown as Clients, ['a', 'b'])).toBe(false);
    expect(
      registeredAll([client(['a'], ['a']), client(['b'], ['b'])] as unknown as Clients, ['a', 'b']),
    ).toBe(false);
    expect(registeredAll([], ['a'])).toBe(false);
  });
});
