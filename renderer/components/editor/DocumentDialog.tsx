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
import { useMemo, useState, type ReactNode } from 'react';
import { deferred } from '../../lib/deferred.tsx';
import { templateText, type DocumentTemplate } from '../../documents/templates.ts';
import type { DocumentProblem } from '../../documents/problems.ts';
import { ProblemList } from './ProblemList.tsx';

/** CodeMirror is loaded when a document dialog first opens, not with the first view (its own chunk). */
const JsonEditor = deferred(() => import('./JsonEditor.tsx').then((m) => m.JsonEditor), 'the editor');

const useStyles = makeStyles({
  surface: { maxWidth: 'min(960px, 96vw)', width: '960px' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface DocumentDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  editorLabel: string;
  templates: readonly DocumentTemplate[];
  check: (text: string) => DocumentProblem[];
  submitLabel: string;
  /** Extra fields above the editor (the create dialog's id). */
  fields?: ReactNode;
  /** False while those fields are invalid. */
  fieldsValid?: boolean;
  /** Resolves to whether the request was accepted; the dialog closes if so. */
  onSubmit: (text: string) => Promise<boolean>;
}

/**
 * A JSON document editor in a dialog: a template picker, the editor, the list of problems, and a submit
 * button that stays disabled while any problem remains.
 */
export function DocumentDialog(props: DocumentDialogProps) {
  const { open, onClose } = props;
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={useStyles().surface}>{open && <DocumentForm {...props} />}</DialogSurface>
    </Dialog>
  );
}

function DocumentForm({
  onClose,
  title,
  editorLabel,
  templates,
  check,
  submitLabel,
  fields,
  fieldsValid = true,
  onSubmit,
}: DocumentDialogProps) {
  const styles = useStyles();
  const [templateIndex, setTemplateIndex] = useState(0);
  const first = templates[0];
  const [text, setText] = useState(first ? templateText(first) : '{\n}\n');
  const [busy, setBusy] = useState(false);
  const problems = useMemo(() => check(text), [check, text]);
  const template = templates[templateIndex];

  const submit = async () => {
    setBusy(true);
    try {
      if (await onSubmit(text)) onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={styles.content}>
        {fields}
        <Field label="Template" hint={template?.description}>
          <Select
            value={String(templateIndex)}
            onChange={(_, data) => {
              const i = Number(data.value);
              const t = templates[i];
              setTemplateIndex(i);
              if (t) setText(templateText(t));
            }}
          >
            {templates.map((t, i) => (
              <option key={t.name} value={i}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Text as="p" className={styles.hint} id="document-editor-hint">
            Edit the JSON below; problems are listed under the editor.
          </Text>
          <JsonEditor
            value={text}
            onChange={setText}
            label={editorLabel}
            check={check}
            fallback={<Spinner size="tiny" label="Loading the editor…" />}
          />
          <ProblemList problems={problems} label="Problems" />
        </div>
      </DialogContent>
      <DialogActions>
        <Button appearance="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          appearance="primary"
          disabled={busy || problems.length > 0 || !fieldsValid}
          onClick={() => void submit()}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
