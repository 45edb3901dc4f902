import { describe, expect, it } from 'vitest';
import { HcsError, Win32Error } from '../../src/hcs/errors.ts';
import {
  SmokeRun,
  formatResults,
  hintFor,
  parseIcaclsPrincipals,
  parseScState,
  parseWhoamiGroups,
} from './smoke-report.ts';

// `whoami /groups /fo csv /nh` of an administrator under UAC, unelevated (trimmed; group names are localized,
// the SIDs are not).
const UNELEVATED = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"',
  '"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"',
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
].join('\r\n');
const ELEVATED_HYPERV = [
  '"Jeder","Bekannte Gruppe","S-1-1-0","Verbindliche Gruppe, Standardmäßig aktiviert, Aktivierte Gruppe"',
  '"VORDEFINIERT\\Hyper-V-Administratoren","Alias","S-1-5-32-578","Verbindliche Gruppe"',
  '"VORDEFINIERT\\Administratoren","Alias","S-1-5-32-544","Verbindliche Gruppe, Gruppenbesitzer"',
  '"Verbindliche Beschriftung\\Hohe Verbindlichkeitsstufe","Bezeichnung","S-1-16-12288",""',
].join('\r\n');

describe('parseWhoamiGroups', () => {
  it('sees an unelevated administrator as not elevated', () => {
    expect(parseWhoamiGroups(UNELEVATED)).toEqual({
      elevated: false,
      integrity: 'medium',
      administratorsMember: true,
      hypervAdministratorsMember: false,
    });
  });

  it('reads the SIDs whatever the display language', () => {
    expect(parseWhoamiGroups(ELEVATED_HYPERV)).toEqual({
      elevated: true,
      integrity: 'high',
      administratorsMember: true,
      hypervAdministratorsMember: true,
    });
  });

  it('reports an unknown integrity when there is no label', () => {
    expect(parseWhoamiGroups('').integrity).toBeNull();
  });
});

describe('parseScState', () => {
  it('reads the numeric state of sc query', () => {
    const out =
      'SERVICE_NAME: vmcompute\r\n        TYPE               : 20  WIN32_SHARE_PROCESS\r\n        STATE              : 4  RUNNING\r\n';
    expect(parseScState(out)).toEqual({ code: 4, name: 'RUNNING' });
    expect(parseScState('[SC] OpenService FAILED 1060:')).toBeNull();
  });
});

describe('parseIcaclsPrincipals', () => {
  const path = 'C:\\ProgramData\\HCS Desktop\\server\\token.txt';
  it('lists each allowed principal, names with spaces and SIDs included, and leaves deny entries out', () => {
    const output = [
      `${path} NT AUTHORITY\\SYSTEM:(F)`,
      '                                            BUILTIN\\Administrators:(I)(F)',
      '                                            *S-1-5-32-545:(DENY)(R)',
      '                                            CONTOSO\\build agent:(RX)',
      '',
      'Successfully processed 1 files; Failed processing 0 files',
    ].join('\r\n');
    expect(parseIcaclsPrincipals(output, path)).toEqual([
      'NT AUTHORITY\\SYSTEM',
      'BUILTIN\\Administrators',
      'CONTOSO\\build agent',
    ]);
  });
});

describe('SmokeRun', () => {
  it('records a thrown error against its check and carries on', async () => {
    const run = new SmokeRun({ timeoutSeconds: 5 });
    const denied = new HcsError('hcs::OpenComputeSystem', new Win32Error(5, 0x80070005));
    await run.check('first', async () => {
      throw denied;
    });
    const second = await run.check('second', async () => ({ detail: 'fine', data: { n: 1 } }));
    expect(second.outcome).toEqual({ detail: 'fine', data: { n: 1 } });
    expect(run.results.map((r) => [r.check, r.status])).toEqual([
      ['first', 'fail'],
      ['second', 'pass'],
    ]);
    expect(run.results[0]!.error?.hresult).toBe('0x80070005');
    expect(run.results[0]!.detail).toContain('run from an elevated prompt');
    expect(run.results[1]!.data).toEqual({ n: 1 });
    expect(run.counts()).toEqual({ pass: 1, fail: 1, skip: 0, info: 0 });
  });

  it('gives up on a check that never settles and marks it timed out', async () => {
    const run = new SmokeRun({ timeoutSeconds: 0.05 });
    const result = await run.check('hangs', () => new Promise<never>(() => {}));
    expect(result).toMatchObject({ status: 'fail', timedOut: true });
    expect(result.detail).toContain('no answer within 0.05 s');
  });

  it('keeps the status a check chose, and records skips', async () => {
    const run = new SmokeRun({ timeoutSeconds: 5 });
    await run.check('host', async () => ({ status: 'info' as const, detail: 'Linux' }));
    run.skip('exec', 'not asked for');
    expect(run.results.map((r) => r.status)).toEqual(['info', 'skip']);
  });
});

describe('formatResults', () => {
  it('aligns check and result and clips long details', () => {
    const text = formatResults(
      [
        {
          check: 'loader',
          status: 'pass',
          detail: 'vmcompute.dll at C:\\Windows\\System32\\vmcompute.dll',
          ms: 1,
        },
        { check: 'properties v2 a-long-system-id', status: 'fail', detail: 'x'.repeat(300), ms: 2 },
      ],
      40,
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^check\s+result\s+detail$/);
    expect(lines[2]).toMatch(/^loader\s+PASS {4}vmcompute\.dll at/);
    expect(lines[3]!.endsWith('…')).toBe(true);
    expect(lines[3]!.indexOf('FAIL')).toBe(lines[2]!.indexOf('PASS'));
  });

  it('hints only at errors a user can act on', () => {
    expect(hintFor(new Error('boom'))).toBe('');
  });
});
