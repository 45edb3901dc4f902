/**
 * The repository stands on its own: a comment or a document may point only at what the repository holds.
 * This finds, in the text of every file of a repository view,
 *  - paths into the machine around the repository: a shared folder beside it, absolute paths under the
 *    machine's work folder, a POSIX home directory (Windows user paths are left alone: tests use them as data);
 *  - citations of reference notes that were never part of the repository, named by their file stem;
 *  - `docs/…` paths (read from the repository root) and relative Markdown links (read from the linking file)
 *    whose file, or `#anchor`, does not exist.
 * Anchors are GitHub's: each heading's text slugged by github-slugger (GitHub's own algorithm, numbered
 * suffixes for repeated headings included), plus explicit `<a id>` / `<a name>` targets.
 * Checked on every `npm test` by scripts/docs-references.test.ts.
 */
import GithubSlugger from 'github-slugger';
import { posix } from 'node:path';

export interface RepoView {
  /** Every file to check and to resolve against: POSIX paths relative to the repository root. */
  readonly files: ReadonlySet<string>;
  /** The text of a file, or undefined when it is binary or absent. */
  read(path: string): string | undefined;
}

export interface Problem {
  readonly file: string;
  readonly line: number;
  /** The offending text as it appears in the file. */
  readonly text: string;
  readonly reason: string;
}

const OUTSIDE_PATHS: ReadonlyArray<{ readonly pattern: RegExp; readonly reason: string }> = [
  { pattern: /\.\.\/shared\b/g, reason: 'points at a shared folder outside the repository' },
  { pattern: /(?<![\w.~-])\/work\//g, reason: 'names an absolute path under /work' },
  { pattern: /(?<![\w.~-])\/(?:home|Users)\/[\w.-]+/g, reason: 'names a home directory' },
  { pattern: /(?<![\w.~-])\/root\//g, reason: "names root's home directory" },
];

/**
 * The stems of reference notes kept outside the repository, whose facts now live in docs/. Spelled in pieces
 * so that this file does not cite them itself.
 */
const OUTSIDE_NOTES = [
  ['hcs', 'reference'],
  ['computecore', 'reference'],
  ['field', 'notes'],
  ['toolchain', 'notes'],
  ['perf', 'baselines'],
].map((parts) => parts.join('-'));
const OUTSIDE_NOTE_PATTERN = new RegExp(`\\b(?:${OUTSIDE_NOTES.join('|')})\\b`, 'g');

/** `docs/…` read from the root: not inside another path (`../docs/x`, `site.org/docs/x`), ends on a name. */
const ROOTED_DOCS_PATH = /(?<![\w./-])docs\/[\w./-]*[\w-](?:#[\w-]+)?/g;
/** `[text](target)` or `[text](target "title")`. */
const MARKDOWN_LINK = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"\n]*")?\)/g;
const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;
const FENCE = /^\s*(```|~~~)/;

/** Every problem in the view, in file order then line order. */
export function checkRepository(repo: RepoView): Problem[] {
  const anchors = new AnchorIndex(repo);
  const problems: Problem[] = [];
  for (const file of [...repo.files].sort()) {
    const text = repo.read(file);
    if (text === undefined) continue;
    problems.push(...checkFile(file, text, repo, anchors));
  }
  return problems;
}

function checkFile(file: string, text: string, repo: RepoView, anchors: AnchorIndex): Problem[] {
  const problems: Problem[] = [];
  const lineOf = lineIndex(text);
  const report = (index: number, found: string, reason: string): void => {
    problems.push({ file, line: lineOf(index), text: found, reason });
  };

  for (const { pattern, reason } of OUTSIDE_PATHS) {
    for (const m of text.matchAll(pattern)) report(m.index, m[0], reason);
  }
  for (const m of text.matchAll(OUTSIDE_NOTE_PATTERN)) {
    report(m.index, m[0], 'cites a reference kept outside the repository; point at docs/ instead');
  }
  for (const m of text.matchAll(ROOTED_DOCS_PATH)) {
    const reason = checkTarget(m[0], '', repo, anchors);
    if (reason) report(m.index, m[0], reason);
  }
  if (file.endsWith('.md')) {
    for (const { index, target } of markdownLinks(text)) {
      if (URL_SCHEME.test(target) || target.startsWith('<')) continue;
      const reason = checkTarget(target, file, repo, anchors);
      if (reason) report(index, target, reason);
    }
  }
  return problems;
}

/** Why `target` (a path with an optional #anchor, relative to `from`'s folder, or to the root) does not resolve. */
function checkTarget(target: string, from: string, repo: RepoView, anchors: AnchorIndex): string | null {
  const hash = target.indexOf('#');
  const rawPath = hash < 0 ? target : target.slice(0, hash);
  const anchor = hash < 0 ? null : target.slice(hash + 1);
  const base = rawPath.startsWith('/') ? '' : posix.dirname(from);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'a malformed link';
  }
  const path = rawPath === '' ? from : posix.normalize(posix.join(base, decoded));
  if (path.startsWith('..')) return 'leads outside the repository';
  const file = path.replace(/\/+$/, '');
  if (!repo.files.has(file)) {
    const isFolder = [...repo.files].some((f) => f.startsWith(`${file}/`));
    if (!isFolder) return `no such file: ${file}`;
    return anchor === null ? null : `an anchor on a folder: ${file}`;
  }
  if (anchor === null || anchor === '') return null;
  if (!file.endsWith('.md')) return `an anchor on a file that is not Markdown: ${file}`;
  return anchors.of(file).has(anchor) ? null : `no heading or anchor "#${anchor}" in ${file}`;
}

/** The anchors of each Markdown file, computed once. */
class AnchorIndex {
  private readonly cache = new Map<string, ReadonlySet<string>>();
  constructor(private readonly repo: RepoView) {}

  of(file: string): ReadonlySet<string> {
    let anchors = this.cache.get(file);
    if (!anchors) {
      anchors = markdownAnchors(this.repo.read(file) ?? '');
      this.cache.set(file, anchors);
    }
    return anchors;
  }
}

/** GitHub's anchors of a Markdown text: slugged ATX headings outside code fences, and explicit HTML anchors. */
export function markdownAnchors(text: string): ReadonlySet<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (heading) anchors.add(slugger.slug(headingText(heading[1] ?? '')));
    for (const m of line.matchAll(/<a\s+(?:id|name)\s*=\s*"([^"]+)"/gi)) anchors.add(m[1] ?? '');
  }
  return anchors;
}

/** The text GitHub renders for a heading: link and image targets and HTML tags dropped. */
function headingText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** The Markdown links outside code fences, with the offset of their target in the text. */
function markdownLinks(text: string): Array<{ index: number; target: string }> {
  const links: Array<{ index: number; target: string }> = [];
  let offset = 0;
  let fenced = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) {
      for (const m of line.matchAll(MARKDOWN_LINK)) {
        const target = m[1] ?? '';
        links.push({ index: offset + m.index + m[0].indexOf(target), target });
      }
    }
    offset += line.length + 1;
  }
  return links;
}

/** The lines of a Markdown text that are not inside a code fence. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) lines.push(line);
  }
  return lines;
}

/** Maps an offset in `text` to its 1-based line number. */
function lineIndex(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
