import type { ConsoleSize } from '../exec/exec-store.ts';
import type { SearchResults, SurfaceFactory, SurfaceOptions, TerminalSurface } from '../exec/surface.ts';

const decoder = new TextDecoder();

/**
 * A terminal for component tests (jsdom cannot lay out xterm.js): it records what is written, as text (the
 * bytes of one stream are decoded as a stream), runs write callbacks when told, and lets the test type.
 */
export class FakeSurface implements TerminalSurface {
  written = '';
  size: ConsoleSize = { cols: 100, rows: 30 };
  /** Write callbacks not run yet (see `drawAll`). */
  readonly pending: Array<() => void> = [];
  /** Draw at once (true) or hold the callbacks until drawAll() (false). */
  autoDraw = true;
  readonly searches: string[] = [];
  focused = 0;
  disposed = false;
  dark: boolean;
  selected = '';
  inputEnabled = true;
  keyHandler: ((event: KeyboardEvent) => boolean) | null = null;
  private readonly inputs = new Set<(data: string) => void>();
  private readonly results = new Set<(results: SearchResults) => void>();

  constructor(
    readonly host: HTMLElement,
    readonly options: SurfaceOptions,
  ) {
    this.dark = options.dark;
  }

  write(data: Uint8Array | string, drawn?: () => void): void {
    this.written += typeof data === 'string' ? data : decoder.decode(data, { stream: true });
    if (!drawn) return;
    if (this.autoDraw) drawn();
    else this.pending.push(drawn);
  }

  drawAll(): void {
    for (const drawn of this.pending.splice(0)) drawn();
  }

  clear(): void {
    this.written = '';
  }

  onInput(listener: (data: string) => void): () => void {
    this.inputs.add(listener);
    return () => this.inputs.delete(listener);
  }

  type(data: string): void {
    for (const listener of this.inputs) listener(data);
  }

  fit(): ConsoleSize | null {
    return this.size;
  }

  focus(): void {
    this.focused++;
  }

  findNext(term: string): void {
    this.searches.push(`next:${term}`);
    for (const listener of this.results) listener({ index: 0, count: term.length });
  }

  findPrevious(term: string): void {
    this.searches.push(`previous:${term}`);
  }

  clearSearch(): void {
    this.searches.push('clear');
  }

  onSearchResults(listener: (results: SearchResults) => void): () => void {
    this.results.add(listener);
    return () => this.results.delete(listener);
  }

  text(): string {
    return this.written;
  }

  selection(): string {
    return this.selected;
  }

  clearSelection(): void {
    this.selected = '';
  }

  setDark(dark: boolean): void {
    this.dark = dark;
  }

  setInputEnabled(enabled: boolean): void {
    this.inputEnabled = enabled;
  }

  setKeyHandler(handler: (event: KeyboardEvent) => boolean): void {
    this.keyHandler = handler;
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** A factory that keeps every surface it made, newest last. */
export function fakeSurfaces(): { factory: SurfaceFactory; made: FakeSurface[] } {
  const made: FakeSurface[] = [];
  return {
    made,
    factory: (host, options) => {
      const surface = new FakeSurface(host, options);
      made.push(surface);
      return Promise.resolve(surface);
    },
  };
}
