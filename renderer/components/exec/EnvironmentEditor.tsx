import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { MAX_ENV_ENTRIES } from '../../../src/contract/index.ts';
import { envRowProblem, type EnvRow } from './env-rows.ts';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    border: 0,
    margin: 0,
    padding: 0,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr) auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'start',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  empty: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  rows: readonly EnvRow[];
  onChange(rows: EnvRow[]): void;
  /** Makes the key of a new row. */
  nextKey(): number;
}

/** Environment variables as name/value rows, each removable; the name is checked as it is typed. */
export function EnvironmentEditor({ rows, onChange, nextKey }: Props) {
  const styles = useStyles();
  const update = (key: number, patch: Partial<EnvRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>Environment variables</legend>
      {rows.length === 0 && (
        <Text size={200} className={styles.empty}>
          None added: the process gets the system&apos;s default environment.
        </Text>
      )}
      {rows.map((row, i) => {
        const problem = envRowProblem(row, rows);
        return (
          <div key={row.key} className={styles.row}>
            <Field validationState={problem ? 'error' : 'none'} validationMessage={problem ?? undefined}>
              <Input
                className={styles.mono}
                aria-label={`Name of variable ${i + 1}`}
                placeholder="NAME"
                value={row.name}
                onChange={(_, data) => update(row.key, { name: data.value.trim() })}
                autoComplete="off"
              />
            </Field>
            <Input
              className={styles.mono}
              aria-label={`Value of variable ${i + 1}`}
              placeholder="value"
              value={row.value}
              onChange={(_, data) => update(row.key, { value: data.value })}
              autoComplete="off"
            />
            <Button
              appearance="subtle"
              icon={<DeleteRegular />}
              aria-label={`Remove variable ${i + 1}`}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
            />
          </div>
        );
      })}
      <div>
        <Button
          size="small"
          icon={<AddRegular />}
          disabled={rows.length >= MAX_ENV_ENTRIES}
          onClick={() => onChange([...rows, { key: nextKey(), name: '', value: '' }])}
        >
          Add variable
        </Button>
      </div>
    </fieldset>
  );
}
