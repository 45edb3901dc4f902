import type { ErrorInfo } from '../contract/index.ts';

/** The code's name, V1 or V2 (hresults.ts): the compute system named does not exist. */
const SYSTEM_NOT_FOUND = /_SYSTEM_NOT_FOUND$/;

/**
 * A failed create, explained for a create. HCS's general explanation of "system not found" ("it may have
 * stopped and been cleaned up") is about an existing system; a create that gets it is a hosted container
 * whose HostingSystemId names no running utility VM, and the message says which.
 */
export function explainCreateFailure(info: ErrorInfo, document: string): ErrorInfo {
  if (!info.name || !SYSTEM_NOT_FOUND.test(info.name)) return info;
  const hosting = hostingSystemIdOf(document);
  if (hosting === null) return info;
  return {
    ...info,
    explanation: `The hosting utility VM "${hosting}" (HostingSystemId) does not exist or is not running: a hosted container runs inside a running utility VM. Start that VM, or name one that runs.`,
  };
}

function hostingSystemIdOf(document: string): string | null {
  try {
    const doc = JSON.parse(document) as unknown;
    if (typeof doc !== 'object' || doc === null) return null;
    const id = (doc as Record<string, unknown>).HostingSystemId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
