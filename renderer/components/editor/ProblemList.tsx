import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { formatProblem, type DocumentProblem } from '../../documents/problems.ts';

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorPaletteRedForeground1,
  },
  problem: { color: 'inherit', textAlign: 'start' },
  ok: { margin: `${tokens.spacingVerticalS} 0 0`, color: tokens.colorPaletteGreenForeground1 },
});

/**
 * The problems of a document, each with its line, column and reason; announced as they change. With `onGoTo`,
 * each is a link that puts the editor's cursor on it.
 */
export function ProblemList({
  problems,
  label,
  onGoTo,
}: {
  problems: readonly DocumentProblem[];
  label: string;
  onGoTo?: (problem: DocumentProblem) => void;
}) {
  const styles = useStyles();
  return (
    <div aria-live="polite">
      {problems.length === 0 ? (
        <p className={styles.ok}>No problems found.</p>
      ) : (
        <ul className={styles.list} aria-label={label}>
          {problems.map((p, i) => (
            <li key={i}>
              {onGoTo ? (
                <Link as="button" className={styles.problem} onClick={() => onGoTo(p)}>
                  {formatProblem(p)}
                </Link>
              ) : (
                formatProblem(p)
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
