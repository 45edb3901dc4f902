import { makeStyles, tokens } from '@fluentui/react-components';
import { formatProblem, type DocumentProblem } from '../../documents/problems.ts';

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorPaletteRedForeground1,
  },
  ok: { margin: `${tokens.spacingVerticalS} 0 0`, color: tokens.colorPaletteGreenForeground1 },
});

/** The problems of a document, each with its line, column and reason; announced as they change. */
export function ProblemList({ problems, label }: { problems: readonly DocumentProblem[]; label: string }) {
  const styles = useStyles();
  return (
    <div aria-live="polite">
      {problems.length === 0 ? (
        <p className={styles.ok}>No problems found.</p>
      ) : (
        <ul className={styles.list} aria-label={label}>
          {problems.map((p, i) => (
            <li key={i}>{formatProblem(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
