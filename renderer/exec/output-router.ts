import type { HcsApi, OutputChunk } from '../../src/contract/index.ts';

/**
 * One subscription to the window's output frames (HcsApi.onOutput), handed to the terminal of each session.
 * Frames of a session no terminal here shows are dropped (the main process only sends what was attached).
 */
export class OutputRouter {
  private readonly sinks = new Map<string, (chunk: OutputChunk) => void>();
  private readonly unsubscribe: () => void;

  constructor(api: Pick<HcsApi, 'onOutput'>) {
    this.unsubscribe = api.onOutput((chunk) => this.sinks.get(chunk.sessionId)?.(chunk));
  }

  /** Route a session's frames to `sink` (replacing any earlier one); returns the function that stops it. */
  register(sessionId: string, sink: (chunk: OutputChunk) => void): () => void {
    this.sinks.set(sessionId, sink);
    return () => {
      if (this.sinks.get(sessionId) === sink) this.sinks.delete(sessionId);
    };
  }

  close(): void {
    this.sinks.clear();
    this.unsubscribe();
  }
}
