import type { ErrorInfo, ExecSession, ExecSignal, HcsApi } from '../../src/contract/index.ts';
import { errorInfoOf } from '../transport/index.ts';
import { AckBatcher } from './ack-batcher.ts';
import { inputChunks } from './input-chunks.ts';
import { LineEditor } from './line-editor.ts';
import type { OutputRouter } from './output-router.ts';
import { SessionOutput, type StreamFilter } from './session-output.ts';
import type { TerminalSurface } from './surface.ts';

/** Something the session view should tell the user (a request that failed, a signal that found no process). */
export interface SessionProblem {
  intent: 'error' | 'warning';
  message: string;
  error?: ErrorInfo;
}

export interface SessionControllerOptions {
  api: HcsApi;
  router: OutputRouter;
  session: Pick<ExecSession, 'sessionId' | 'tty'>;
  surface: TerminalSurface;
  /** The attach answer's session (fresher than what the store may hold). */
  onSession(session: ExecSession): void;
  onProblem(problem: SessionProblem): void;
}

/**
 * One session's terminal in this window: routes the session's frames into the terminal (SessionOutput), acks
 * what was drawn in batches, sends what is typed (as it is with a console; through a LineEditor without one),
 * and carries the session's controls (signal, EOF, kill, resize, attach/detach) to the app core.
 */
export class SessionController {
  private readonly output: SessionOutput;
  private readonly acks: AckBatcher;
  private readonly editor: LineEditor | null;
  private readonly cleanups: Array<() => void> = [];
  private disposed = false;

  constructor(private readonly options: SessionControllerOptions) {
    const { api, session, surface } = options;
    const sessionId = session.sessionId;
    this.acks = new AckBatcher((bytes) => {
      // A lost link loses the attachment too; the next attach starts counting afresh.
      api.invoke('exec.ack', { sessionId, bytes }).catch(() => undefined);
    });
    this.output = new SessionOutput(surface, {
      tty: session.tty,
      ack: (bytes) => this.acks.add(bytes),
      caughtUp: () => this.acks.flush(),
    });
    this.editor = session.tty
      ? null
      : new LineEditor({
          echo: (text) => surface.write(text),
          send: (text) => this.send(text),
          eof: () => void this.closeStdin(),
          interrupt: () => void this.signal('CtrlC'),
        });
    // Frames can come before the attach answer (they do over the WebSocket): route them from the start.
    this.cleanups.push(options.router.register(sessionId, (chunk) => this.output.receive(chunk)));
    this.cleanups.push(surface.onInput((data) => this.input(data)));
  }

  get sessionId(): string {
    return this.options.session.sessionId;
  }

  get filter(): StreamFilter {
    return this.output.filter;
  }

  setFilter(filter: StreamFilter): void {
    this.output.setFilter(filter);
  }

  /**
   * Receive the session's output here: its replay first, then live frames (again after a reconnect). Resolves
   * to whether it worked (a failure is reported).
   */
  async attach(): Promise<boolean> {
    this.acks.reset();
    try {
      const { session } = await this.options.api.invoke('exec.attach', { sessionId: this.sessionId });
      if (!this.disposed) this.options.onSession(session);
      return true;
    } catch (e) {
      this.report('error', 'Could not show the output of this process', errorInfoOf(e));
      return false;
    }
  }

  /** This window no longer draws the session (it keeps running in the app core). */
  detach(): void {
    this.options.api.invoke('exec.detach', { sessionId: this.sessionId }).catch(() => undefined);
  }

  /** Typed keys or pasted text from the terminal. */
  input(data: string): void {
    if (this.editor) this.editor.feed(data);
    else this.send(data);
  }

  async signal(signal: ExecSignal): Promise<void> {
    try {
      const { delivered } = await this.options.api.invoke('exec.signal', {
        sessionId: this.sessionId,
        signal,
      });
      if (!delivered)
        this.report(
          'warning',
          `${signal === 'CtrlC' ? 'Ctrl+C' : signal} was not delivered: the process had ended.`,
        );
    } catch (e) {
      this.report('error', `Could not send ${signal === 'CtrlC' ? 'Ctrl+C' : signal}`, errorInfoOf(e));
    }
  }

  async closeStdin(): Promise<void> {
    try {
      await this.options.api.invoke('exec.closeStdin', { sessionId: this.sessionId });
    } catch (e) {
      this.report('error', 'Could not close the input', errorInfoOf(e));
    }
  }

  async kill(): Promise<void> {
    try {
      const { delivered } = await this.options.api.invoke('exec.kill', { sessionId: this.sessionId });
      if (!delivered) this.report('warning', 'The process had ended before it could be killed.');
    } catch (e) {
      this.report('error', 'Could not kill the process', errorInfoOf(e));
    }
  }

  async resize(cols: number, rows: number): Promise<void> {
    try {
      await this.options.api.invoke('exec.resize', { sessionId: this.sessionId, cols, rows });
    } catch (e) {
      this.report('error', 'Could not resize the console', errorInfoOf(e));
    }
  }

  dispose(): void {
    this.disposed = true;
    this.acks.dispose();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private send(text: string): void {
    for (const data of inputChunks(text)) {
      this.options.api.invoke('exec.input', { sessionId: this.sessionId, data }).catch((e: unknown) => {
        this.report('error', 'The input was not delivered', errorInfoOf(e));
      });
    }
  }

  private report(intent: SessionProblem['intent'], message: string, error?: ErrorInfo): void {
    if (this.disposed) return;
    this.options.onProblem(error ? { intent, message, error } : { intent, message });
  }
}
