import type { HcsApiName } from '../../src/contract/index.ts';

/** How the UI names an HCS API: its version and the DLL that carries it. */
export const HCS_API_LABEL: Record<HcsApiName, string> = {
  v1: 'HCS V1 (vmcompute.dll)',
  v2: 'HCS V2 (computecore.dll)',
};

/** The short form for the header badge. */
export const HCS_API_BADGE: Record<HcsApiName, string> = { v1: 'API V1', v2: 'API V2' };

export interface SchemaVersion {
  Major: number;
  Minor: number;
}

/**
 * The schema versions a Basic service-properties answer lists (`{"Properties":[{"SupportedSchemaVersions":
 * [{"Major":2,"Minor":1},…]}]}`), newest last; empty when the answer has none.
 */
export function supportedSchemaVersions(properties: unknown): SchemaVersion[] {
  const list = (properties as { Properties?: unknown } | null)?.Properties;
  const versions: SchemaVersion[] = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const supported = (entry as { SupportedSchemaVersions?: unknown } | null)?.SupportedSchemaVersions;
    for (const v of Array.isArray(supported) ? supported : []) {
      const { Major, Minor } = (v ?? {}) as Partial<SchemaVersion>;
      if (Number.isInteger(Major) && Number.isInteger(Minor)) versions.push({ Major: Major!, Minor: Minor! });
    }
  }
  return versions.sort((a, b) => a.Major - b.Major || a.Minor - b.Minor);
}

export function formatSchemaVersion(v: SchemaVersion): string {
  return `${v.Major}.${v.Minor}`;
}
