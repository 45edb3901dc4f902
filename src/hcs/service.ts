/**
 * Service-wide calls: hcsshim's GetComputeSystems (enumerate), and the service properties and settings.
 */
import { backend } from './backend.ts';
import { ErrUnexpectedValue, HcsError, processHcsResult, toError } from './errors.ts';
import { toJsonText } from './json-text.ts';
import type * as schema1 from './schema1.ts';

/** The compute systems matching `query` (`{}`: all of them, of every owner). */
export async function getComputeSystems(
  query: schema1.ComputeSystemQuery = {},
): Promise<schema1.ContainerProperties[]> {
  const op = 'hcs::GetComputeSystems';
  const { vm } = await backend();
  const res = await vm.enumerateComputeSystems(toJsonText(query));
  if (res.err) throw new HcsError(op, res.err, processHcsResult(res.result));
  if (!res.computeSystems) throw ErrUnexpectedValue;
  let list: unknown;
  try {
    list = JSON.parse(res.computeSystems);
  } catch (e) {
    throw new HcsError(op, toError(e));
  }
  // HCS answers `null` rather than `[]` when nothing matches; Go unmarshals that into an empty slice.
  if (list === null) return [];
  if (!Array.isArray(list))
    throw new HcsError(op, new SyntaxError('expected a JSON array of compute systems from HCS'));
  return list as schema1.ContainerProperties[];
}

/** HcsGetServiceProperties: the service's properties for `query` (e.g. `{"PropertyTypes":["Basic"]}`). */
export async function getServiceProperties(query: unknown = {}): Promise<unknown> {
  const op = 'hcs::GetServiceProperties';
  const { vm } = await backend();
  const res = await vm.getServiceProperties(toJsonText(query));
  if (res.err) throw new HcsError(op, res.err, processHcsResult(res.result));
  if (!res.properties) throw ErrUnexpectedValue;
  try {
    return JSON.parse(res.properties) as unknown;
  } catch (e) {
    throw new HcsError(op, toError(e));
  }
}

/** HcsModifyServiceSettings with a ModificationRequest (JSON text as is, or an object). */
export async function modifyServiceSettings(settings: string | object): Promise<void> {
  const op = 'hcs::ModifyServiceSettings';
  const { vm } = await backend();
  const res = await vm.modifyServiceSettings(toJsonText(settings));
  if (res.err) throw new HcsError(op, res.err, processHcsResult(res.result));
}
