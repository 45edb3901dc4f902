import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ownerInfo, type OwnerInfo } from '../../lib/owners.ts';

const useStyles = makeStyles({
  mark: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '22px',
    height: '22px',
    padding: '0 3px',
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightBold,
    lineHeight: 1,
    flexShrink: 0,
  },
  // Each pair is Fluent's palette background and foreground: readable in both themes.
  blue: { backgroundColor: tokens.colorPaletteBlueBackground2, color: tokens.colorPaletteBlueForeground2 },
  teal: { backgroundColor: tokens.colorPaletteTealBackground2, color: tokens.colorPaletteTealForeground2 },
  orange: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground2,
    color: tokens.colorPaletteDarkOrangeForeground2,
  },
  green: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  berry: { backgroundColor: tokens.colorPaletteBerryBackground2, color: tokens.colorPaletteBerryForeground2 },
  purple: {
    backgroundColor: tokens.colorPalettePurpleBackground2,
    color: tokens.colorPalettePurpleForeground2,
  },
  brand: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2 },
  neutral: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground1 },
});

/** The owner's mark: a coloured monogram, decorative (the owner's name is always written beside it). */
export function OwnerMark({ owner, info = ownerInfo(owner) }: { owner: string; info?: OwnerInfo }) {
  const styles = useStyles();
  return (
    <span aria-hidden="true" className={mergeClasses(styles.mark, styles[info.hue])}>
      {info.monogram}
    </span>
  );
}
