import { webDarkTheme } from '@fluentui/react-components';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ExecSession } from '../../../src/contract/index.ts';
import { useExec, useExecServices } from '../../exec/context.tsx';
import { commandLabel } from '../../exec/format.ts';
import { SessionController, type SessionProblem } from '../../exec/session-controller.ts';
import type { TerminalSurface } from '../../exec/surface.ts';
import { useApi } from '../../store/context.tsx';
import { useThemeValues } from '../../theme.ts';

/** Resizes wait this long after the box stopped changing: one exec.resize per drag, not one per frame. */
export const RESIZE_DEBOUNCE_MS = 100;

export interface SessionTerminal {
  host: RefObject<HTMLDivElement | null>;
  /** The terminal and its controller, once mounted. */
  parts: { surface: TerminalSurface; controller: SessionController } | null;
  problem: SessionProblem | null;
  dismissProblem(): void;
  /** The colour scheme is dark (the terminal follows it). */
  dark: boolean;
}

/**
 * The terminal of one session in this window, for as long as its view is mounted: makes the surface in `host`,
 * attaches (again on each new link to the app core), fits it to its box and resizes the process's console to
 * match (debounced), follows the colour scheme, and takes the focus when asked. Unmounting detaches.
 */
export function useSessionTerminal(session: ExecSession, active: boolean, hintId: string): SessionTerminal {
  const api = useApi();
  const { store, router, createSurface } = useExecServices();
  const linkEpoch = useExec((s) => s.linkEpoch);
  const focusRequest = useExec((s) => s.focusRequest);
  const dark = useThemeValues() === webDarkTheme;
  const host = useRef<HTMLDivElement>(null);
  const [parts, setParts] = useState<SessionTerminal['parts']>(null);
  const [problem, setProblem] = useState<SessionProblem | null>(null);
  const latest = useRef({ session, active, dark });
  latest.current = { session, active, dark };
  const focused = useRef(0);
  const requestedSize = useRef<string | null>(null);
  const { sessionId, tty } = session;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    let gone = false;
    let made: { surface: TerminalSurface; controller: SessionController } | null = null;
    // The session attaches only once its terminal exists (the effect below): nothing it outputs is missed.
    void createSurface(element, {
      tty,
      dark: latest.current.dark,
      label: `Terminal of ${commandLabel(latest.current.session)}`,
      describedBy: hintId,
    }).then(
      (surface) => {
        if (gone) {
          surface.dispose();
          return;
        }
        const controller = new SessionController({
          api,
          router,
          session: { sessionId, tty },
          surface,
          onSession: (s) => store.getState().applyChanged(s),
          onProblem: setProblem,
        });
        made = { surface, controller };
        setParts(made);
      },
      (e: unknown) =>
        !gone &&
        setProblem({
          intent: 'error',
          message: `The terminal could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
        }),
    );
    return () => {
      gone = true;
      if (made) {
        made.controller.detach();
        made.controller.dispose();
        made.surface.dispose();
      }
      setParts(null);
    };
  }, [api, router, store, createSurface, sessionId, tty, hintId]);

  useEffect(() => {
    if (!parts || linkEpoch === 0) return;
    void parts.controller.attach().then((ok) => {
      if (ok) setProblem(null);
    });
  }, [parts, linkEpoch]);

  // Fit to the box now, whenever it changes size (also when a hidden tab is shown), and once the process runs.
  const running = session.state === 'running';
  useEffect(() => {
    const element = host.current;
    if (!parts || !element) return;
    const fit = () => {
      const size = parts.surface.fit();
      if (!size) return;
      const { session: s, active: isActive } = latest.current;
      if (isActive) store.getState().setConsoleSize(size);
      const key = `${size.cols}x${size.rows}`;
      const current = s.size ? `${s.size.cols}x${s.size.rows}` : null;
      if (s.tty && s.state === 'running' && key !== current && key !== requestedSize.current) {
        requestedSize.current = key;
        void parts.controller.resize(size.cols, size.rows);
      }
    };
    fit();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(fit, RESIZE_DEBOUNCE_MS);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [parts, store, running, active]);

  useEffect(() => {
    parts?.surface.setDark(dark);
  }, [parts, dark]);

  const acceptsInput = running && session.stdio.stdin;
  useEffect(() => {
    parts?.surface.setInputEnabled(acceptsInput);
  }, [parts, acceptsInput]);

  useEffect(() => {
    if (!parts || !active || focusRequest.sessionId !== sessionId || focusRequest.n === focused.current)
      return;
    focused.current = focusRequest.n;
    parts.surface.focus();
  }, [parts, active, focusRequest, sessionId]);

  return { host, parts, problem, dismissProblem: () => setProblem(null), dark };
}
