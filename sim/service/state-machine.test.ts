import { describe, expect, it } from 'vitest';
import { HR } from './hresult.ts';
import { canCreateProcess, canModify, decide, type LifecycleOp, type SystemState } from './state-machine.ts';

type Row = [SystemState, Exclude<LifecycleOp, 'Create'>, SystemState | number];

// sim/PROTOCOL.md "The state machine": every cell of the table, as outcome state or refusing HRESULT.
const table: Row[] = [
  ['Created', 'Start', 'Running'],
  ['Created', 'Pause', HR.INVALID_STATE],
  ['Created', 'Resume', HR.INVALID_STATE],
  ['Created', 'Save', HR.INVALID_STATE],
  ['Created', 'Shutdown', HR.INVALID_STATE],
  ['Created', 'Terminate', 'Stopped'],
  ['Running', 'Start', HR.INVALID_STATE],
  ['Running', 'Pause', 'Paused'],
  ['Running', 'Resume', HR.INVALID_STATE],
  ['Running', 'Save', HR.INVALID_STATE],
  ['Running', 'Shutdown', 'Stopped'],
  ['Running', 'Terminate', 'Stopped'],
  ['Paused', 'Start', HR.INVALID_STATE],
  ['Paused', 'Pause', HR.INVALID_STATE],
  ['Paused', 'Resume', 'Running'],
  ['Paused', 'Save', 'Paused'],
  ['Paused', 'Shutdown', HR.INVALID_STATE],
  ['Paused', 'Terminate', 'Stopped'],
  ['SavedAsTemplate', 'Start', HR.INVALID_STATE],
  ['SavedAsTemplate', 'Resume', HR.INVALID_STATE],
  ['SavedAsTemplate', 'Terminate', 'Stopped'],
  ['Stopped', 'Start', HR.INVALID_STATE],
  ['Stopped', 'Pause', HR.INVALID_STATE],
  ['Stopped', 'Resume', HR.INVALID_STATE],
  ['Stopped', 'Save', HR.INVALID_STATE],
  ['Stopped', 'Shutdown', HR.ALREADY_STOPPED],
  ['Stopped', 'Terminate', HR.ALREADY_STOPPED],
];

describe('decide', () => {
  it.each(table)('%s --%s--> %s', (state, op, expected) => {
    const d = decide(state, null, op);
    if (typeof expected === 'number') expect(d).toMatchObject({ ok: false, hr: expected });
    else expect(d).toMatchObject({ ok: true, next: expected });
  });

  it('gives the exit type of a stop', () => {
    expect(decide('Running', null, 'Shutdown')).toMatchObject({ exitType: 'GracefulExit' });
    expect(decide('Paused', null, 'Terminate')).toMatchObject({ exitType: 'ForcedExit' });
  });

  it('saves a paused system as a template when asked', () => {
    expect(decide('Paused', null, 'Save', 'AsTemplate')).toMatchObject({ ok: true, next: 'SavedAsTemplate' });
    expect(decide('Paused', null, 'Save', 'ToFile')).toMatchObject({ ok: true, next: 'Paused' });
  });

  it('refuses another operation while one is in flight, except that Terminate preempts', () => {
    expect(decide('Created', 'Start', 'Start')).toMatchObject({ ok: false, hr: HR.INVALID_STATE });
    expect(decide('Running', 'Pause', 'Shutdown')).toMatchObject({ ok: false, hr: HR.INVALID_STATE });
    expect(decide('Created', 'Start', 'Terminate')).toMatchObject({
      ok: true,
      next: 'Stopped',
      exitType: 'ForcedExit',
    });
    expect(decide('Created', 'Create', 'Start')).toMatchObject({ ok: false, hr: HR.INVALID_STATE });
    expect(decide('Created', 'Create', 'Terminate')).toMatchObject({ ok: true, next: 'Stopped' });
  });

  it('accepts a repeated stop while one is pending, without starting another', () => {
    expect(decide('Running', 'Shutdown', 'Shutdown')).toMatchObject({ ok: true, alreadyPending: true });
    expect(decide('Running', 'Terminate', 'Terminate')).toMatchObject({ ok: true, alreadyPending: true });
    expect(decide('Running', 'Terminate', 'Shutdown')).toMatchObject({
      ok: true,
      alreadyPending: true,
      exitType: 'ForcedExit',
    });
    expect(decide('Running', 'Shutdown', 'Terminate')).toMatchObject({
      ok: true,
      next: 'Stopped',
      exitType: 'ForcedExit',
    });
    expect(decide('Running', 'Shutdown', 'Terminate')).not.toHaveProperty('alreadyPending');
  });

  it('allows modify and process creation only where the protocol says', () => {
    expect(
      (['Created', 'Running', 'Paused', 'Stopped', 'SavedAsTemplate'] as const).filter(canModify),
    ).toEqual(['Created', 'Running', 'Paused']);
    expect((['Created', 'Running', 'Paused', 'Stopped'] as const).filter(canCreateProcess)).toEqual([
      'Running',
    ]);
  });
});
