import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SHORTCUT_GROUPS } from './shortcuts.ts';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', marginBottom: tokens.spacingVerticalM },
  caption: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalXS,
  },
  keys: {
    fontFamily: tokens.fontFamilyMonospace,
    whiteSpace: 'nowrap',
    paddingRight: tokens.spacingHorizontalL,
    verticalAlign: 'top',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
  },
});

/** The keyboard shortcuts sheet (`?`): every key the window answers to, by where it works. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogContent>
            {SHORTCUT_GROUPS.map((group) => (
              <table key={group.title} className={styles.table}>
                <caption className={styles.caption}>{group.title}</caption>
                <tbody>
                  {group.shortcuts.map((s) => (
                    <tr key={s.keys}>
                      <th scope="row" className={styles.keys}>
                        {s.keys}
                      </th>
                      <td>{s.what}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
