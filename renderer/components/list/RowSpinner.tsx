import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  ring: {
    display: 'inline-block',
    flexShrink: 0,
    boxSizing: 'border-box',
    width: '12px',
    height: '12px',
    borderRadius: '50%',
    border: `2px solid ${tokens.colorBrandStroke2Contrast}`,
    borderTopColor: tokens.colorBrandStroke1,
    animationName: { from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } },
    animationDuration: '1s',
    animationTimingFunction: 'linear',
    animationIterationCount: 'infinite',
    '@media (prefers-reduced-motion: reduce)': { animationDuration: '3s' },
    '@media (forced-colors: active)': {
      borderRightColor: 'GrayText',
      borderBottomColor: 'GrayText',
      borderLeftColor: 'GrayText',
      borderTopColor: 'Highlight',
    },
  },
});

/**
 * A row's "action under way" mark: one element turning, where Fluent's Spinner animates four with masks. The
 * list can show dozens at once (a bulk pause of every visible row), and each of Fluent's is a set of masked
 * layers the compositor redraws every frame.
 */
export function RowSpinner({ label }: { label: string }) {
  const styles = useStyles();
  return <span role="progressbar" aria-label={label} className={styles.ring} />;
}
