import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layer rules (.dependency-cruiser.mjs) run on a small tree of planted files: every planted violation is
// reported by the rule meant to catch it, and the files that keep the rules are not reported at all.

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/** path → source. Each planted violation says which rule must report it. */
const TREE: Record<string, string> = {
  'tsconfig.node.json': '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true } }',
  // Files that keep the rules.
  'src/base/index.ts': 'export const base = 1;\n',
  'src/hcs/index.ts': "import '../base/index.ts';\nexport const hcs = 1;\n",
  'src/hcs/system.ts': 'export const system = 1;\n',
  'src/contract/index.ts': "import '../base/index.ts';\nexport const contract = 1;\n",
  'src/app/index.ts': "import '../hcs/index.ts';\nimport '../contract/index.ts';\nexport const app = 1;\n",
  'src/app/internal.ts': 'export const internal = 1;\n',
  'src/app/stream-types.ts': "import type { Readable } from 'node:stream';\nexport type Out = Readable;\n",
  'src/app/testing/helper.ts': "import '../internal.ts';\nexport const helper = 1;\n",
  'src/host/index.ts': "import '../app/index.ts';\nimport '../hcs/index.ts';\nimport 'node:fs';\n",
  'src/server/main.ts':
    "import '../app/index.ts';\nimport '../host/index.ts';\nimport '../contract/index.ts';\n",
  'src/server/main.test.ts': "import '../app/testing/helper.ts';\nimport '../app/internal.ts';\n",
  'src/cli/main.ts': "import '../hcs/index.ts';\nimport '../app/index.ts';\nimport 'node:fs';\n",
  'renderer/view.ts': "import '../src/contract/index.ts';\nimport '../src/base/index.ts';\n",
  'sim/service.ts': "import '../src/base/index.ts';\nimport 'node:net';\n",
  'test/harness.test.ts': "import '../src/app/internal.ts';\nimport '../src/hcs/system.ts';\n",
  // Planted violations.
  'src/hcs/upward.ts': "import '../app/index.ts';\n", // hcs-imports
  'src/app/reach.ts': "import '../hcs/system.ts';\n", // app-imports: another layer's internals
  'src/app/spawns.ts': "import { spawn } from 'node:child_process';\nexport const s = spawn;\n", // app-node-types-only
  'src/app/uses-test.ts': "import './testing/helper.ts';\n", // no-test-code-in-product
  'src/app/a.ts': "import './b.ts';\nexport const a = 1;\n", // no-circular
  'src/app/b.ts': "import './a.ts';\nexport const b = 1;\n", // no-circular
  'src/base/bad.ts': "import 'node:fs';\n", // base-no-node
  'src/contract/bad.ts': "import '../hcs/index.ts';\n", // contract-imports
  'src/server/bad.ts': "import '../app/internal.ts';\n", // server-imports
  'src/server/lower.ts': "import '../hcs/index.ts';\n", // server-imports: transports never reach src/hcs
  'src/cli/bad.ts': "import '../host/index.ts';\n", // cli-imports
  'src/hcs/upward.test.ts': "import '../app/testing/helper.ts';\n", // hcs-tests-direction
  'renderer/bad.ts': "import 'node:path';\n", // renderer-no-node
  'renderer/reach.ts': "import '../src/app/index.ts';\n", // renderer-imports
  'sim/bad.ts': "import '../src/hcs/index.ts';\n", // sim-imports
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir: string;
let violations: Array<{ rule: string; from: string; to: string }>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-layers-'));
  for (const [path, source] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      'src',
      'renderer',
      'sim',
      'test',
      '--config',
      join(root, '.dependency-cruiser.mjs'),
      '--output-type',
      'json',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  // Exit status: the number of errors found (so not 0 here); the report is on stdout.
  expect(run.stdout, run.stderr).toMatch(/^\{/);
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  violations = report.summary.violations
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
    .sort((x, y) => `${x.rule} ${x.from}`.localeCompare(`${y.rule} ${y.from}`));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the layer rules', () => {
  it('report a planted upward import: src/hcs importing src/app', () => {
    expect(violations).toContainEqual({
      rule: 'hcs-imports',
      from: 'src/hcs/upward.ts',
      to: 'src/app/index.ts',
    });
  });

  it('report every planted violation by its rule, and nothing that keeps the rules', () => {
    expect(violations).toEqual([
      { rule: 'app-imports', from: 'src/app/reach.ts', to: 'src/hcs/system.ts' },
      { rule: 'app-node-types-only', from: 'src/app/spawns.ts', to: 'child_process' },
      { rule: 'base-no-node', from: 'src/base/bad.ts', to: 'fs' },
      { rule: 'cli-imports', from: 'src/cli/bad.ts', to: 'src/host/index.ts' },
      { rule: 'contract-imports', from: 'src/contract/bad.ts', to: 'src/hcs/index.ts' },
      { rule: 'hcs-imports', from: 'src/hcs/upward.ts', to: 'src/app/index.ts' },
      { rule: 'hcs-tests-direction', from: 'src/hcs/upward.test.ts', to: 'src/app/testing/helper.ts' },
      // A cycle is reported once, at the edge where the cruise closed it.
      { rule: 'no-circular', from: 'src/app/a.ts', to: 'src/app/b.ts' },
      { rule: 'no-test-code-in-product', from: 'src/app/uses-test.ts', to: 'src/app/testing/helper.ts' },
      { rule: 'renderer-imports', from: 'renderer/reach.ts', to: 'src/app/index.ts' },
      { rule: 'renderer-no-node', from: 'renderer/bad.ts', to: 'path' },
      { rule: 'server-imports', from: 'src/server/bad.ts', to: 'src/app/internal.ts' },
      { rule: 'server-imports', from: 'src/server/lower.ts', to: 'src/hcs/index.ts' },
      { rule: 'sim-imports', from: 'sim/bad.ts', to: 'src/hcs/index.ts' },
    ]);
  });
});
