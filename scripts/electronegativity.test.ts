// Runs the real gate (`npm run check:electron`) on two small fixture apps. Each scan takes several seconds
// (Electronegativity waits for its offline network lookups), so both run once, side by side.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from './packaging/electronegativity-report.mjs';
import { projectRoot } from './packaging/validate-config.ts';

interface Run {
  code: number | null;
  output: string;
  json: ScanResult;
}

const scratch = mkdtempSync(join(tmpdir(), 'hcs-eng-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixtures = 'scripts/packaging/fixtures';
/** The insecure app is one main file; the secure one a main process plus a built renderer (HTML scanned). */
function fixtureArgs(fixture: 'insecure-app' | 'secure-app'): string[] {
  if (fixture === 'insecure-app') return ['--input', `${fixtures}/insecure-app`];
  return ['--input', `${fixtures}/secure-app/main`, '--html', `${fixtures}/secure-app/renderer`];
}

function gate(fixture: 'insecure-app' | 'secure-app'): Promise<Run> {
  const outDir = join(scratch, fixture);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['scripts/electronegativity.mjs', ...fixtureArgs(fixture), '--out-dir', outDir],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({
          code,
          output,
          json: JSON.parse(readFileSync(join(outDir, 'electronegativity.json'), 'utf8')),
        });
      } catch (error) {
        reject(new Error(`no results (exit ${code}):\n${output}\n${(error as Error).message}`));
      }
    });
  });
}

let insecure: Run;
let secure: Run;
beforeAll(async () => {
  [insecure, secure] = await Promise.all([gate('insecure-app'), gate('secure-app')]);
}, 120_000);

describe('npm run check:electron', () => {
  it('fails the insecure BrowserWindow and names each problem where it is', () => {
    expect(insecure.code, insecure.output).toBe(1);
    expect(insecure.output).toMatch(
      /FAIL\s+HIGH\s+FIRM\s+CONTEXT_ISOLATION_JS_CHECK\s+scripts\/packaging\/fixtures\/insecure-app\/main\.js:11:/,
    );
    for (const check of [
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
    ]) {
      expect(insecure.output).toMatch(new RegExp(`FAIL\\s+\\w+\\s+[\\w ()]+\\s+${check}\\s`));
    }
    expect(insecure.output).toMatch(/verdict: FAIL \(\d+ finding\(s\) of MEDIUM severity or above\)/);
  });

  it('skips a finding suppressed inline with eng-disable', () => {
    expect(insecure.json.issues.map((i) => i.id)).not.toContain('OPEN_EXTERNAL_JS_CHECK');
    expect(insecure.output).not.toContain('OPEN_EXTERNAL_JS_CHECK');
  });

  it('passes the hardened window and CSP, with offline warnings kept out of the verdict', () => {
    expect(secure.code, secure.output).toBe(0);
    expect(secure.output).toContain('verdict: PASS (no finding of MEDIUM severity or above)');
    const severe = secure.json.issues.filter((i) => i.severity === 'MEDIUM' || i.severity === 'HIGH');
    expect(severe).toEqual([]);
    expect(secure.output).toMatch(/note \(offline, not part of the verdict\)/);
  });

  it('parses the TypeScript main and reads only the HTML of the built renderer', () => {
    // main.ts and index.html; the bundle's ES2022 JavaScript would be a parse failure if it were scanned.
    expect(secure.output).toContain(
      'scanning scripts/packaging/fixtures/secure-app/main + scripts/packaging/fixtures/secure-app/renderer (HTML) (2 files)',
    );
    expect(secure.json.errors).toEqual([]);
  });
});
