import { describe, expect, it } from 'vitest';
import { formatHresult } from '../../src/base/index.ts';
import { formatBytes, formatDuration100ns } from './format.ts';
import { initiallyExpanded, summarise, visibleNodes } from './json-tree-model.ts';
import { canRun } from './lifecycle.ts';

describe('canRun', () => {
  it('follows the state table and refuses while something is pending', () => {
    const allowed = (state: Parameters<typeof canRun>[0]['state']) =>
      (['start', 'pause', 'resume', 'save', 'modify', 'shutdown', 'terminate', 'close'] as const).filter(
        (a) => canRun({ state, pending: null }, a),
      );
    expect(allowed('Created')).toEqual(['start', 'terminate']);
    expect(allowed('Running')).toEqual(['pause', 'modify', 'shutdown', 'terminate']);
    expect(allowed('Paused')).toEqual(['resume', 'save', 'terminate']);
    expect(allowed('Stopped')).toEqual(['close']);
    expect(allowed('Unknown')).toEqual([]);
    expect(canRun({ state: 'Created', pending: 'start' }, 'start')).toBe(false);
  });
});

describe('json tree model', () => {
  const value = { Id: 'a', Memory: { Sizes: [1, 2] }, Empty: {} };

  it('opens containers down to the initial depth', () => {
    expect([...initiallyExpanded(value, 1)]).toEqual(['/Memory', '/Empty']);
    expect([...initiallyExpanded(value)]).toEqual(['/Memory', '/Memory/Sizes', '/Empty']);
  });

  it('flattens only what is expanded, with ARIA positions', () => {
    const nodes = visibleNodes(value, new Set(['/Memory']));
    expect(nodes.map((n) => [n.label, n.level, n.posinset, n.setsize])).toEqual([
      ['Id', 1, 1, 3],
      ['Memory', 1, 2, 3],
      ['Sizes', 2, 1, 1],
      ['Empty', 1, 3, 3],
    ]);
    expect(nodes[2]?.parentPath).toBe('/Memory');
  });

  it('shows a non-container root as one line', () => {
    expect(visibleNodes(42, new Set()).map((n) => [n.label, summarise(n)])).toEqual([['value', '42']]);
  });

  it('summarises containers by size', () => {
    const [, memory] = visibleNodes(value, new Set());
    expect(summarise(memory!)).toBe('{1 key}');
    expect(summarise({ kind: 'array', value: [], childCount: 2 })).toBe('[2 items]');
  });
});

describe('format', () => {
  it('formats bytes, 100-ns durations and HRESULTs', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatDuration100ns(3_725 * 1e7)).toBe('1 h 2 min 5 s');
    expect(formatDuration100ns(5e6)).toBe('0.50 s');
    expect(formatHresult(-2147024891)).toBe('0x80070005');
  });
});
