// The request documents of the system ops: lifecycle options (Save's in particular) and HcsModifyComputeSystem
// requests, which are applied to the system's recorded configuration here.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import { fail, HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';
import type { SimSystem } from './model.ts';
import type { SaveType } from './state-machine.ts';

/** Lifecycle options are optional JSON; text that is not JSON is refused as HCS refuses it. */
export function parseOptions(text: string | null, what: string): Record<string, unknown> {
  if (text === null || text.trim() === '') return {};
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    throw fail(HR.INVALID_JSON, `The ${what} options are not valid JSON: ${describeJsonError(parsed)}.`);
  const v = parsed.value;
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw fail(HR.INVALID_JSON, `The ${what} options must be a JSON object.`);
  return v as Record<string, unknown>;
}

export interface SaveRequest {
  saveType: SaveType;
  /** SaveStateFilePath as the client gave it. */
  path: string | null;
  /** Where that file goes on this host. */
  hostPath: string | null;
}

/** `hostPath` maps a path of the system to this host (a Windows system's drive paths live under its root). */
export function parseSaveOptions(
  text: string | null,
  hostPath: (path: string) => string = (p) => p,
): SaveRequest {
  const o = parseOptions(text, 'save');
  let saveType: SaveType = null;
  if (o.SaveType !== undefined && o.SaveType !== null) {
    const t = typeof o.SaveType === 'string' ? o.SaveType.toLowerCase() : '';
    if (t === 'tofile') saveType = 'ToFile';
    else if (t === 'astemplate') saveType = 'AsTemplate';
    else
      throw fail(
        HR.E_INVALIDARG,
        `SaveType must be ToFile or AsTemplate, not ${JSON.stringify(o.SaveType)}.`,
      );
  }
  const path =
    typeof o.SaveStateFilePath === 'string' && o.SaveStateFilePath !== '' ? o.SaveStateFilePath : null;
  const onHost = path === null ? null : hostPath(path);
  if (onHost !== null) {
    // The simulator writes the state file on this host, so the path must be one here.
    const dir = dirname(onHost);
    if (!isAbsolute(onHost) || !existsSync(dir) || !statSync(dir).isDirectory()) {
      throw fail(
        HR.PATH_NOT_FOUND,
        `The save state path '${path}' is not in an existing directory of the simulator's host.`,
      );
    }
  }
  return { saveType, path, hostPath: onHost };
}

/**
 * Applies a v2 ModifySettingRequest (ResourcePath, RequestType, Settings) or a v1 ResourceModificationRequestResponse
 * (ResourceType, RequestType, Settings) to the system and returns the parsed request for the record.
 */
export function applyModification(s: SimSystem, configuration: string | null): Record<string, unknown> {
  if (configuration === null || configuration.trim() === '')
    throw fail(HR.INVALID_JSON, 'The modify request is empty.');
  const r = parseOptions(configuration, 'modify');
  if ('ResourcePath' in r || 'GuestRequest' in r) modifyV2(s, r);
  else if ('ResourceType' in r) modifyV1(s, r);
  else {
    throw fail(
      HR.INVALID_JSON,
      'The modify request is neither a ModifySettingRequest (ResourcePath, RequestType, Settings) nor a ResourceModificationRequestResponse (ResourceType, RequestType, Settings).',
    );
  }
  return r;
}

function requestType(r: Record<string, unknown>, allowed: string[]): string {
  const t = r.RequestType ?? 'Add';
  const found = typeof t === 'string' ? allowed.find((a) => a.toLowerCase() === t.toLowerCase()) : undefined;
  if (!found)
    throw fail(
      HR.E_INVALIDARG,
      `RequestType must be one of ${allowed.join(', ')}, not ${JSON.stringify(t)}.`,
    );
  return found;
}

function modifyV2(s: SimSystem, r: Record<string, unknown>): void {
  const type = requestType(r, ['Add', 'Remove', 'Update', 'PreAdd']);
  if (r.ResourcePath === undefined) return; // a guest request only
  if (typeof r.ResourcePath !== 'string' || r.ResourcePath === '')
    throw fail(HR.E_INVALIDARG, 'ResourcePath must be a non-empty string.');
  const path = r.ResourcePath;
  if (/(^|\/)Memory\/SizeInMB$/i.test(path)) {
    const size = r.Settings;
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      throw fail(HR.E_INVALIDARG, 'Settings for Memory/SizeInMB must be a positive integer (MB).');
    }
    if (type !== 'Update' && type !== 'Add')
      throw fail(HR.E_INVALIDARG, `Memory/SizeInMB takes RequestType Update, not ${type}.`);
    s.memorySizeInMB = size;
    return;
  }
  const nic = /NetworkAdapters\/([^/]+)$/i.exec(path);
  if (nic) {
    const settings = r.Settings as Record<string, unknown> | undefined;
    const endpoint = typeof settings?.EndpointId === 'string' ? settings.EndpointId : nic[1]!;
    if (type === 'Remove')
      s.networkEndpoints = s.networkEndpoints.filter((e) => e.toLowerCase() !== endpoint.toLowerCase());
    else if (!s.networkEndpoints.includes(endpoint)) s.networkEndpoints = [...s.networkEndpoints, endpoint];
  }
}

function modifyV1(s: SimSystem, r: Record<string, unknown>): void {
  const type = requestType(r, ['Add', 'Remove']);
  const resource = typeof r.ResourceType === 'string' ? r.ResourceType : '';
  if (resource === '') throw fail(HR.E_INVALIDARG, 'ResourceType must be a non-empty string.');
  if (resource.toLowerCase() === 'mappedvirtualdisk') {
    const disk = r.Settings;
    if (typeof disk !== 'object' || disk === null || Array.isArray(disk)) {
      throw fail(
        HR.E_INVALIDARG,
        'Settings for a MappedVirtualDisk must be an object (HostPath, ContainerPath, …).',
      );
    }
    const d = disk as Record<string, unknown>;
    if (type === 'Add') s.mappedVirtualDisks = [...s.mappedVirtualDisks, d];
    else {
      s.mappedVirtualDisks = s.mappedVirtualDisks.filter(
        (x) =>
          !(x.ContainerPath === d.ContainerPath && (d.HostPath === undefined || x.HostPath === d.HostPath)),
      );
    }
  } else if (resource.toLowerCase() === 'network') {
    const settings = r.Settings;
    const endpoint =
      typeof settings === 'string'
        ? settings
        : typeof (settings as Record<string, unknown> | null)?.Id === 'string'
          ? ((settings as Record<string, unknown>).Id as string)
          : null;
    if (endpoint === null)
      throw fail(
        HR.E_INVALIDARG,
        'Settings for a Network resource must name the endpoint (a string or {"Id":…}).',
      );
    if (type === 'Remove') s.networkEndpoints = s.networkEndpoints.filter((e) => e !== endpoint);
    else if (!s.networkEndpoints.includes(endpoint)) s.networkEndpoints = [...s.networkEndpoints, endpoint];
  }
}
