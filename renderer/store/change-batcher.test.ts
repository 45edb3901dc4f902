import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../test-support/fixtures.ts';
import { createAppStore } from './app-store.ts';
import { createChangeBatcher } from './change-batcher.ts';

afterEach(() => vi.useRealTimers());

describe('createChangeBatcher', () => {
  it('applies a burst of changes as one update, the latest change of each system winning', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const b = createChangeBatcher((systems) => batches.push(systems.map((s) => `${s.id}:${s.state}`)));
    for (let i = 0; i < 1000; i++) b.add(summary(`s${i % 10}`, { state: i < 990 ? 'Running' : 'Paused' }));
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(60);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(10);
    expect(batches[0]!.every((x) => x.endsWith(':Paused'))).toBe(true);
  });

  it('flushes on demand, and applies nothing after cancel', () => {
    vi.useFakeTimers();
    const applied: string[] = [];
    const b = createChangeBatcher((systems) => applied.push(...systems.map((s) => s.id)));
    b.add(summary('a'));
    b.flush();
    expect(applied).toEqual(['a']);
    b.add(summary('b'));
    b.cancel();
    vi.advanceTimersByTime(100);
    expect(applied).toEqual(['a']);
  });
});

describe('applyChangedMany', () => {
  it('is one store update that keeps unchanged rows (and no update at all when nothing changed)', () => {
    const store = createAppStore();
    store.getState().applySnapshot([summary('a'), summary('b'), summary('c')]);
    let updates = 0;
    store.subscribe(() => updates++);
    const b = store.getState().systems.get('b');
    store.getState().applyChangedMany([summary('a'), summary('b')]);
    expect(updates).toBe(0);
    store.getState().applyChangedMany([summary('a', { state: 'Paused' }), summary('b')]);
    expect(updates).toBe(1);
    const after = store.getState().systems;
    expect(after.get('a')?.state).toBe('Paused');
    expect(after.get('b')).toBe(b);
  });
});
