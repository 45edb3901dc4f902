// No tracked file points outside the repository or at a docs/ file or anchor that does not exist
// (scripts/docs-references.ts says what is checked). The second block plants each kind of bad pointer in a
// small in-memory repository, so the check is shown to fail where it must.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRepository, markdownAnchors, type Problem, type RepoView } from './docs-references.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository as git sees it: tracked files plus new ones not ignored (so a file is checked before its commit). */
function workingTree(): RepoView {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = new Set(listed.split('\0').filter((f) => f !== '' && f !== 'package-lock.json'));
  return {
    files,
    read(path) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(root, path));
      } catch {
        return undefined; // listed but deleted in the working tree
      }
      return bytes.includes(0) ? undefined : bytes.toString('utf8');
    },
  };
}

function memory(files: Record<string, string>): RepoView {
  return { files: new Set(Object.keys(files)), read: (path) => files[path] };
}

const show = (p: Problem): string => `${p.file}:${p.line}: ${p.text} — ${p.reason}`;

describe('the repository stands on its own', () => {
  it('no file points outside the repository, and every docs/ path and Markdown link resolves', () => {
    expect(checkRepository(workingTree()).map(show)).toEqual([]);
  });
});

describe('the reference check', () => {
  // Built from pieces so that this file passes its own check.
  const up = '..';
  const work = ['', 'work', ''].join('/');
  const home = ['', 'home', 'someone', ''].join('/');
  const note = ['hcs', 'reference'].join('-');
  const docs = 'docs';
  const page = `# Title\n\n## Notifications\n\n### Notifications\n\n<a id="legacy"></a>\n\`\`\`c\n# not a heading\n\`\`\`\n`;

  it('flags paths outside the repository and citations of notes kept outside it', () => {
    const problems = checkRepository(
      memory({
        'src/a.ts': `// see ${up}/shared/x\nconst p = '${work}wt/x';\n// ${home}notes\n// ${note} §3.1\n`,
      }),
    );
    expect(problems.map((p) => [p.line, p.text])).toEqual([
      [1, `${up}/shared`],
      [2, work],
      [3, home.slice(0, -1)],
      [4, note],
    ]);
  });

  it('flags docs/ paths and anchors that do not exist, and accepts those that do', () => {
    const problems = checkRepository(
      memory({
        [`${docs}/page.md`]: page,
        'src/ok.ts': `// ${docs}/page.md, ${docs}/page.md#notifications, ${docs}/page.md#notifications-1, ${docs}/page.md#legacy.`,
        'src/bad.ts': `// ${docs}/missing.md\n// ${docs}/page.md#not-a-heading\n// ${docs}/page.md#title-2\n`,
      }),
    );
    expect(problems.map((p) => [p.file, p.line, p.reason])).toEqual([
      ['src/bad.ts', 1, `no such file: ${docs}/missing.md`],
      ['src/bad.ts', 2, `no heading or anchor "#not-a-heading" in ${docs}/page.md`],
      ['src/bad.ts', 3, `no heading or anchor "#title-2" in ${docs}/page.md`],
    ]);
  });

  it('resolves Markdown links from the linking file, outside code fences only', () => {
    const problems = checkRepository(
      memory({
        [`${docs}/page.md`]: page,
        [`${docs}/sub/b.md`]: '# B\n',
        'sim/README.md': [
          `[ok](../${docs}/page.md#notifications) [ok](#here) [web](https://example.org/x.md#y)`,
          '## Here',
          `[bad](../${docs}/page.md#nope) [bad](${docs}/page.md) [bad](../../outside.md)`,
          '```',
          '[ignored](nowhere.md)',
          '```',
          `[ok](../${docs}/sub/) [bad](../${docs}/sub/b.ts#x)`,
        ].join('\n'),
      }),
    );
    expect(problems.map((p) => [p.line, p.text, p.reason])).toEqual([
      [3, `../${docs}/page.md#nope`, `no heading or anchor "#nope" in ${docs}/page.md`],
      [3, `${docs}/page.md`, `no such file: sim/${docs}/page.md`],
      [3, '../../outside.md', 'leads outside the repository'],
      [7, `../${docs}/sub/b.ts#x`, `no such file: ${docs}/sub/b.ts`],
    ]);
  });

  it('slugs headings as GitHub does', () => {
    const anchors = markdownAnchors(
      '# `System` and `Process`: semantics\n## Execution level: the app runs as the invoking user\n## A [link](x.md) heading ##\n## Twice\n## Twice\n',
    );
    expect([...anchors]).toEqual([
      'system-and-process-semantics',
      'execution-level-the-app-runs-as-the-invoking-user',
      'a-link-heading',
      'twice',
      'twice-1',
    ]);
  });
});
