/**
 * A page's heap snapshot through the DevTools protocol (HeapProfiler domain), in DevTools' format, and what it
 * says of the page's own data. `Runtime.getHeapUsage` counts V8's compiled code with the page's objects, and a
 * page that runs longer compiles and optimises more of its code (bounded by the code, not by time or data):
 * the 20-minute soak and the `memory` section both grew that way with their data flat (docs/soak.md,
 * docs/benchmarks.md). The data's share, taken from a snapshot, is what tells a leak.
 */
import type { CDPSession } from '@playwright/test';

/** Takes a heap snapshot and hands its text to `write` chunk by chunk (as the protocol sends it). */
export async function collectHeapSnapshot(cdp: CDPSession, write: (chunk: string) => void): Promise<void> {
  const onChunk = ({ chunk }: { chunk: string }) => write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
}

/**
 * The node types that are the page's JavaScript data: its objects, arrays, closures, strings and numbers.
 * Left out: `code` (bytecode, machine code, feedback), `object shape` (V8's hidden classes), `native` (Blink's
 * DOM and the like, counted by the DOM rows) and `hidden`/`synthetic` (V8's own bookkeeping and the roots).
 */
const DATA_TYPES = new Set([
  'object',
  'closure',
  'array',
  'string',
  'concatenated string',
  'sliced string',
  'number',
  'regexp',
  'bigint',
  'symbol',
]);

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
}

/** Bytes of the page's JavaScript data in a snapshot (the self sizes of its data nodes) and of its code. */
export function heapShares(snapshotText: string): { dataBytes: number; codeBytes: number } {
  const { snapshot, nodes } = JSON.parse(snapshotText) as SnapshotJson;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let dataBytes = 0;
  let codeBytes = 0;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + typeAt]!]!;
    const size = nodes[i + sizeAt]!;
    if (DATA_TYPES.has(type)) dataBytes += size;
    else if (type === 'code') codeBytes += size;
  }
  return { dataBytes, codeBytes };
}

/** The page's JavaScript data and code now, in MB (after a forced garbage collection). */
export async function pageHeapShares(cdp: CDPSession): Promise<{ dataMb: number; codeMb: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  await collectHeapSnapshot(cdp, (chunk) => chunks.push(chunk));
  const { dataBytes, codeBytes } = heapShares(chunks.join(''));
  return { dataMb: dataBytes / 1024 / 1024, codeMb: codeBytes / 1024 / 1024 };
}
