import { useEffect, useRef } from 'react';
import { isPaletteKey, isShortcutsKey } from './shortcuts.ts';

/** Ctrl+K / ⌘K and `?` anywhere in the window (capture phase: a terminal or editor would keep them otherwise). */
export function useGlobalKeys(handlers: { palette(): void; shortcuts(): void }): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isPaletteKey(e)) {
        e.preventDefault();
        latest.current.palette();
      } else if (isShortcutsKey(e)) {
        e.preventDefault();
        latest.current.shortcuts();
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
