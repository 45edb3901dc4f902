import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useAppStore } from '../../store/context.tsx';

type SaveType = 'ToFile' | 'AsTemplate';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  preview: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
    whiteSpace: 'pre-wrap',
  },
});

/** schema2 SaveOptions (docs/hcs/schema.md#options-documents): ToFile needs the state file path; AsTemplate takes none. */
export function saveOptions(
  saveType: SaveType,
  path: string,
): { SaveType: SaveType; SaveStateFilePath?: string } {
  return saveType === 'ToFile' ? { SaveType: saveType, SaveStateFilePath: path } : { SaveType: saveType };
}

/** Save a paused system (HcsSaveComputeSystem). */
export function SaveDialog({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const api = useApi();
  const store = useAppStore();
  const [saveType, setSaveType] = useState<SaveType>('ToFile');
  const [path, setPath] = useState(`C:\\ProgramData\\hcs-desktop\\saved\\${id}.vmrs`);
  const [busy, setBusy] = useState(false);
  const pathMissing = saveType === 'ToFile' && path.trim() === '';
  const options = saveOptions(saveType, path.trim());

  const save = async () => {
    setBusy(true);
    try {
      if (await runOperation(api, store, { action: 'save', id, options: JSON.stringify(options) })) onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Save {id}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Save type">
              <RadioGroup value={saveType} onChange={(_, data) => setSaveType(data.value as SaveType)}>
                <Radio value="ToFile" label="To file: write the state to a file; the system stays paused" />
                <Radio
                  value="AsTemplate"
                  label="As template: the system becomes a template and cannot run again"
                />
              </RadioGroup>
            </Field>
            <Field
              label="Save state file path"
              required={saveType === 'ToFile'}
              validationState={pathMissing ? 'error' : 'none'}
              validationMessage={pathMissing ? 'A file path is needed to save to a file' : undefined}
            >
              <Input
                value={path}
                disabled={saveType !== 'ToFile'}
                onChange={(_, data) => setPath(data.value)}
              />
            </Field>
            <Field label="Options sent to HCS">
              <pre className={styles.preview}>{JSON.stringify(options, null, 2)}</pre>
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={busy || pathMissing} onClick={() => void save()}>
              Save
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
