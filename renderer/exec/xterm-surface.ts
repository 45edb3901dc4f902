import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import { Terminal, type ITheme } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { bufferText } from './buffer-text.ts';
import type { SurfaceOptions, TerminalSurface } from './surface.ts';

/**
 * Lines kept above the screen; older drawn output is dropped. xterm.js holds 12 bytes per cell, so a wide
 * terminal's full scrollback is about 10 MB and there may be dozens of sessions. The session's own replay
 * buffer (1 MiB) covers a few thousand lines, which a reload shows again.
 */
export const SCROLLBACK_LINES = 5_000;

// The fonts a Windows machine has first; DejaVu / Liberation are what Debian has.
const FONT_FAMILY = "'Cascadia Mono', Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

// VS Code's terminal colours for its default dark and light themes.
const DARK: ITheme = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  cursor: '#cccccc',
  selectionBackground: '#264f78',
  black: '#000000',
  red: '#cd3131',
  green: '#0dbc79',
  yellow: '#e5e510',
  blue: '#2472c8',
  magenta: '#bc3fbc',
  cyan: '#11a8cd',
  white: '#e5e5e5',
  brightBlack: '#666666',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#e5e5e5',
};
const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#333333',
  cursor: '#333333',
  selectionBackground: '#add6ff',
  black: '#000000',
  red: '#cd3131',
  green: '#107c10',
  yellow: '#949800',
  blue: '#0451a5',
  magenta: '#bc05bc',
  cyan: '#0598bc',
  white: '#555555',
  brightBlack: '#666666',
  brightRed: '#cd3131',
  brightGreen: '#14ce14',
  brightYellow: '#b5ba00',
  brightBlue: '#0451a5',
  brightMagenta: '#bc05bc',
  brightCyan: '#0598bc',
  brightWhite: '#a5a5a5',
};

function searchOptions(dark: boolean): ISearchOptions {
  return {
    decorations: dark
      ? {
          matchBackground: '#515c6a',
          matchOverviewRuler: '#d186167e',
          activeMatchBackground: '#9e6a03',
          activeMatchColorOverviewRuler: '#a0a0a0cc',
        }
      : {
          matchBackground: '#ead5ad',
          matchOverviewRuler: '#d186167e',
          activeMatchBackground: '#f2a65a',
          activeMatchColorOverviewRuler: '#a0a0a0cc',
        },
  };
}

/** xterm.js (DOM renderer) with the fit and search addons, opened in `host`. */
export function createXtermSurface(host: HTMLElement, options: SurfaceOptions): TerminalSurface {
  let dark = options.dark;
  const terminal = new Terminal({
    // The search addon's match highlighting uses decorations, still a "proposed" API in xterm 6.
    allowProposedApi: true,
    convertEol: !options.tty,
    scrollback: SCROLLBACK_LINES,
    fontFamily: FONT_FAMILY,
    fontSize: 13,
    cursorBlink: options.tty,
    theme: dark ? DARK : LIGHT,
  });
  const fitAddon = new FitAddon();
  const searchAddon = new SearchAddon();
  terminal.loadAddon(fitAddon);
  terminal.loadAddon(searchAddon);
  terminal.open(host);
  terminal.textarea?.setAttribute('aria-label', options.label);
  if (options.describedBy) terminal.textarea?.setAttribute('aria-describedby', options.describedBy);

  return {
    write: (data, drawn) => terminal.write(data, drawn),
    // RIS through the write queue: it takes effect after what is queued already, in order.
    clear: () => terminal.write('\x1bc'),
    onInput(listener) {
      const subscription = terminal.onData(listener);
      return () => subscription.dispose();
    },
    fit() {
      if (host.clientWidth === 0 || host.clientHeight === 0) return null;
      const proposed = fitAddon.proposeDimensions();
      if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return null;
      fitAddon.fit();
      return { cols: terminal.cols, rows: terminal.rows };
    },
    get size() {
      return { cols: terminal.cols, rows: terminal.rows };
    },
    focus: () => terminal.focus(),
    findNext: (term, incremental = false) =>
      void searchAddon.findNext(term, { ...searchOptions(dark), incremental }),
    findPrevious: (term) => void searchAddon.findPrevious(term, searchOptions(dark)),
    clearSearch: () => searchAddon.clearDecorations(),
    onSearchResults(listener) {
      const subscription = searchAddon.onDidChangeResults((e) =>
        listener({ index: e.resultIndex, count: e.resultCount }),
      );
      return () => subscription.dispose();
    },
    text: () => bufferText(terminal.buffer.active),
    selection: () => terminal.getSelection(),
    clearSelection: () => terminal.clearSelection(),
    setDark(next) {
      dark = next;
      terminal.options.theme = next ? DARK : LIGHT;
    },
    setInputEnabled(enabled) {
      terminal.options.disableStdin = !enabled;
      terminal.options.cursorInactiveStyle = enabled ? 'outline' : 'none';
      terminal.options.cursorBlink = enabled && options.tty;
    },
    setKeyHandler: (handler) => terminal.attachCustomKeyEventHandler(handler),
    dispose: () => terminal.dispose(),
  };
}
