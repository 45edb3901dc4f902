/** Prints a section's rows as an aligned table, with each row's ratio to its baseline. */
import type { BenchRow } from './section.ts';

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}

export function formatRows(rows: BenchRow[]): string {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const table = rows.map((r) => {
    const base = r.baseline ? byName.get(r.baseline) : undefined;
    const ratio = base && base.value !== 0 ? `${(r.value / base.value).toFixed(1)}× ${r.baseline}` : '';
    return [r.name, formatValue(r.value), r.unit, ratio, r.note ?? ''];
  });
  const headers = ['measurement', 'value', 'unit', 'ratio to baseline', 'note'];
  const widths = headers.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n') + '\n';
}
