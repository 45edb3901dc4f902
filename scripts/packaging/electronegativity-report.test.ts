import { describe, expect, it } from 'vitest';
import {
  FINDING_HEADERS,
  classifyToolOutput,
  findingRows,
  formatTable,
  scannedName,
  verdict,
  type ScanIssue,
} from './electronegativity-report.mjs';

const issue = (over: Partial<ScanIssue>): ScanIssue => ({
  id: 'SANDBOX_JS_CHECK',
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file: 'electron/main.ts',
  line: 10,
  column: 4,
  sample: null,
  description: 'Use sandbox for untrusted origins',
  manualReview: false,
  ...over,
});

describe('scannedName', () => {
  it('scans sources and HTML, renaming the module variants Electronegativity would skip', () => {
    expect(scannedName('main.ts')).toBe('main.ts');
    expect(scannedName('index.html')).toBe('index.html');
    expect(scannedName('preload.cjs')).toBe('preload.js');
    expect(scannedName('lib/main.mts')).toBe('lib/main.ts');
    expect(scannedName('assets/index-abc.js')).toBe('assets/index-abc.js');
  });

  it('leaves out tests, mocks, declarations, maps and other files', () => {
    for (const name of [
      'main.test.ts',
      'ipc.spec.tsx',
      'test-support/fake-window.ts',
      'node_modules/x/index.js',
      'types.d.ts',
      'main.js.map',
      'icon.png',
      'README',
    ]) {
      expect(scannedName(name), name).toBeNull();
    }
  });
});

describe('verdict', () => {
  it('fails on MEDIUM and above, reports the rest, and sorts the worst first', () => {
    const report = verdict({
      issues: [
        issue({ id: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'N/A', line: 0 }),
        issue({}),
        issue({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', line: 3 }),
        issue({ id: 'NODE_INTEGRATION_JS_CHECK', severity: 'INFORMATIONAL' }),
      ],
      errors: [],
    });
    expect(report.ok).toBe(false);
    expect(report.failing.map((f) => f.id)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
    expect(report.findings.map((f) => [f.id, f.fails])).toEqual([
      ['CONTEXT_ISOLATION_JS_CHECK', true],
      ['SANDBOX_JS_CHECK', true],
      ['CSP_GLOBAL_CHECK', false],
      ['NODE_INTEGRATION_JS_CHECK', false],
    ]);
    expect(report.findings[2]!.file).toBeNull(); // a global finding has no file
  });

  it('passes with only low findings, and honours a stricter threshold', () => {
    const result = { issues: [issue({ severity: 'LOW' })], errors: [] };
    expect(verdict(result).ok).toBe(true);
    expect(verdict(result, { minSeverity: 'low' }).ok).toBe(false);
  });

  it('fails when a file could not be parsed, but not for recoverable parse errors', () => {
    const unparsed = verdict({
      issues: [],
      errors: [{ file: 'electron/x.ts', message: 'Unexpected token', tolerable: false }],
    });
    expect(unparsed.ok).toBe(false);
    expect(unparsed.unparsed).toHaveLength(1);
    const tolerated = verdict({
      issues: [],
      errors: [{ file: 'electron/x.ts', message: 'odd', tolerable: true }],
    });
    expect(tolerated.ok).toBe(true);
    expect(tolerated.tolerated).toHaveLength(1);
  });

  it('reports files under their original names', () => {
    const report = verdict(
      { issues: [issue({ file: 'electron/preload.js' })], errors: [] },
      { originalName: (n) => (n === 'electron/preload.js' ? 'electron/preload.cjs' : n) },
    );
    expect(report.findings[0]!.file).toBe('electron/preload.cjs');
    expect(findingRows(report.findings)[0]).toContain('electron/preload.cjs:10:4');
  });
});

describe('tool output and table', () => {
  it("keeps the tool's offline complaints apart from everything else", () => {
    const { notes, other } = classifyToolOutput(
      [
        'Could not retrieve updated translations for the current locale',
        "Something went wrong while fetching Electron's releases. No connectivity?",
        '',
        'warn: something about the app',
      ].join('\n'),
    );
    expect(notes).toHaveLength(2);
    expect(other).toEqual(['warn: something about the app']);
  });

  it('prints aligned columns', () => {
    const table = formatTable(
      findingRows(verdict({ issues: [issue({})], errors: [] }).findings),
      FINDING_HEADERS,
    );
    const [header, rule, row] = table.split('\n');
    expect(header).toMatch(/severity\s+confidence\s+check\s+where\s+what/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(row).toMatch(/^FAIL {2}MEDIUM {4}FIRM\s+SANDBOX_JS_CHECK\s+electron\/main\.ts:10:4\s+Use sandbox/);
  });
});
