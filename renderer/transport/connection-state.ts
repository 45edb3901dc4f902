import type { ConnectionState } from './types.ts';

/** A tiny observable for the connection state; listeners hear only real changes. */
export class ConnectionStateCell {
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  constructor(private state: ConnectionState) {}

  get(): ConnectionState {
    return this.state;
  }

  set(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener(next);
  }

  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
