import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** One arrow key press moves a splitter this far; with Shift, four times as far. */
export const SPLITTER_STEP = 16;

const useStyles = makeStyles({
  splitter: {
    flexShrink: 0,
    cursor: 'col-resize',
    touchAction: 'none',
    position: 'relative',
    // The line itself is thin; the handle is wider so a pointer finds it.
    '::after': {
      content: '""',
      position: 'absolute',
      top: 0,
      bottom: 0,
      left: '50%',
      width: '1px',
      backgroundColor: tokens.colorNeutralStroke2,
    },
    ':hover::after': { width: '3px', marginLeft: '-1px', backgroundColor: tokens.colorBrandStroke1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
});

export interface SplitterProps {
  /** The accessible name: what the splitter resizes. */
  label: string;
  /** The size it sets now, in CSS pixels, and its bounds. */
  value: number;
  min: number;
  max: number;
  /** The id of the element it resizes. */
  controls?: string;
  /** +1 when moving the splitter right makes the value larger (a pane on its left), -1 otherwise. */
  direction: 1 | -1;
  /** Every move while dragging or with the keys. */
  onResize: (value: number) => void;
  /** Once a move ends (pointer released, key pressed): the size to remember. */
  onCommit: (value: number) => void;
  className?: string;
}

const clamp = (v: number, min: number, max: number) => Math.round(Math.max(min, Math.min(max, v)));

/**
 * A vertical separator between two things side by side that a person resizes by dragging it or, focused, with
 * the arrow keys (Shift: larger steps), Home and End (WAI-ARIA's window splitter pattern: a focusable
 * `separator` with its value). The caller keeps the size and remembers it (`onCommit`).
 */
export function Splitter(props: SplitterProps) {
  const { label, value, min, max, controls, direction, onResize, onCommit, className } = props;
  const styles = useStyles();
  const drag = useRef<{ x: number; from: number; last: number } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, from: value, last: value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    d.last = clamp(d.from + direction * (e.clientX - d.x), min, max);
    onResize(d.last);
  };
  const onPointerEnd = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (d.last !== d.from) onCommit(d.last);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? SPLITTER_STEP * 4 : SPLITTER_STEP;
    const next: Record<string, number> = {
      ArrowLeft: value - direction * step,
      ArrowRight: value + direction * step,
      Home: min,
      End: max,
    };
    const target = next[e.key];
    if (target === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    const v = clamp(target, min, max);
    if (v === value) return;
    onResize(v);
    onCommit(v);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={clamp(value, min, max)}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`${clamp(value, min, max)} pixels`}
      tabIndex={0}
      className={mergeClasses(styles.splitter, className)}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
    />
  );
}
