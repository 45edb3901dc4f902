import { Component, type ReactNode, type RefObject } from 'react';

interface Props {
  /** The element whose descendants' focus is kept (the grid's rows). */
  within: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/**
 * Keeps the keyboard focus on the element that had it when its children are re-ordered. A re-sort (by CPU,
 * say, once a second) makes React move keyed rows in the DOM, and a focused element that is moved loses the
 * focus to the page's body. The element is noted just before React changes the DOM
 * (`getSnapshotBeforeUpdate`, the one lifecycle that runs then) and focused again right after, without
 * scrolling; an element the update removed is left alone.
 */
export class KeepFocus extends Component<Props> {
  override getSnapshotBeforeUpdate(): HTMLElement | null {
    const focused = document.activeElement;
    return focused instanceof HTMLElement && this.props.within.current?.contains(focused) ? focused : null;
  }

  override componentDidUpdate(_props: Props, _state: unknown, focused: HTMLElement | null): void {
    if (focused?.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  override render(): ReactNode {
    return this.props.children;
  }
}
