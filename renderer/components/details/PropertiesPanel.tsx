import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { V1PropertyType, V2PropertyType, type ErrorInfo } from '../../../src/contract/index.ts';
import { useApi } from '../../store/context.tsx';
import { errorInfoOf } from '../../transport/index.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { JsonResult } from './JsonResult.tsx';
import { PropertyTypePicker } from './PropertyTypePicker.tsx';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalM,
    flexWrap: 'wrap',
  },
});

type Version = 'v1' | 'v2';
const TYPES: Record<Version, readonly string[]> = { v1: V1PropertyType.options, v2: V2PropertyType.options };
const NAME: Record<Version, string> = { v1: 'V1', v2: 'V2' };

/**
 * Queries HcsGetComputeSystemProperties with a schema1 or schema2 PropertyQuery; no type chosen asks
 * for the basic properties only.
 */
export function PropertiesPanel({ id, version }: { id: string; version: Version }) {
  const styles = useStyles();
  const api = useApi();
  const [types, setTypes] = useState<string[]>([]);
  const [result, setResult] = useState<{ value: unknown; seq: number } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const query = async () => {
    setBusy(true);
    setError(null);
    try {
      const response =
        version === 'v1'
          ? await api.invoke('systems.properties', {
              id,
              version,
              types: types.map((t) => V1PropertyType.parse(t)),
            })
          : await api.invoke('systems.properties', {
              id,
              version,
              types: types.map((t) => V2PropertyType.parse(t)),
            });
      setResult((prev) => ({ value: response.properties, seq: (prev?.seq ?? 0) + 1 }));
    } catch (e) {
      setError(errorInfoOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className={styles.form}>
        <PropertyTypePicker
          label={`${NAME[version]} property types`}
          all={TYPES[version]}
          chosen={types}
          onChange={setTypes}
        />
        <Button appearance="primary" onClick={() => void query()} disabled={busy}>
          Query
        </Button>
        {busy && <Spinner size="tiny" label="Querying…" />}
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {`${NAME[version]} properties query failed: ${error.message}`}
            <ErrorDetails error={error} />
          </MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <JsonResult
          key={result.seq}
          value={result.value}
          label={`${NAME[version]} properties of ${id}`}
          fileName={`${id}-${version}-properties`}
        />
      )}
    </div>
  );
}
