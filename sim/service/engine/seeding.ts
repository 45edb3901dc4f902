// Fixture systems (sim/PROTOCOL.md "Control API"): seeded in the state the fixture gives, held by their simulated
// owner; and the reset that clears every system and every client's handles before seeding again.
import type { Fixture, FixtureSystem } from '../../control/types.ts';
import { checkCreateDocument, type SystemDescription } from '../document.ts';
import { synthesizeDocument } from '../fixtures.ts';
import { guidFromName } from '../guid.ts';
import { SimSystem, type ClientSession } from '../model.ts';
import type { ProcessManager } from '../processes.ts';
import type { HandleTable } from './handles.ts';
import type { HostService } from './host-service.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { SystemTable } from './system-table.ts';
import type { WindowsRoots } from './windows-roots.ts';

export interface SeedingOptions {
  systems: SystemTable;
  handles: HandleTable;
  lifecycle: Lifecycle;
  hostService: HostService;
  hostProcesses: ProcessManager;
  roots: WindowsRoots;
  now: () => number;
}

export class Seeding {
  constructor(private readonly o: SeedingOptions) {}

  seed(fixture: Fixture): void {
    for (const fs of fixture.systems) {
      if (this.o.systems.find(fs.id)) throw new Error(`a system with id '${fs.id}' already exists`);
    }
    // Hosts first, so that a hosted container's document finds its utility VM.
    for (const fs of fixture.systems) this.seedSystem(fs);
    if (fixture.completionDelayMs !== undefined)
      this.o.lifecycle.completionDelayMs = fixture.completionDelayMs;
  }

  private seedSystem(fs: FixtureSystem): void {
    const document = fs.document ?? synthesizeDocument(fs);
    const check = checkCreateDocument(JSON.stringify(document), fs.id, this.o.systems.anyHost);
    if (!check.ok) throw new Error(`fixture system '${fs.id}': ${check.message}`);
    const description: SystemDescription = {
      ...check.description,
      name: fs.name ?? check.description.name,
      systemType: fs.systemType,
      runtimeOsType: fs.runtimeOsType ?? check.description.runtimeOsType,
    };
    const now = this.o.now();
    const state = fs.state ?? 'Created';
    const upMs = state === 'Created' ? 0 : (fs.uptimeSeconds ?? 0) * 1000;
    const s = new SimSystem({
      id: fs.id,
      description,
      document: check.document,
      owner: fs.owner ?? check.description.owner ?? 'hcs-sim',
      runtimeId: fs.runtimeId ?? guidFromName(fs.id),
      createdAt: now - upMs,
      ownerHeld: true,
    });
    if (state !== 'Created') {
      s.setState('Running', now - upMs);
      if (state === 'Paused') s.setState('Paused', now);
      if (state === 'Stopped') {
        s.setState('Stopped', now);
        s.exitType = 'GracefulExit';
      }
    }
    this.o.roots.prepare(s);
    this.o.systems.add(s);
  }

  /**
   * Clears every system (killing their processes), every handle and registration of every client, and the
   * service settings clients made.
   */
  reset(sessions: Iterable<ClientSession>): void {
    this.o.lifecycle.cancelAll();
    for (const s of this.o.systems.list()) {
      this.o.hostProcesses.killAll(s);
      this.o.roots.release(s);
      s.removed = true;
    }
    this.o.handles.forgetAll(sessions);
    this.o.systems.clear();
    this.o.hostService.reset();
  }
}
