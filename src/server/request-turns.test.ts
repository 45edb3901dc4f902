import { describe, expect, it } from 'vitest';
import { RequestTurns } from './request-turns.ts';

/** A clock the test moves and a loop whose turns the test ends one at a time. */
function harness(budgetMs = 3) {
  let now = 0;
  let scheduled: Array<() => void> = [];
  const turns = new RequestTurns(
    budgetMs,
    () => now,
    (run) => scheduled.push(run),
  );
  const log: string[] = [];
  /** A request that takes `ms` of the clock when answered. */
  const request =
    (name: string, ms = 1) =>
    () => {
      log.push(name);
      now += ms;
    };
  /** The loop's next check phase: runs what was scheduled before it began. */
  const endTurn = () => {
    const due = scheduled;
    scheduled = [];
    for (const run of due) run();
  };
  return { turns, log, request, endTurn, advance: (ms: number) => (now += ms) };
}

describe('RequestTurns', () => {
  it('answers requests at once while the turn is within its budget', () => {
    const { turns, log, request } = harness(3);
    turns.run(request('a'));
    turns.run(request('b'));
    turns.run(request('c'));
    expect(log).toEqual(['a', 'b', 'c']);
    expect(turns.pending).toBe(0);
  });

  it('keeps the rest of a burst for later turns, in order, once the budget is spent', () => {
    const { turns, log, request, endTurn } = harness(3);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) turns.run(request(name));
    // a, b and c spend the 3 ms; the other four wait.
    expect(log).toEqual(['a', 'b', 'c']);
    expect(turns.pending).toBe(4);
    // The turn ends; the next one (a whole turn later) answers the next slice.
    endTurn();
    expect(log).toEqual(['a', 'b', 'c']);
    endTurn();
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    endTurn();
    endTurn();
    expect(log).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(turns.pending).toBe(0);
  });

  it('puts a request that arrives while others wait behind them, even in a fresh turn', () => {
    const { turns, log, request, endTurn } = harness(2);
    turns.run(request('a', 5));
    turns.run(request('b'));
    expect(log).toEqual(['a']);
    endTurn();
    // A new turn: its budget is fresh, but b arrived first.
    turns.run(request('c'));
    expect(log).toEqual(['a']);
    endTurn();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('counts the time between two requests of the turn, not only their own', () => {
    const { turns, log, request, advance } = harness(3);
    turns.run(request('a', 0));
    advance(4); // another socket's read, a callback: the loop is held all the same
    turns.run(request('b', 0));
    expect(log).toEqual(['a']);
  });

  it('forgets what waits when cleared (shutdown), and answers what comes after', () => {
    const { turns, log, request, endTurn } = harness(1);
    turns.run(request('a'));
    turns.run(request('b'));
    turns.clear();
    endTurn();
    endTurn();
    expect(log).toEqual(['a']);
    turns.run(request('c'));
    expect(log).toEqual(['a', 'c']);
  });

  it('gives every turn its own budget', () => {
    const { turns, log, request, endTurn } = harness(3);
    turns.run(request('a', 3));
    endTurn();
    turns.run(request('b', 3));
    expect(log).toEqual(['a', 'b']);
  });
});
