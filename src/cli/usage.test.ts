import { describe, expect, it } from 'vitest';
import { completionScript } from './completion.ts';
import { COMMANDS } from './spec.ts';
import { commandHelp, USAGE } from './usage.ts';

describe('help and completion come from the one command table', () => {
  it('the help lists every command with its usage line; help COMMAND shows one', () => {
    for (const c of COMMANDS) expect(USAGE).toContain(`  ${c.name} ${c.synopsis}`.trimEnd());
    expect(USAGE.split('\n').every((line) => line.length <= 110)).toBe(true);
    expect(commandHelp('kill')).toMatch(/^usage: hcsctl kill ID PID \[--signal NAME\] \[--json\]\n\n/);
    expect(commandHelp('kill')).toContain('options: --signal, -s; --json');
  });

  it('every shell’s script names every command and every spelling of every option', () => {
    for (const shell of ['bash', 'zsh', 'powershell'] as const) {
      const script = completionScript(shell);
      for (const c of COMMANDS) {
        expect(script, `${shell}: ${c.name}`).toContain(`'${c.name}`);
        for (const name of c.options.flatMap((o) => o.names))
          expect(script, `${shell}: ${name}`).toContain(name);
      }
    }
  });
});
