// Types for electronegativity-report.mjs (plain JS so the gate runs without a TypeScript loader).
export const SEVERITIES: readonly string[];

export interface ScanIssue {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string | null;
  description: string;
  manualReview: boolean;
}
export interface ScanError {
  file: string;
  message: string;
  tolerable: boolean;
}
export interface ScanResult {
  atomicChecks?: number;
  globalChecks?: number;
  issues: ScanIssue[];
  errors: ScanError[];
}
export interface Finding extends Omit<ScanIssue, 'file'> {
  file: string | null;
  fails: boolean;
}
export interface Verdict {
  findings: Finding[];
  failing: Finding[];
  unparsed: ScanError[];
  tolerated: ScanError[];
  ok: boolean;
}

export function scannedName(relativePath: string): string | null;
export function severityRank(name: string): number;
export function verdict(
  result: ScanResult,
  options?: { minSeverity?: string; originalName?: (name: string) => string },
): Verdict;
export function classifyToolOutput(text: string): { notes: string[]; other: string[] };
export function formatTable(rows: string[][], headers: string[]): string;
export function findingRows(findings: Finding[]): string[][];
export const FINDING_HEADERS: string[];
