// The compute systems the service knows, by id. HCS compares ids without regard to case, so the table does too.
// A system leaves the table when HCS would clean it up (stopped and no longer held); a handle may still point at it.
import type { HostLookup } from '../document.ts';
import type { SimSystem } from '../model.ts';

function key(id: string): string {
  return id.toLowerCase();
}

export class SystemTable {
  private readonly systems = new Map<string, SimSystem>();

  /** `removed`: called once for each system taken out of the table (not on clear()). */
  constructor(private readonly removed: (s: SimSystem) => void = () => undefined) {}

  find(id: string): SimSystem | undefined {
    return this.systems.get(key(id));
  }

  list(): SimSystem[] {
    return [...this.systems.values()];
  }

  add(s: SimSystem): void {
    this.systems.set(key(s.id), s);
  }

  /** Takes the system out of the table; handles that still point at it see `removed`. */
  remove(s: SimSystem): void {
    if (this.systems.get(key(s.id)) === s) this.systems.delete(key(s.id));
    if (s.removed) return;
    s.removed = true;
    this.removed(s);
  }

  clear(): void {
    this.systems.clear();
  }

  /** Systems hosted by `host` (their HostingSystemId names it). */
  hostedBy(host: SimSystem): SimSystem[] {
    return this.list().filter((s) => s.hostingSystemId !== null && key(s.hostingSystemId) === key(host.id));
  }

  /** What a create document may refer to: a hosting system that is not stopped. */
  readonly liveHost: HostLookup = (id) => {
    const s = this.find(id);
    return s && s.state !== 'Stopped' ? { runtimeOsType: s.runtimeOsType } : undefined;
  };

  /** What a fixture document may refer to: any seeded hosting system, whatever its state. */
  readonly anyHost: HostLookup = (id) => {
    const s = this.find(id);
    return s ? { runtimeOsType: s.runtimeOsType } : undefined;
  };
}
