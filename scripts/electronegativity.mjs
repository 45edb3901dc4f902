#!/usr/bin/env node
// `npm run check:electron`: the Electronegativity gate. Scans the Electron main/preload sources (electron/,
// TypeScript is parsed) and the built renderer's HTML (dist/renderer, when it has been built) together, so its
// global checks (CSP, navigation limits, permission handler) see the whole app. Of the built renderer only the
// HTML is scanned: that is where its CSP meta or a <webview> would be, while its JavaScript is a Vite bundle of
// library code in ES2022+ that Electronegativity's parsers cannot read (class static blocks); writes the findings to
// test-results/electronegativity.{sarif,json}; prints a table and a verdict; exits 1 if any finding is MEDIUM
// or above, or a file could not be parsed (it was then not checked). Electronegativity itself exits 0 whatever
// it finds. A finding that has been reviewed is suppressed where it is, with a reason:
//   win.loadURL(url); /* eng-disable CHECK_ID  because … */
//
//   node scripts/electronegativity.mjs [--input <dir>]… [--html <dir>]… [--min-severity medium]
//                                      [--out-dir test-results] [--electron-version 45.5.0]
//   --input: scan every source file of <dir>; --html: only its HTML. Without either: --input electron
//   --html dist/renderer.
// Exit: 0 passed, 1 findings, 2 the scan could not run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  FINDING_HEADERS,
  classifyToolOutput,
  findingRows,
  formatTable,
  scannedName,
  severityRank,
  verdict,
} from './packaging/electronegativity-report.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_INPUTS = [
  { path: 'electron', htmlOnly: false },
  { path: 'dist/renderer', htmlOnly: true },
];

class UsageError extends Error {}

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string', multiple: true },
      html: { type: 'string', multiple: true },
      'min-severity': { type: 'string', default: 'medium' },
      'out-dir': { type: 'string', default: 'test-results' },
      'electron-version': { type: 'string' },
    },
  });
  try {
    severityRank(values['min-severity']);
  } catch {
    throw new UsageError(`--min-severity must be informational, low, medium or high`);
  }
  const explicit = values.input !== undefined || values.html !== undefined;
  const inputs = explicit
    ? [
        ...(values.input ?? []).map((p) => ({ path: resolve(root, p), htmlOnly: false })),
        ...(values.html ?? []).map((p) => ({ path: resolve(root, p), htmlOnly: true })),
      ]
    : DEFAULT_INPUTS.map((i) => ({ ...i, path: resolve(root, i.path) }));
  for (const input of inputs) {
    if (explicit && !existsSync(input.path)) throw new UsageError(`no such input: ${input.path}`);
  }
  const present = inputs.filter((input) => existsSync(input.path) && statSync(input.path).isDirectory());
  if (present.length === 0) {
    throw new UsageError(
      `nothing to scan: none of ${inputs.map((i) => relative(root, i.path)).join(', ')} exists`,
    );
  }
  return {
    inputs: present,
    skipped: inputs.filter((i) => !present.includes(i)).map((i) => i.path),
    minSeverity: values['min-severity'].toUpperCase(),
    outDir: resolve(root, values['out-dir']),
    electronVersion: values['electron-version'] ?? installedElectronVersion(),
  };
}

/** The version the app is built with, from the installed package (no binary needed). */
function installedElectronVersion() {
  const manifest = join(root, 'node_modules', 'electron', 'package.json');
  if (!existsSync(manifest)) throw new UsageError('electron is not installed; pass --electron-version');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/** A path as the user would type it: from the repo root when inside it. */
function shown(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function* walk(dir, base = dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full, base);
    else if (entry.isFile()) yield relative(base, full).split(sep).join('/');
  }
}

/** The name an input gets inside the staging directory and in the report: its path from the repo root. */
function labelOf(input) {
  const rel = relative(root, input);
  return rel && !rel.startsWith('..') && !isAbsolute(rel)
    ? rel.split(sep).join('/')
    : input.replace(/[:\\/]+/g, '_');
}

/** Copies the scanned files of every input into one directory; returns staged name → original name. */
async function stage(inputs, stagingDir) {
  const names = new Map();
  for (const input of inputs) {
    const label = labelOf(input.path);
    for (const file of walk(input.path)) {
      const scanned = scannedName(file);
      if (!scanned || (input.htmlOnly && !/\.html?$/.test(scanned))) continue;
      const target = join(stagingDir, label, scanned);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(join(input.path, file), target);
      names.set(`${label}/${scanned}`, `${label}/${file}`);
    }
  }
  return names;
}

function runWorker(job) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'scripts', 'packaging', 'electronegativity-worker.mjs'), JSON.stringify(job)],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, output }));
  });
}

async function main(argv) {
  const opts = options(argv);
  await mkdir(opts.outDir, { recursive: true });
  const sarif = join(opts.outDir, 'electronegativity.sarif');
  const json = join(opts.outDir, 'electronegativity.json');
  await rm(json, { force: true });
  const staging = await mkdtemp(join(tmpdir(), 'hcs-electronegativity-'));
  try {
    const names = await stage(opts.inputs, staging);
    const what = opts.inputs.map((i) => `${labelOf(i.path)}${i.htmlOnly ? ' (HTML)' : ''}`).join(' + ');
    console.log(
      `electronegativity: scanning ${what} (${names.size} files) as Electron ${opts.electronVersion}`,
    );
    for (const skipped of opts.skipped)
      console.log(`electronegativity: ${relative(root, skipped)} not present, not scanned`);
    if (names.size === 0) {
      console.error('electronegativity: no JavaScript, TypeScript or HTML files to scan');
      return 2;
    }
    const worker = await runWorker({ input: staging, sarif, json, electronVersion: opts.electronVersion });
    const { notes, other } = classifyToolOutput(worker.output);
    for (const note of [...new Set(notes)]) console.log(`note (offline, not part of the verdict): ${note}`);
    if (worker.code !== 0 || !existsSync(json)) {
      for (const line of other) console.error(line);
      console.error(
        `electronegativity: the scan did not complete (${worker.signal ?? `exit ${worker.code}`})`,
      );
      return 2;
    }
    for (const line of other) console.log(`electronegativity says: ${line}`);
    const result = JSON.parse(await readFile(json, 'utf8'));
    // Findings name files relative to the staging directory, parse errors absolutely; report the original names.
    const originalName = (name) => {
      const staged = isAbsolute(name) ? relative(staging, name).split(sep).join('/') : name;
      return names.get(staged) ?? name;
    };
    const report = verdict(result, { minSeverity: opts.minSeverity, originalName });

    console.log(`${result.atomicChecks} atomic and ${result.globalChecks} global checks run`);
    if (report.findings.length > 0)
      console.log(`\n${formatTable(findingRows(report.findings), FINDING_HEADERS)}\n`);
    for (const e of report.tolerated) console.log(`parsed with recoverable errors: ${e.file}: ${e.message}`);
    for (const e of report.unparsed) console.log(`NOT CHECKED (could not parse): ${e.file}: ${e.message}`);
    console.log(`results: ${shown(sarif)}, ${shown(json)}`);
    if (report.ok) {
      console.log(`verdict: PASS (no finding of ${opts.minSeverity} severity or above)`);
      return 0;
    }
    const parts = [];
    if (report.failing.length)
      parts.push(`${report.failing.length} finding(s) of ${opts.minSeverity} severity or above`);
    if (report.unparsed.length) parts.push(`${report.unparsed.length} file(s) not parsed`);
    console.log(
      `verdict: FAIL (${parts.join(', ')}); fix them, or suppress a reviewed one inline with /* eng-disable CHECK_ID */`,
    );
    return 1;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`electronegativity: ${error instanceof UsageError ? error.message : error.stack}`);
    process.exit(2);
  },
);
