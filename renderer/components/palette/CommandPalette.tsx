import {
  Dialog,
  DialogBody,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Command } from 'cmdk';
import { useMemo, useState } from 'react';
import { useExecServices } from '../../exec/context.tsx';
import { useSettingsStore } from '../../settings/settings-store.ts';
import { useApp, useAppStore } from '../../store/context.tsx';
import { VIEWS } from '../../views/views.tsx';

const useStyles = makeStyles({
  surface: { width: 'min(640px, 94vw)', padding: tokens.spacingHorizontalM },
  input: {
    width: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontSize: tokens.fontSizeBase400,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  list: { maxHeight: '50vh', overflowY: 'auto', marginTop: tokens.spacingVerticalS },
  // cmdk renders group headings and items as plain elements with data attributes, styled here.
  groups: {
    '& [cmdk-group-heading]': {
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      fontSize: tokens.fontSizeBase200,
      color: tokens.colorNeutralForeground3,
    },
    '& [cmdk-item]': {
      display: 'flex',
      gap: tokens.spacingHorizontalS,
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
      borderRadius: tokens.borderRadiusMedium,
      cursor: 'pointer',
    },
    '& [cmdk-item][data-selected="true"]': {
      backgroundColor: tokens.colorNeutralBackground1Selected,
      outline: `1px solid ${tokens.colorNeutralStroke1}`,
    },
  },
  hint: { color: tokens.colorNeutralForeground3, marginLeft: 'auto' },
  empty: { padding: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
});

export interface PaletteActions {
  create(): void;
  about(): void;
  shortcuts(): void;
}

/** What the palette can run: the text cmdk filters on (its label, unique; with keywords), and what it does. */
interface Entry {
  value: string;
  label: string;
  hint?: string;
  keywords?: string[];
  run(): void;
}

/**
 * The command palette (Ctrl+K / ⌘K): type to find a system (by id, name, owner or state) and open its
 * details, a view to show, or an action of the window. cmdk filters and ranks as one types and gives the
 * list its listbox semantics and arrow-key selection; the Fluent dialog around it traps focus and returns it.
 */
export function CommandPalette({
  open,
  onClose,
  actions,
}: {
  open: boolean;
  onClose: () => void;
  actions: PaletteActions;
}) {
  const styles = useStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label="Command palette">
        {open && <PaletteBody onClose={onClose} actions={actions} />}
      </DialogSurface>
    </Dialog>
  );
}

function PaletteBody({ onClose, actions }: { onClose: () => void; actions: PaletteActions }) {
  const styles = useStyles();
  const store = useAppStore();
  const { store: exec } = useExecServices();
  const settings = useSettingsStore();
  // The systems map changes in place; its version says when (store/app-store.ts).
  const systemsVersion = useApp((s) => s.systemsVersion);
  const [search, setSearch] = useState('');

  const run = (entry: Entry) => {
    onClose();
    entry.run();
  };

  const views: Entry[] = VIEWS.map((v) => ({
    value: `Show ${v.id.charAt(0).toUpperCase()}${v.id.slice(1)}`,
    label: `Show ${v.id.charAt(0).toUpperCase()}${v.id.slice(1)}`,
    keywords: ['view', 'go to', v.id],
    run: () => exec.getState().setView(v.id),
  }));
  const commands: Entry[] = [
    { value: 'Create system…', label: 'Create system…', keywords: ['new', 'add'], run: actions.create },
    {
      value: 'About this host',
      label: 'About this host',
      keywords: ['host', 'service', 'version'],
      run: actions.about,
    },
    {
      value: 'Keyboard shortcuts',
      label: 'Keyboard shortcuts',
      hint: '?',
      keywords: ['keys', 'help'],
      run: actions.shortcuts,
    },
    ...(['system', 'light', 'dark'] as const).map((theme) => ({
      value: `Theme: ${theme === 'system' ? 'as the system' : theme}`,
      label: `Theme: ${theme === 'system' ? 'as the system' : theme}`,
      keywords: ['theme', 'appearance', 'colour', 'color'],
      run: () => void settings.getState().update({ theme }),
    })),
  ];
  const systemEntries: Entry[] = useMemo(
    () =>
      [...store.getState().systems.values()]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((s) => ({
          value: `system ${s.id}`,
          label: s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id,
          hint: s.state,
          keywords: [s.id, s.name, s.owner, s.type, s.state].filter(Boolean),
          run: () => {
            exec.getState().setView('systems');
            store.getState().openDetails(s.id);
          },
        })),
    // systemsVersion: the map changed (its reference does not).
    [systemsVersion, exec, store],
  );

  const group = (heading: string, entries: Entry[]) =>
    entries.length > 0 && (
      <Command.Group heading={heading}>
        {entries.map((e) => (
          <Command.Item key={e.value} value={e.value} keywords={e.keywords} onSelect={() => run(e)}>
            <span>{e.label}</span>
            {e.hint && <span className={styles.hint}>{e.hint}</span>}
          </Command.Item>
        ))}
      </Command.Group>
    );

  return (
    <DialogBody>
      <DialogTitle>Command palette</DialogTitle>
      <Command label="Command palette" className={styles.groups} loop>
        <Command.Input
          className={styles.input}
          value={search}
          onValueChange={setSearch}
          placeholder="Find a system, a view or an action…"
          aria-label="Find a system, a view or an action"
        />
        <Command.List className={styles.list} aria-label="Results">
          <Command.Empty className={styles.empty}>Nothing matches “{search}”.</Command.Empty>
          {group('Actions', commands)}
          {group('Views', views)}
          {group('Systems', systemEntries)}
        </Command.List>
      </Command>
    </DialogBody>
  );
}
