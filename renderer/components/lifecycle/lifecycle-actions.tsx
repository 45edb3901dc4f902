import {
  ArrowClockwiseRegular,
  BugRegular,
  DeleteRegular,
  EditRegular,
  PauseRegular,
  PlayRegular,
  PowerRegular,
  SaveRegular,
  StopRegular,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { SystemAction } from '../../lib/lifecycle.ts';

/**
 * The lifecycle actions a user can run on one system, in the order and words of the details toolbar
 * (LifecycleBar) and the list's row menu (RowMenu): "…" where a dialog asks for more first.
 */
export const LIFECYCLE_ACTIONS: ReadonlyArray<{ action: SystemAction; label: string; icon: ReactElement }> = [
  { action: 'start', label: 'Start', icon: <PlayRegular /> },
  { action: 'pause', label: 'Pause', icon: <PauseRegular /> },
  { action: 'resume', label: 'Resume', icon: <ArrowClockwiseRegular /> },
  { action: 'save', label: 'Save…', icon: <SaveRegular /> },
  { action: 'modify', label: 'Modify…', icon: <EditRegular /> },
  { action: 'shutdown', label: 'Shutdown', icon: <PowerRegular /> },
  { action: 'terminate', label: 'Terminate', icon: <StopRegular /> },
  { action: 'crash', label: 'Crash…', icon: <BugRegular /> },
  { action: 'close', label: 'Close (forget)', icon: <DeleteRegular /> },
];
