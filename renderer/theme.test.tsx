// @vitest-environment jsdom
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSystemTheme } from './theme.ts';

afterEach(() => vi.unstubAllGlobals());

describe('useSystemTheme', () => {
  it('follows prefers-color-scheme as it changes', () => {
    let matches = true;
    const listeners = new Set<() => void>();
    vi.stubGlobal('matchMedia', (query: string) => ({
      get matches() {
        return query === '(prefers-color-scheme: dark)' && matches;
      },
      addEventListener: (_: string, l: () => void) => listeners.add(l),
      removeEventListener: (_: string, l: () => void) => listeners.delete(l),
    }));
    const { result, unmount } = renderHook(() => useSystemTheme());
    expect(result.current).toBe(webDarkTheme);
    matches = false;
    act(() => listeners.forEach((l) => l()));
    expect(result.current).toBe(webLightTheme);
    unmount();
    expect(listeners.size).toBe(0);
  });
});
