// The pure parts of the Electronegativity gate (scripts/electronegativity.mjs): which files are scanned and
// under what name, what fails the verdict, and how the findings are printed.

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];

// Electronegativity only reads these extensions (its parser/types.js); ES-module and CommonJS variants are
// scanned under the name it understands, so a preload.cjs or main.mts is not silently skipped.
const RENAMES = { '.mjs': '.js', '.cjs': '.js', '.mts': '.ts', '.cts': '.ts' };
const SCANNED = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const SKIPPED_DIRS = new Set(['node_modules', '__tests__', 'test-support', '__mocks__']);

/**
 * The name a source file is scanned under, or null when it is not scanned: tests and mocks (their fake
 * BrowserWindows would be findings), type declarations and source maps.
 * @param {string} relativePath  path inside the scanned directory, '/'-separated
 */
export function scannedName(relativePath) {
  const parts = relativePath.split('/');
  const base = parts.at(-1);
  if (parts.slice(0, -1).some((dir) => SKIPPED_DIRS.has(dir))) return null;
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(base) || /\.d\.[cm]?ts$/.test(base)) return null;
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = base.slice(dot);
  const renamed = RENAMES[ext];
  if (renamed) return [...parts.slice(0, -1), base.slice(0, dot) + renamed].join('/');
  return SCANNED.has(ext) ? relativePath : null;
}

export function severityRank(name) {
  const rank = SEVERITIES.indexOf(String(name).toUpperCase());
  if (rank < 0) throw new Error(`unknown severity ${name}`);
  return rank;
}

/**
 * Splits a scan result into what fails the gate and what is only reported. Findings suppressed inline with
 * eng-disable never reach the result (Electronegativity drops them itself). A file it could not parse was not
 * checked, so that fails the gate too; "tolerable" parse errors (it recovered) are only reported.
 */
export function verdict(result, { minSeverity = 'MEDIUM', originalName = (name) => name } = {}) {
  const threshold = severityRank(minSeverity);
  const findings = result.issues
    .map((issue) => ({
      ...issue,
      file: issue.file && issue.file !== 'N/A' ? originalName(issue.file) : null,
      fails: severityRank(issue.severity) >= threshold,
    }))
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        String(a.file).localeCompare(String(b.file)) ||
        a.line - b.line ||
        a.id.localeCompare(b.id),
    );
  const unparsed = result.errors
    .filter((e) => !e.tolerable)
    .map((e) => ({ ...e, file: originalName(e.file) }));
  const tolerated = result.errors
    .filter((e) => e.tolerable)
    .map((e) => ({ ...e, file: originalName(e.file) }));
  const failing = findings.filter((f) => f.fails);
  return { findings, failing, unparsed, tolerated, ok: failing.length === 0 && unparsed.length === 0 };
}

// Electronegativity fetches translations and Electron's release list; offline it says so. These lines are
// about the tool's own connectivity, not about the app.
const CONNECTIVITY = [
  /Could not retrieve updated translations/i,
  /fetching Electron's releases/i,
  /No connectivity/i,
  /getaddrinfo|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/,
];

/** The worker's console output, split into connectivity notes and anything else worth showing. */
export function classifyToolOutput(text) {
  const notes = [];
  const other = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    (CONNECTIVITY.some((re) => re.test(trimmed)) ? notes : other).push(trimmed);
  }
  return { notes, other };
}

function clip(text, width) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** A plain-text table (no colours: it is read in CI logs as often as in a terminal). */
export function formatTable(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function findingRows(findings) {
  return findings.map((f) => [
    f.fails ? 'FAIL' : 'note',
    f.severity,
    f.confidence + (f.manualReview ? ' (review)' : ''),
    f.id,
    f.file ? `${f.file}:${f.line}:${f.column}` : '(whole app)',
    clip(f.description, 70),
  ]);
}

export const FINDING_HEADERS = ['', 'severity', 'confidence', 'check', 'where', 'what'];
