import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DocumentArrowUpRegular, TextIndentIncreaseLtrRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { templateText, type DocumentTemplate } from '../../documents/templates.ts';
import type { DocumentProblem } from '../../documents/problems.ts';
import { deferred } from '../../lib/deferred.tsx';
import { useSettings } from '../../settings/settings-store.ts';
import type { GoToRequest } from './JsonEditor.tsx';
import { ProblemList } from './ProblemList.tsx';

/** CodeMirror is loaded when a document dialog first opens, not with the first view (its own chunk). */
const JsonEditor = deferred(() => import('./JsonEditor.tsx').then((m) => m.JsonEditor), 'the editor');

const useStyles = makeStyles({
  surface: { maxWidth: 'min(960px, 96vw)', width: '960px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  template: { flex: 1, minWidth: '240px' },
  hidden: { display: 'none' },
});

/** The value of the Template picker once the document is no longer any template's text. */
const EDITED = 'edited';

/** The document being edited, for fields that read or change it (the create dialog's hosting VM picker). */
export interface EditedDocument {
  text: string;
  setText: (text: string) => void;
}

export interface DocumentDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  editorLabel: string;
  templates: readonly DocumentTemplate[];
  check: (text: string) => DocumentProblem[];
  submitLabel: string;
  /** Extra fields above the editor (the create dialog's id); given the document, to read or change it. */
  fields?: ReactNode | ((document: EditedDocument) => ReactNode);
  /** False while those fields are invalid (given the document when they depend on it). */
  fieldsValid?: boolean | ((text: string) => boolean);
  /** Resolves to whether the request was accepted; the dialog closes if so. */
  onSubmit: (text: string) => Promise<boolean>;
}

interface Draft {
  templateIndex: number;
  text: string;
}

function freshDraft(templates: readonly DocumentTemplate[]): Draft {
  const first = templates[0];
  return { templateIndex: 0, text: first ? templateText(first) : '{\n}\n' };
}

/** Whether the document is still exactly a template's text (nothing the user wrote would be lost). */
function isPristine(text: string, templates: readonly DocumentTemplate[]): boolean {
  return templates.some((t) => templateText(t) === text);
}

/**
 * A JSON document editor in a dialog: a template picker, the editor, the list of problems, and a submit
 * button that stays disabled while any problem remains.
 *
 * Nothing written is lost by a stray key: Escape or Cancel with an edited document asks first (unless the
 * user turned that off in the settings), and offers to keep it as a draft, which the dialog shows again when
 * it next opens. Focus goes back to what opened the dialog (Fluent only does that for a DialogTrigger).
 */
export function DocumentDialog(props: DocumentDialogProps) {
  const { open, onClose, templates } = props;
  const styles = useStyles();
  const askBeforeDiscard = useSettings((s) => s.settings.confirm.discardEdits);
  const [draft, setDraft] = useState<Draft>(() => freshDraft(templates));
  const [asking, setAsking] = useState(false);

  // The element that had focus when the dialog opened, read while rendering the opening: by the time an
  // effect runs, the dialog has moved focus into itself.
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current && typeof document !== 'undefined') {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }
  wasOpen.current = open;
  useEffect(() => {
    if (open) return;
    const target = opener.current;
    opener.current = null;
    if (target?.isConnected) target.focus();
  }, [open]);

  const close = (keep: boolean) => {
    setAsking(false);
    if (!keep) setDraft(freshDraft(templates));
    onClose();
  };
  const requestClose = () => {
    if (askBeforeDiscard && !isPristine(draft.text, templates)) setAsking(true);
    else close(false);
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && requestClose()}>
      <DialogSurface className={styles.surface}>
        {open && (
          <DocumentForm
            {...props}
            draft={draft}
            setDraft={setDraft}
            onCancel={requestClose}
            onDone={() => close(false)}
          />
        )}
        {/* Nested in the editor's dialog, as Fluent nests dialogs: Escape here backs out of this one only. */}
        <Dialog
          modalType="alert"
          open={open && asking}
          onOpenChange={(_, data) => !data.open && setAsking(false)}
        >
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Discard the edited document?</DialogTitle>
              <DialogContent>
                The document was changed. Keep it as a draft to find it here the next time this dialog opens,
                or discard it.
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => setAsking(false)}>
                  Keep editing
                </Button>
                <Button appearance="secondary" onClick={() => close(true)}>
                  Close and keep draft
                </Button>
                <Button appearance="secondary" onClick={() => close(false)}>
                  Discard
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </DialogSurface>
    </Dialog>
  );
}

/** The document pretty-printed, when it is valid JSON (a one-line paste becomes readable); else unchanged. */
function formatted(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

function DocumentForm({
  title,
  editorLabel,
  templates,
  check,
  submitLabel,
  fields,
  fieldsValid = true,
  onSubmit,
  draft,
  setDraft,
  onCancel,
  onDone,
}: DocumentDialogProps & {
  draft: Draft;
  setDraft: (draft: Draft | ((d: Draft) => Draft)) => void;
  onCancel: () => void;
  onDone: () => void;
}) {
  const styles = useStyles();
  const { text, templateIndex } = draft;
  const setText = (next: string) => setDraft((d) => ({ ...d, text: next }));
  const [busy, setBusy] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [goTo, setGoTo] = useState<GoToRequest | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const problems = useMemo(() => check(text), [check, text]);
  const template = templates[templateIndex];
  // After a paste or an edit the picker says so, instead of naming a template the document no longer is.
  const edited = !template || templateText(template) !== text;

  const submit = async () => {
    setBusy(true);
    try {
      if (await onSubmit(text)) onDone();
    } finally {
      setBusy(false);
    }
  };

  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      setText(formatted(await file.text()));
      setFileProblem(null);
    } catch (e) {
      setFileProblem(`${file.name} could not be read: ${(e as Error).message}`);
    }
  };

  return (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={styles.content}>
        {typeof fields === 'function' ? fields({ text, setText }) : fields}
        <div className={styles.tools}>
          <Field
            label="Template"
            hint={edited ? undefined : template?.description}
            className={styles.template}
          >
            <Select
              value={edited ? EDITED : String(templateIndex)}
              onChange={(_, data) => {
                const i = Number(data.value);
                const t = templates[i];
                if (t) setDraft({ templateIndex: i, text: templateText(t) });
              }}
            >
              {edited && (
                <option value={EDITED} disabled>
                  Edited document (no template)
                </option>
              )}
              {templates.map((t, i) => (
                <option key={t.name} value={i}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button
            icon={<TextIndentIncreaseLtrRegular />}
            disabled={formatted(text) === text}
            onClick={() => setText(formatted(text))}
          >
            Format
          </Button>
          <Button icon={<DocumentArrowUpRegular />} onClick={() => fileInput.current?.click()}>
            Open file…
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className={styles.hidden}
            aria-label="Open a JSON document"
            onChange={(e) => void openFile(e)}
          />
        </div>
        {fileProblem && <Text role="alert">{fileProblem}</Text>}
        <div>
          <Text as="p" className={styles.hint} id="document-editor-hint">
            Edit the JSON below; problems are listed under the editor.
          </Text>
          <JsonEditor
            value={text}
            onChange={setText}
            label={editorLabel}
            check={check}
            goTo={goTo}
            fallback={<Spinner size="tiny" label="Loading the editor…" />}
          />
          <ProblemList
            problems={problems}
            label="Problems"
            onGoTo={(p) => setGoTo((g) => ({ line: p.line, column: p.column, n: (g?.n ?? 0) + 1 }))}
          />
        </div>
      </DialogContent>
      <DialogActions>
        <Button appearance="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          appearance="primary"
          disabled={
            busy ||
            problems.length > 0 ||
            !(typeof fieldsValid === 'function' ? fieldsValid(text) : fieldsValid)
          }
          onClick={() => void submit()}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
