import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../src/contract/index.ts';
import { HCS_API_LABEL, formatSchemaVersion, supportedSchemaVersions } from '../../lib/hcs-api.ts';
import { errorInfoOf } from '../../transport/index.ts';
import { useApi, useApp } from '../../store/context.tsx';
import { JsonResult } from '../details/JsonResult.tsx';
import { ErrorDetails } from './ErrorDetails.tsx';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `0 0 ${tokens.spacingVerticalM}`,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
});

type Answer =
  { state: 'loading' } | { state: 'done'; properties: unknown } | { state: 'failed'; error: ErrorInfo };

/**
 * About this host: the HCS API this app instance speaks and why, and what HCS says of itself
 * (HcsGetServiceProperties, Basic: the schema versions it takes). Asked for each time the dialog opens.
 */
export function AboutHostDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const api = useApi();
  const service = useApp((s) => s.service);
  const [answer, setAnswer] = useState<Answer>({ state: 'loading' });

  useEffect(() => {
    if (!open) return;
    let current = true;
    setAnswer({ state: 'loading' });
    api.invoke('service.properties', {}).then(
      (r) => current && setAnswer({ state: 'done', properties: r.properties }),
      (e: unknown) => current && setAnswer({ state: 'failed', error: errorInfoOf(e) }),
    );
    return () => {
      current = false;
    };
  }, [api, open]);

  const versions = answer.state === 'done' ? supportedSchemaVersions(answer.properties) : [];
  const newest = versions.at(-1);
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>About this host</DialogTitle>
          <DialogContent>
            <dl className={styles.facts} aria-label="This host">
              <dt className={styles.term}>HCS API</dt>
              <dd className={styles.detail}>
                {service ? HCS_API_LABEL[service.hcsApi] : 'not connected yet'}
              </dd>
              {service?.hcsApiReason && (
                <>
                  <dt className={styles.term}>Chosen because</dt>
                  <dd className={styles.detail}>{service.hcsApiReason}</dd>
                </>
              )}
              <dt className={styles.term}>Service</dt>
              <dd className={styles.detail}>
                {service?.backend === 'simulator' ? 'Simulated HCS' : 'Host Compute Service (vmcompute)'}
              </dd>
              <dt className={styles.term}>Crash a system</dt>
              <dd className={styles.detail}>
                {service?.hcsApi === 'v2'
                  ? 'available (HcsCrashComputeSystem)'
                  : 'needs the HCS V2 API (computecore.dll); this app instance uses V1'}
              </dd>
              {answer.state === 'done' && (
                <>
                  <dt className={styles.term}>Newest schema version</dt>
                  <dd className={styles.detail}>{newest ? formatSchemaVersion(newest) : 'not reported'}</dd>
                  <dt className={styles.term}>Supported schema versions</dt>
                  <dd className={styles.detail}>
                    {versions.length > 0 ? versions.map(formatSchemaVersion).join(', ') : 'not reported'}
                  </dd>
                </>
              )}
            </dl>
            {answer.state === 'loading' && (
              <Spinner size="tiny" label="Asking HCS for its service properties…" />
            )}
            {answer.state === 'failed' && (
              <>
                <p>HCS did not answer with its service properties: {answer.error.message}</p>
                <ErrorDetails error={answer.error} />
              </>
            )}
            {answer.state === 'done' && (
              <JsonResult
                value={answer.properties}
                label="Service properties"
                fileName="service-properties"
              />
            )}
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
