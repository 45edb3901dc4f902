/*
 * A hosted container's create document names the utility VM it runs in with a top-level `HostingSystemId`
 * (schema2; docs/hcs/schema.md). The create dialog reads and writes it from the text being edited.
 */

/**
 * The document's HostingSystemId: undefined when the document is not a hosted container (or not valid JSON
 * yet), null when it is one that names none.
 */
export function hostingSystemOf(text: string): string | null | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const record = doc as Record<string, unknown>;
  if (!('HostedSystem' in record) && !('HostingSystemId' in record)) return undefined;
  return typeof record.HostingSystemId === 'string' && record.HostingSystemId !== ''
    ? record.HostingSystemId
    : null;
}

/** The document with its HostingSystemId set (reformatted: it was valid JSON to be offered the choice). */
export function withHostingSystem(text: string, id: string): string {
  const doc = JSON.parse(text) as Record<string, unknown>;
  return `${JSON.stringify({ ...doc, HostingSystemId: id }, null, 2)}\n`;
}
