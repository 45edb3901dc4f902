// The service-wide ops: HcsGetServiceProperties answers from the host and from the settings clients made with
// HcsModifyServiceSettings (CPU groups, Container Credential Guard instances), which the service keeps until reset.
import { freemem, totalmem } from 'node:os';
import { fail, HR } from '../hresult.ts';
import { parseServicePropertyQuery } from '../query.ts';
import { serviceProperties, type CpuGroupState, type CredentialGuardState } from '../service-properties.ts';
import { parseServiceSettings } from '../service-settings.ts';

export interface HostServiceOptions {
  processors: () => number;
}

export class HostService {
  private readonly cpuGroups = new Map<string, CpuGroupState>();
  private readonly credentialGuards = new Map<string, CredentialGuardState>();

  constructor(private readonly o: HostServiceOptions) {}

  properties(query: string | null): string {
    const q = parseServicePropertyQuery(query);
    if (!q.ok) throw fail(q.hr, q.message);
    return JSON.stringify(
      serviceProperties(q.types, {
        processors: this.o.processors(),
        totalMemoryBytes: totalmem(),
        freeMemoryBytes: freemem(),
        cpuGroups: this.cpuGroups.values(),
        credentialGuards: this.credentialGuards.values(),
      }),
    );
  }

  modifySettings(text: string | null): void {
    const s = parseServiceSettings(text);
    const key = (id: string) => id.toLowerCase();
    switch (s.kind) {
      case 'createCpuGroup': {
        if (this.cpuGroups.has(key(s.groupId)))
          throw fail(HR.E_INVALIDARG, `A CPU group with id ${s.groupId} already exists.`);
        const n = this.o.processors();
        const bad = s.processors.find((p) => p >= n);
        if (bad !== undefined)
          throw fail(HR.E_INVALIDARG, `Logical processor ${bad} does not exist on this host (it has ${n}).`);
        this.cpuGroups.set(key(s.groupId), {
          groupId: s.groupId,
          processors: s.processors,
          properties: new Map(),
        });
        return;
      }
      case 'deleteCpuGroup':
        if (!this.cpuGroups.delete(key(s.groupId)))
          throw fail(HR.NOT_FOUND, `No CPU group with id ${s.groupId}.`);
        return;
      case 'setCpuGroupProperty': {
        const g = this.cpuGroups.get(key(s.groupId));
        if (!g) throw fail(HR.NOT_FOUND, `No CPU group with id ${s.groupId}.`);
        g.properties.set(s.code, s.value);
        return;
      }
      case 'addCredentialGuard':
        if (this.credentialGuards.has(s.id))
          throw fail(HR.E_INVALIDARG, `A Container Credential Guard instance ${s.id} already exists.`);
        this.credentialGuards.set(s.id, {
          id: s.id,
          credentialSpec: s.credentialSpec,
          transport: s.transport,
        });
        return;
      case 'removeCredentialGuard':
        if (!this.credentialGuards.delete(s.id))
          throw fail(HR.NOT_FOUND, `No Container Credential Guard instance ${s.id}.`);
        return;
      case 'other':
        return;
    }
  }

  /** Forgets every setting (service reset). */
  reset(): void {
    this.cpuGroups.clear();
    this.credentialGuards.clear();
  }
}
