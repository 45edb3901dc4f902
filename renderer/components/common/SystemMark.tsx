import { makeStyles, tokens } from '@fluentui/react-components';
import { InfoRegular, WarningFilled } from '@fluentui/react-icons';
import type { SystemSummary } from '../../../src/contract/index.ts';

const useStyles = makeStyles({
  mark: { display: 'inline-flex', verticalAlign: 'middle', marginRight: tokens.spacingHorizontalXXS },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
});

/**
 * What a person must know about a listed system before acting on it, or null: HCS Desktop cannot act on it
 * (its id is one no request may carry), or part of what HCS said about it could not be read.
 */
export function systemMarkText(system: Pick<SystemSummary, 'idProblem' | 'listingProblem'>): string | null {
  if (system.idProblem) return `HCS Desktop cannot act on this system: ${system.idProblem}`;
  if (system.listingProblem) return `Shown in part: ${system.listingProblem}`;
  return null;
}

/** A small icon beside the id with the reason as its accessible name and tooltip. */
export function SystemMark({ system }: { system: Pick<SystemSummary, 'idProblem' | 'listingProblem'> }) {
  const styles = useStyles();
  const text = systemMarkText(system);
  if (!text) return null;
  const Icon = system.idProblem ? WarningFilled : InfoRegular;
  return (
    <span role="img" aria-label={text} title={text} className={styles.mark}>
      <Icon className={system.idProblem ? styles.warning : styles.info} aria-hidden />
    </span>
  );
}
