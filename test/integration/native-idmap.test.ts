// The simulator libraries' hash map (sim/native/idmap.c: live handles, operations and registrations by key),
// compiled with the project's own warnings and run against a plain array of expected values (native/idmap-check.c).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const nativeDir = fileURLToPath(new URL('../../sim/native/', import.meta.url));

it('finds, replaces and removes what a plain array holds, through resizes and deleted slots', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-idmap-'));
  try {
    const program = join(dir, 'idmap-check');
    const [cc, ...ccArgs] = (process.env.CC?.trim() || 'cc').split(/\s+/);
    await execFileAsync(cc!, [
      ...ccArgs,
      ...['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror', '-I', nativeDir, '-o', program],
      fileURLToPath(new URL('./native/idmap-check.c', import.meta.url)),
      join(nativeDir, 'idmap.c'),
    ]);
    const { stdout } = await execFileAsync(program, []);
    expect(stdout).toBe('ok 400000\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
