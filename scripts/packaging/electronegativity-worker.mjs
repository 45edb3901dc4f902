// Runs one Electronegativity scan in its own process and writes the findings as JSON. It calls the runner that
// the `electronegativity` CLI itself calls (its documented programmatic API, same options as the CLI flags),
// because the CLI with -o neither reports files it could not parse nor writes its CSV safely (it writes the
// header and the rows with two concurrent fs.writeFile calls). Its own SARIF is written for code scanning.
// It prints its own offline warnings; the parent keeps them out of the verdict.
//   node electronegativity-worker.mjs '{"input":…,"sarif":…,"json":…,"electronVersion":"45.5.0"}'
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

const { input, sarif, json, electronVersion } = JSON.parse(process.argv[2]);

const result = await run({
  input,
  output: sarif,
  isSarif: true,
  customScan: [],
  excludeFromScan: [],
  severitySet: 'informational',
  confidenceSet: 'tentative',
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

await writeFile(
  json,
  JSON.stringify(
    {
      atomicChecks: result.atomicChecks,
      globalChecks: result.globalChecks,
      errors: result.errors.map((e) => ({
        file: e.file,
        message: e.message,
        tolerable: Boolean(e.tolerable),
      })),
      issues: result.issues.map((i) => ({
        id: i.id,
        severity: i.severity.name,
        confidence: i.confidence.name,
        file: i.file,
        line: i.location?.line ?? 0,
        column: i.location?.column ?? 0,
        sample: i.sample ?? null,
        description: i.description,
        manualReview: Boolean(i.manualReview),
      })),
    },
    null,
    2,
  ),
);
