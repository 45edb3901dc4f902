import { ENV_NAME_PATTERN, MAX_ENV_ENTRIES } from '../../../src/contract/index.ts';

/** One row of the environment editor; `key` keeps React's identity of a row as others are removed. */
export interface EnvRow {
  key: number;
  name: string;
  value: string;
}

/** What is wrong with a row's name, or null. Rows with neither name nor value are ignored. */
export function envRowProblem(row: EnvRow, rows: readonly EnvRow[]): string | null {
  if (row.name === '' && row.value === '') return null;
  if (row.name === '') return 'A name is needed';
  if (!ENV_NAME_PATTERN.test(row.name)) return 'A letter or "_", then letters, digits or "_"';
  if (rows.some((other) => other !== row && other.name === row.name && other.key < row.key))
    return `${row.name} is set above already`;
  return null;
}

/** The rows that are filled in, as name/value pairs (in order). */
export function envPairs(rows: readonly EnvRow[]): Array<[string, string]> {
  return rows.filter((row) => row.name !== '' || row.value !== '').map((row) => [row.name, row.value]);
}

export function envProblems(rows: readonly EnvRow[]): boolean {
  return rows.some((row) => envRowProblem(row, rows) !== null) || envPairs(rows).length > MAX_ENV_ENTRIES;
}
