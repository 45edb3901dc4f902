import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ShieldRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ErrorInfo } from '../../../src/contract/index.ts';
import { useApi, useApp } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
});

/** HCS refused a user who is not an administrator: the app core says so (which codes mean it is its fact). */
export function isAccessDenied(error: ErrorInfo): boolean {
  return error.needsAdministrator === true;
}

/**
 * The app runs as the invoking user; HCS refuses non-administrators. Where the main process can relaunch the
 * app elevated (Electron on Windows: ServiceStatus.canRelaunchElevated), an access-denied failure offers it.
 * Elsewhere the error's explanation says what to do instead.
 */
export function RelaunchElevated({ error }: { error: ErrorInfo }) {
  const styles = useStyles();
  const api = useApi();
  const can = useApp((s) => s.service?.canRelaunchElevated === true);
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!can || !isAccessDenied(error)) return null;
  const relaunch = async () => {
    setAsking(true);
    setFailure(null);
    try {
      await api.invoke('app.relaunchElevated', {});
    } catch (e) {
      const info = errorInfoOf(e);
      setFailure(info.explanation ?? info.message);
    } finally {
      setAsking(false);
    }
  };
  return (
    <div className={styles.row}>
      <Button size="small" appearance="primary" icon={<ShieldRegular />} disabled={asking} onClick={relaunch}>
        Restart as administrator
      </Button>
      {failure && <span role="alert">{failure}</span>}
    </div>
  );
}
