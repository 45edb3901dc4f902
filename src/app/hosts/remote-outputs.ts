import {
  LOW_WATERMARK_BYTES,
  encodeOutputFrameParts,
  isReplayStream,
  qualify,
  sessionIdBytes,
  type ExecReplay,
  type ExecSession,
  type OutputChunk,
} from '../../contract/index.ts';
import type { OutputCarrier } from '../exec/index.ts';
import { qualifySession } from './rewrite.ts';

/** How the outputs reach the host: its exec.attach, exec.detach and exec.ack (validated answers). */
export interface RemoteExecLink {
  attach(sessionId: string): Promise<{ session: ExecSession; replay: ExecReplay }>;
  detach(sessionId: string): void;
  ack(sessionId: string, bytes: number): void;
}

interface Attachment {
  /** Bytes framed to this carrier and not acknowledged by it yet. */
  unacked: number;
  /** Attached and waiting for the replay its attach asked for (replay frames go to these only). */
  awaiting: boolean;
}

interface Session {
  /** Its qualified id, encoded once for every frame. */
  idBytes: Uint8Array;
  carriers: Map<OutputCarrier, Attachment>;
  /** Bytes the host framed to us and we have not acknowledged to it. */
  owed: number;
  /** Whether the host has us attached (an attach sent and not detached since; lost with the socket). */
  attached: boolean;
}

/**
 * The exec output of one remote host's sessions, for the local connections (windows, sockets) attached to
 * them. The core is one client of the host: it attaches to a session while any local connection is attached,
 * and hands every frame on, its session id qualified, to those connections (the replay of an attach only to
 * the connections that asked for it; the contract's `seq` lets a client skip what it already has).
 *
 * Flow control stays end to end (src/contract/exec.ts): what the host framed to us is acknowledged to it only
 * once every local connection attached is within LOW_WATERMARK_BYTES of what it was sent, so a page that draws
 * slowly holds the remote process back through us (at most the host's high watermark is in flight), instead
 * of growing this process's memory.
 */
export class RemoteOutputs {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly host: string,
    private readonly link: RemoteExecLink,
  ) {}

  /** A local connection attaches to the host's session `sessionId` (the host's own id). */
  async attach(
    carrier: OutputCarrier,
    sessionId: string,
  ): Promise<{ session: ExecSession; replay: ExecReplay }> {
    const session = this.session(sessionId);
    session.carriers.set(carrier, { unacked: 0, awaiting: true });
    // The host counts from zero again at an attach (the contract): so do we.
    session.owed = 0;
    session.attached = true;
    try {
      const answer = await this.link.attach(sessionId);
      const attachment = session.carriers.get(carrier);
      if (attachment) attachment.awaiting = false;
      return { session: qualifySession(this.host, answer.session), replay: answer.replay };
    } catch (e) {
      this.detach(carrier, sessionId);
      throw e;
    }
  }

  detach(carrier: OutputCarrier, sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session || !session.carriers.delete(carrier)) return;
    if (session.carriers.size > 0) {
      this.settle(sessionId, session);
      return;
    }
    this.sessions.delete(sessionId);
    if (session.attached) this.link.detach(sessionId);
  }

  ack(carrier: OutputCarrier, sessionId: string, bytes: number): void {
    const session = this.sessions.get(sessionId);
    const attachment = session?.carriers.get(carrier);
    if (!session || !attachment) return;
    attachment.unacked = Math.max(0, attachment.unacked - bytes);
    this.settle(sessionId, session);
  }

  /** A frame from the host. */
  frame(chunk: OutputChunk): void {
    const session = this.sessions.get(chunk.sessionId);
    if (!session) return;
    const bytes = chunk.data.byteLength;
    session.owed += bytes;
    const replay = isReplayStream(chunk.stream);
    const frame = encodeOutputFrameParts(session.idBytes, chunk.stream, chunk.seq, chunk.data);
    for (const [carrier, attachment] of [...session.carriers]) {
      if (replay && !attachment.awaiting) continue;
      attachment.unacked += bytes;
      try {
        carrier.deliver(frame);
      } catch (e) {
        console.error('hcs-desktop: an output client failed:', e);
      }
    }
    this.settle(chunk.sessionId, session);
  }

  /** The session is gone on the host (forgotten): its connections hear it, nothing is detached. */
  dropped(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    this.sessions.delete(sessionId);
    const key = qualify(this.host, sessionId);
    for (const carrier of session.carriers.keys()) carrier.dropped(key);
  }

  /** A local connection went away: it is detached from every session of this host. */
  release(carrier: OutputCarrier): void {
    for (const sessionId of [...this.sessions.keys()]) this.detach(carrier, sessionId);
  }

  /** The socket to the host closed: the host forgot our attachments. */
  disconnected(): void {
    for (const session of this.sessions.values()) {
      session.attached = false;
      session.owed = 0;
    }
  }

  /**
   * Connected again: attach again to every session a local connection is still attached to; its replay goes
   * to all of them (they skip by `seq` what they already drew, and see what they missed).
   */
  reconnected(): void {
    for (const [sessionId, session] of this.sessions) {
      for (const attachment of session.carriers.values()) {
        attachment.awaiting = true;
        attachment.unacked = 0;
      }
      session.attached = true;
      this.link.attach(sessionId).then(
        () => {
          for (const attachment of session.carriers.values()) attachment.awaiting = false;
        },
        () => {
          // The session is gone on the host (it restarted): exec.list says so, and it is dropped then.
          session.attached = false;
        },
      );
    }
  }

  private session(sessionId: string): Session {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = {
        idBytes: sessionIdBytes(qualify(this.host, sessionId)),
        carriers: new Map(),
        owed: 0,
        attached: false,
      };
      this.sessions.set(sessionId, session);
    }
    return session;
  }

  /** Acknowledge to the host what every local connection has (nearly) caught up with. */
  private settle(sessionId: string, session: Session): void {
    if (!session.attached || session.owed === 0) return;
    for (const attachment of session.carriers.values()) {
      if (attachment.unacked > LOW_WATERMARK_BYTES) return;
    }
    const bytes = session.owed;
    session.owed = 0;
    this.link.ack(sessionId, bytes);
  }
}
