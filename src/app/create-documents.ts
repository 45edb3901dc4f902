import type { AppEvent, EventHub } from './events.ts';

/** How many create documents are kept at most (the oldest go first): a long-running app creating many systems. */
export const MAX_CREATE_DOCUMENTS = 1000;

/**
 * The create documents of the systems this app created, as sent to HCS: HCS hands no create document out, so
 * the hardware view of a system can read its configuration only from what the app itself sent. Kept while the
 * system is listed (dropped when HCS no longer lists it or the user closes it), in memory only.
 */
export class CreateDocuments {
  private readonly documents = new Map<string, { text: string; at: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    events: EventHub,
    private readonly now: () => number = Date.now,
  ) {
    this.unsubscribe = events.subscribe((event: AppEvent) => {
      if (event.channel === 'systems.removed') this.documents.delete(event.payload.id);
      else if (event.channel === 'systems.snapshot') {
        const listed = new Set(event.payload.systems.map((s) => s.id));
        for (const id of [...this.documents.keys()]) if (!listed.has(id)) this.documents.delete(id);
      }
    });
  }

  /** Our create of `id` with this document succeeded. */
  created(id: string, text: string): void {
    this.documents.delete(id);
    this.documents.set(id, { text, at: this.now() });
    if (this.documents.size > MAX_CREATE_DOCUMENTS) {
      const oldest = this.documents.keys().next().value;
      if (oldest !== undefined) this.documents.delete(oldest);
    }
  }

  get(id: string): { document: string | null; createdAt: number | null } {
    const held = this.documents.get(id);
    return held ? { document: held.text, createdAt: held.at } : { document: null, createdAt: null };
  }

  stop(): void {
    this.unsubscribe();
  }
}
