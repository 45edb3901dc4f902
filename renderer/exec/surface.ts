import type { ConsoleSize } from './exec-store.ts';
import type { TerminalSink } from './session-output.ts';

/** Search results of the terminal's output: `index` is -1 when there are too many to number. */
export interface SearchResults {
  index: number;
  count: number;
}

/**
 * A terminal on screen, as the session views use it: xterm.js in the app (xterm-surface.ts), a fake in
 * component tests (jsdom has no layout for xterm to measure).
 */
export interface TerminalSurface extends TerminalSink {
  /** Keys typed and text pasted. */
  onInput(listener: (data: string) => void): () => void;
  /** Fit the terminal to its box; null while the box has no size (a hidden tab). */
  fit(): ConsoleSize | null;
  readonly size: ConsoleSize;
  focus(): void;
  /** `incremental`: while typing, extend the current match if it still matches instead of moving on. */
  findNext(term: string, incremental?: boolean): void;
  findPrevious(term: string): void;
  clearSearch(): void;
  onSearchResults(listener: (results: SearchResults) => void): () => void;
  /** The whole output drawn so far (scrollback and screen) as text. */
  text(): string;
  /** The selected text, "" when nothing is selected. */
  selection(): string;
  clearSelection(): void;
  setDark(dark: boolean): void;
  /** Whether typing reaches the process; without input the terminal also shows no cursor when not focused. */
  setInputEnabled(enabled: boolean): void;
  /**
   * Sees every key before the terminal; returning false keeps it from the terminal (the app's own shortcuts:
   * search, copy, leaving the terminal).
   */
  setKeyHandler(handler: (event: KeyboardEvent) => boolean): void;
  dispose(): void;
}

export interface SurfaceOptions {
  /** A console session: the pty turns "\n" into "\r\n"; without one the terminal must do it. */
  tty: boolean;
  dark: boolean;
  /** The accessible name of the terminal's input. */
  label: string;
  /** The id of the element that explains the terminal's keys (its aria-describedby). */
  describedBy?: string;
}

/**
 * Makes the terminal of a session in `host`. Asynchronous: the app loads xterm.js on first use, not with the
 * first view (xterm-loader.ts).
 */
export type SurfaceFactory = (host: HTMLElement, options: SurfaceOptions) => Promise<TerminalSurface>;
