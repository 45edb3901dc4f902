import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { SystemState } from '../../../src/contract/index.ts';

const COLOR: Record<SystemState, BadgeProps['color']> = {
  Created: 'informative',
  Running: 'success',
  Paused: 'warning',
  Stopped: 'subtle',
  SavedAsTemplate: 'important',
  Unknown: 'danger',
};

/** The state as a coloured badge; the text itself carries the meaning (colour is only a hint). */
export function StateBadge({ state }: { state: SystemState }) {
  return (
    <Badge appearance="tint" color={COLOR[state]} shape="rounded">
      {state}
    </Badge>
  );
}
