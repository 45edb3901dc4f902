import { describe, expect, it } from 'vitest';
import {
  HISTORY_PER_SYSTEM,
  HISTORY_STORAGE_KEY,
  recentCommands,
  rememberCommand,
  type ExecRecipe,
} from './history.ts';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

const recipe = (commandLine: string, overrides: Partial<ExecRecipe> = {}): ExecRecipe => ({
  commandLine,
  cwd: '',
  env: [],
  tty: true,
  ...overrides,
});

describe('command history', () => {
  it('keeps the newest first, once per command line, per system', () => {
    const storage = memoryStorage();
    rememberCommand(storage, 'a', recipe('ls'));
    rememberCommand(storage, 'a', recipe('pwd'));
    rememberCommand(storage, 'a', recipe('ls', { cwd: '/tmp', env: [['X', '1']], tty: false }));
    rememberCommand(storage, 'b', recipe('whoami'));
    expect(recentCommands(storage, 'a')).toEqual([
      recipe('ls', { cwd: '/tmp', env: [['X', '1']], tty: false }),
      recipe('pwd'),
    ]);
    expect(recentCommands(storage, 'b').map((r) => r.commandLine)).toEqual(['whoami']);
    expect(recentCommands(storage, 'c')).toEqual([]);
  });

  it('is bounded per system', () => {
    const storage = memoryStorage();
    for (let i = 0; i < HISTORY_PER_SYSTEM + 5; i++) rememberCommand(storage, 'a', recipe(`cmd ${i}`));
    const kept = recentCommands(storage, 'a');
    expect(kept).toHaveLength(HISTORY_PER_SYSTEM);
    expect(kept[0]!.commandLine).toBe(`cmd ${HISTORY_PER_SYSTEM + 4}`);
  });

  it('survives unreadable storage and storage that refuses writes', () => {
    const storage = memoryStorage();
    storage.setItem(HISTORY_STORAGE_KEY, '{not json');
    expect(recentCommands(storage, 'a')).toEqual([]);
    storage.setItem(HISTORY_STORAGE_KEY, JSON.stringify([{ systemId: 'a', recipes: [{ nope: 1 }] }]));
    expect(recentCommands(storage, 'a')).toEqual([]);
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => rememberCommand(full, 'a', recipe('ls'))).not.toThrow();
    expect(recentCommands(null, 'a')).toEqual([]);
  });
});
