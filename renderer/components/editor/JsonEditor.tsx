import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { EditorView, basicSetup } from 'codemirror';
import { makeStyles, tokens } from '@fluentui/react-components';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import type { DocumentProblem } from '../../documents/problems.ts';

const useStyles = makeStyles({
  frame: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/** Fluent's colour tokens are CSS variables, so the editor follows the light or dark theme by itself. */
const fluentTheme = EditorView.theme({
  '&': {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    maxHeight: '46vh',
  },
  '.cm-scroller': { fontFamily: tokens.fontFamilyMonospace, overflow: 'auto', minHeight: '240px' },
  '.cm-gutters': {
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // The cursor's line is outlined, not shaded: on the dark theme's hover grey the JSON colours fell below 4.5:1
  // (axe-core, with the cursor on a pasted document's one long line).
  '.cm-activeLine': {
    backgroundColor: 'transparent',
    boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke2}`,
  },
  '.cm-activeLineGutter': { backgroundColor: tokens.colorNeutralBackground1Hover },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: tokens.colorNeutralForeground1 },
});

/**
 * JSON's colours from Fluent's tokens too: CodeMirror's default highlighting is for a light background only
 * (dark blue and dark red on the dark theme's grey measured 1.1:1 and 1.9:1 with axe-core). These keep 4.5:1
 * on either theme, as the JSON tree's do.
 */
const fluentHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.propertyName, color: tokens.colorBrandForeground1 },
    { tag: tags.string, color: tokens.colorPaletteGreenForeground1 },
    { tag: tags.number, color: tokens.colorPaletteBerryForeground1 },
    { tag: [tags.bool, tags.null], color: tokens.colorPaletteDarkOrangeForeground1 },
    { tag: tags.invalid, color: tokens.colorPaletteRedForeground1 },
  ]),
);

function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.max(1, Math.min(doc.lines, line)));
  return Math.min(l.to, l.from + Math.max(0, column - 1));
}

/** The problems as editor diagnostics, each underlining from its position to the end of its line. */
export function diagnosticsFor(doc: Text, problems: readonly DocumentProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const from = offsetOf(doc, p.line, p.column);
    const to = Math.max(from, doc.lineAt(from).to);
    return { from, to, severity: 'error', message: p.reason };
  });
}

/** Where to put the cursor: each new request (a larger `n`) moves it there, scrolls to it and focuses. */
export interface GoToRequest {
  line: number;
  column: number;
  n: number;
}

interface JsonEditorProps {
  value: string;
  onChange: (text: string) => void;
  /** The accessible name of the editing area. */
  label: string;
  check: (text: string) => DocumentProblem[];
  goTo?: GoToRequest | null;
}

/** The cursor at a line and column, scrolled into the middle of the editor's view. */
function moveTo(editor: EditorView, line: number, column: number): void {
  const at = offsetOf(editor.state.doc, line, column);
  editor.dispatch({
    selection: { anchor: at },
    effects: EditorView.scrollIntoView(at, { y: 'center', x: 'center' }),
  });
}

/**
 * A CodeMirror 6 JSON editor. Tab is left to focus navigation (no indent-with-Tab), so the dialog stays
 * keyboard-usable; problems appear in the gutter and as underlines. A pasted document with a problem puts the
 * cursor on its first problem, scrolled into view (a one-line paste's error at column 267 was off-screen);
 * `goTo` does the same for a problem the user picks from the list.
 */
export function JsonEditor({ value, onChange, label, check, goTo }: JsonEditorProps) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const checkRef = useRef(check);
  checkRef.current = check;

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter((v) => diagnosticsFor(v.state.doc, checkRef.current(v.state.doc.toString())), { delay: 150 }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          onChangeRef.current(text);
          if (update.transactions.some((tr) => tr.isUserEvent('input.paste'))) {
            const first = checkRef.current(text)[0];
            // Not from inside this update (CodeMirror refuses a dispatch while it applies one).
            if (first)
              queueMicrotask(() => {
                if (view.current === editor && editor.state.doc.toString() === text)
                  moveTo(editor, first.line, first.column);
              });
          }
        }),
        // tabindex: the editing area is focusable by Tab (contenteditable already is, but axe-core's
        // scrollable-region-focusable rule looks for the attribute inside the scroller).
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        // A pasted one-line document wraps instead of hiding its error at column 267 off to the right.
        EditorView.lineWrapping,
        fluentTheme,
        fluentHighlighting,
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later `value` changes are pushed in by the effect below.
  }, [label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !goTo) return;
    moveTo(editor, goTo.line, goTo.column);
    editor.focus();
  }, [goTo]);

  return <div ref={host} className={styles.frame} />;
}
