import {
  Label,
  Menu,
  MenuButton,
  MenuDivider,
  MenuItem,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  button: { minWidth: '260px', maxWidth: '420px', justifyContent: 'space-between' },
  chosen: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** What the button and its hint say is chosen: every type by name, or that the query asks for the basics. */
export function chosenSummary(chosen: readonly string[], all: readonly string[]): string {
  if (chosen.length === 0) return 'Basic properties only';
  if (chosen.length === all.length) return `All ${all.length} types`;
  return chosen.join(', ');
}

/**
 * The property types a query asks for: a menu button (aria-haspopup="menu") whose menu holds one checkbox
 * item per type, and Select all / Clear. The button's name is the label and what is chosen, so a screen
 * reader hears both; the hint beneath says what the query will ask for. Chosen types keep the order of `all`.
 */
export function PropertyTypePicker({
  label,
  all,
  chosen,
  onChange,
}: {
  label: string;
  all: readonly string[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  const styles = useStyles();
  const labelId = useId('types-label');
  const buttonId = useId('types-button');
  const hintId = useId('types-hint');
  const inOrder = (picked: readonly string[]) => all.filter((t) => picked.includes(t));
  const hint =
    chosen.length === 0
      ? 'None chosen: the query asks for the basic properties.'
      : `${chosen.length} of ${all.length} chosen: the query asks for ${chosen.length === 1 ? 'it' : 'them'}.`;
  return (
    <div className={styles.field}>
      <Label id={labelId}>{label}</Label>
      <Menu
        checkedValues={{ types: [...chosen] }}
        onCheckedValueChange={(_, data) => onChange(inOrder(data.checkedItems))}
        persistOnItemClick
        // Rendered beside its button, inside the details region (a portal would sit outside every landmark).
        inline
      >
        <MenuTrigger disableButtonEnhancement>
          <MenuButton
            id={buttonId}
            className={styles.button}
            aria-labelledby={`${labelId} ${buttonId}`}
            aria-describedby={hintId}
          >
            <span className={styles.chosen}>{chosenSummary(chosen, all)}</span>
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList aria-label={label}>
            <MenuItem disabled={chosen.length === all.length} onClick={() => onChange([...all])}>
              Select all
            </MenuItem>
            <MenuItem disabled={chosen.length === 0} onClick={() => onChange([])}>
              Clear
            </MenuItem>
            <MenuDivider />
            {all.map((t) => (
              <MenuItemCheckbox key={t} name="types" value={t}>
                {t}
              </MenuItemCheckbox>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <span id={hintId} className={styles.hint}>
        {hint}
      </span>
    </div>
  );
}
