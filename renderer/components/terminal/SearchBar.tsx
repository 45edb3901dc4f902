import { Button, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular, DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchResults, TerminalSurface } from '../../exec/surface.ts';

const useStyles = makeStyles({
  // Over the terminal's top right corner, as in VS Code: opening it leaves the console's size alone.
  bar: {
    position: 'absolute',
    top: tokens.spacingVerticalXS,
    right: tokens.spacingHorizontalL,
    zIndex: 10,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow8,
  },
  input: { minWidth: '240px' },
  count: { minWidth: '90px', color: tokens.colorNeutralForeground3 },
});

function describe(results: SearchResults | null, term: string): string {
  if (term === '' || !results) return '';
  if (results.count === 0) return 'No results';
  if (results.index < 0) return `More than ${results.count} results`;
  return `${results.index + 1} of ${results.count}`;
}

/**
 * Find in a terminal's output (xterm's search addon): typing searches as you go, Enter / Shift+Enter go to
 * the next / previous match, Escape closes and hands the focus back to the terminal.
 */
export function SearchBar({
  surface,
  focusSignal,
  onClose,
}: {
  surface: TerminalSurface;
  /** Changes each time the search is asked for again (Ctrl+F while open): the box takes the focus. */
  focusSignal: number;
  onClose(): void;
}) {
  const styles = useStyles();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusSignal]);

  useEffect(() => {
    const off = surface.onSearchResults(setResults);
    return () => {
      off();
      surface.clearSearch();
    };
  }, [surface]);

  const close = () => {
    onClose();
    surface.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (term === '') return;
      if (e.shiftKey) surface.findPrevious(term);
      else surface.findNext(term);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className={styles.bar} role="search" aria-label="Find in output">
      <Input
        ref={input}
        className={styles.input}
        size="small"
        aria-label="Find in output"
        placeholder="Find in output"
        value={term}
        onChange={(_, data) => {
          setTerm(data.value);
          if (data.value === '') {
            surface.clearSearch();
            setResults(null);
          } else surface.findNext(data.value, true);
        }}
        onKeyDown={onKeyDown}
      />
      <Text size={200} className={styles.count} aria-live="polite">
        {describe(results, term)}
      </Text>
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowUpRegular />}
        aria-label="Previous match"
        disabled={term === ''}
        onClick={() => surface.findPrevious(term)}
      />
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowDownRegular />}
        aria-label="Next match"
        disabled={term === ''}
        onClick={() => surface.findNext(term)}
      />
      <Button
        size="small"
        appearance="subtle"
        icon={<DismissRegular />}
        aria-label="Close search"
        onClick={close}
      />
    </div>
  );
}
