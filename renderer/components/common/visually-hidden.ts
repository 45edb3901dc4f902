import type { GriffelStyle } from '@fluentui/react-components';

/**
 * Out of sight but read by screen readers (a header that names a column of buttons, a row's state said in
 * words): the usual clip technique, since `display: none` or `visibility: hidden` would hide it from them too.
 */
export const VISUALLY_HIDDEN: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};
