// The document ops on systems: HcsEnumerateComputeSystems, HcsGetComputeSystemProperties (schema1 or schema2
// answers, query.ts decides which) and HcsModifyComputeSystem (applied to the recorded configuration).
import { fail, HR } from '../hresult.ts';
import type { SystemHandle } from '../model.ts';
import type { ProcessManager } from '../processes.ts';
import { basicProperties, computeSystemProperties } from '../properties.ts';
import { matchesFilter, parseEnumerateQuery, parsePropertyQuery, type HcsApi } from '../query.ts';
import { canModify } from '../state-machine.ts';
import { applyModification } from '../system-requests.ts';
import type { SystemTable } from './system-table.ts';

export interface SystemDocumentsOptions {
  systems: SystemTable;
  hostProcesses: ProcessManager;
  now: () => number;
}

export class SystemDocuments {
  constructor(private readonly o: SystemDocumentsOptions) {}

  enumerate(query: string | null): string {
    const q = parseEnumerateQuery(query);
    if (!q.ok) throw fail(q.hr, q.message);
    const list = this.o.systems
      .list()
      .filter((s) => matchesFilter(s, q.filter))
      .map(basicProperties);
    return JSON.stringify(list);
  }

  /** `api`: the API the call came through; a V2 (computecore) caller is always answered in schema2. */
  properties(h: SystemHandle, query: string | null, api: HcsApi = 'v1'): string {
    const q = parsePropertyQuery(query, api);
    if (!q.ok) throw fail(q.hr, q.message);
    const s = h.system;
    return JSON.stringify(computeSystemProperties(s, q.query, this.o.now(), this.o.hostProcesses.samples(s)));
  }

  /** HcsModifyComputeSystem: v2 ModifySettingRequest or v1 ResourceModificationRequestResponse. */
  modify(h: SystemHandle, configuration: string | null): void {
    const s = h.system;
    if (!canModify(s.state)) throw fail(HR.INVALID_STATE, `Cannot modify '${s.id}' while it is ${s.state}.`);
    s.modifications.push({ at: this.o.now(), request: applyModification(s, configuration) });
  }
}
