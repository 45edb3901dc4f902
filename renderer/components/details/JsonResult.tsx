import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, CopyRegular } from '@fluentui/react-icons';
import { copyText, downloadText, safeFileName } from '../../lib/export.ts';
import { useAppStore } from '../../store/context.tsx';
import { JsonTree } from './JsonTree.tsx';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalS },
});

/** A query result: its tree plus Copy JSON and Export JSON (a .json download). */
export function JsonResult({ value, label, fileName }: { value: unknown; label: string; fileName: string }) {
  const styles = useStyles();
  const store = useAppStore();
  const text = () => `${JSON.stringify(value, null, 2)}\n`;
  return (
    <div>
      <div className={styles.actions}>
        <Button
          size="small"
          icon={<CopyRegular />}
          onClick={() =>
            copyText(text()).then(
              () => store.getState().notify({ intent: 'success', title: 'JSON copied to the clipboard' }),
              (e: unknown) =>
                store.getState().notify({
                  intent: 'error',
                  title: 'Could not copy the JSON',
                  body: e instanceof Error ? e.message : String(e),
                }),
            )
          }
        >
          Copy JSON
        </Button>
        <Button
          size="small"
          icon={<ArrowDownloadRegular />}
          onClick={() => downloadText(`${safeFileName(fileName)}.json`, text())}
        >
          Export JSON
        </Button>
      </div>
      <JsonTree value={value} label={label} />
    </div>
  );
}
