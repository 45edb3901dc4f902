// The project's own lint rules fire on what they are meant to catch (a rule that never fires protects nothing).
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restrictedSyntaxMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('no connecting to this machine’s interface addresses from tests, benchmarks and scripts', () => {
  const planted = {
    'a named import': `import { networkInterfaces } from 'node:os';\nexport const a = networkInterfaces();\n`,
    'a namespace import': `import * as os from 'node:os';\nexport const a = os.networkInterfaces();\n`,
    'a computed member': `import os from 'node:os';\nexport const a = os['networkInterfaces']();\n`,
    destructuring: `import os from 'node:os';\nconst { networkInterfaces: n } = os;\nexport const a = n();\n`,
    'a dynamic import': `export const a = (await import('node:os')).networkInterfaces();\n`,
  };

  for (const file of [
    'test/integration/planted.test.ts',
    'bench/planted.ts',
    'scripts/planted.ts',
    'e2e/planted.spec.ts',
    'src/server/planted.test.ts',
  ]) {
    it.each(Object.entries(planted))(`fails on ${file} with %s`, async (_how, code) => {
      const messages = await restrictedSyntaxMessages(code, file);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages[0]).toContain('loopback');
    });
  }

  it('leaves product code alone (the server may name its own addresses)', async () => {
    expect(await restrictedSyntaxMessages(planted['a named import'], 'src/server/planted.ts')).toEqual([]);
  });

  it('passes a test that talks to loopback only', async () => {
    const code = `import { connect } from 'node:net';\nexport const s = connect(80, '127.0.0.1');\n`;
    expect(await restrictedSyntaxMessages(code, 'test/integration/planted.test.ts')).toEqual([]);
  });
});
