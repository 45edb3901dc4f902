import type { ExecReplay, ExecSession } from '../../contract/index.ts';
import type { ExecManager } from './manager.ts';
import type { OutputClient } from './session.ts';

/**
 * One output carrier (a WebSocket, a window's MessagePort) and the sessions it is attached to. The transport
 * makes one per connection / page load and closes it when the connection or page goes: its attachments go
 * with it, so it no longer holds any process's output back.
 */
export class ExecClient implements OutputClient {
  private readonly attached = new Set<string>();
  private closed = false;

  constructor(
    private readonly manager: ExecManager,
    private readonly sink: (frame: Uint8Array) => void,
    private readonly onClosed: () => void,
  ) {}

  get sessions(): ReadonlySet<string> {
    return this.attached;
  }

  deliver(frame: Uint8Array): void {
    if (!this.closed) this.sink(frame);
  }

  attach(sessionId: string): { session: ExecSession; replay: ExecReplay } {
    if (this.closed) throw new Error('this output client is closed');
    const answer = this.manager.attach(this, sessionId);
    this.attached.add(sessionId);
    return answer;
  }

  detach(sessionId: string): void {
    this.attached.delete(sessionId);
    this.manager.detach(this, sessionId);
  }

  ack(sessionId: string, bytes: number): void {
    this.manager.ack(this, sessionId, bytes);
  }

  /** The session went away (forgotten): nothing to detach any more. */
  dropped(sessionId: string): void {
    this.attached.delete(sessionId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sessionId of this.attached) this.manager.detach(this, sessionId);
    this.attached.clear();
    this.onClosed();
  }
}
