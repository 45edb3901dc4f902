/** Prints a section's rows as an aligned table, with each row's ratio to its baseline and the target. */
import type { BenchRow } from './section.ts';

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}

/** The ratio of each row that names a baseline (null without one, or when the baseline is 0). */
function ratioOf(row: BenchRow, byName: Map<string, BenchRow>): number | null {
  const base = row.baseline ? byName.get(row.baseline) : undefined;
  return base && base.value !== 0 && Number.isFinite(base.value) ? row.value / base.value : null;
}

export function formatRows(rows: BenchRow[]): string {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const table = rows.map((r) => {
    const ratio = ratioOf(r, byName);
    const digits = ratio !== null && ratio < 0.1 ? 3 : 2;
    return [
      r.name,
      formatValue(r.value),
      r.unit,
      ratio === null ? '' : `${ratio.toFixed(digits)}× ${r.baseline}`,
      r.target ?? '',
      r.note ?? '',
    ];
  });
  const headers = ['measurement', 'value', 'unit', 'ratio to baseline', 'target', 'note'];
  const widths = headers.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') + '\n';
}

/** The rows for --json, each with its ratio worked out. */
export function jsonRows(rows: BenchRow[]): Array<BenchRow & { ratio: number | null }> {
  const byName = new Map(rows.map((r) => [r.name, r]));
  return rows.map((r) => ({ ...r, ratio: ratioOf(r, byName) }));
}
