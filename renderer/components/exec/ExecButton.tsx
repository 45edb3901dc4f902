import { Button } from '@fluentui/react-components';
import { WindowConsoleRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { SystemSummary } from '../../../src/contract/index.ts';
import { ExecDialog } from './ExecDialog.tsx';

/** "Exec…" on a system's details: enabled while the system runs (HCS creates processes only then). */
export function ExecButton({ system }: { system: SystemSummary }) {
  const [open, setOpen] = useState(false);
  const running = system.state === 'Running' && system.pending === null;
  const why = system.idProblem
    ? `HCS Desktop cannot act on this system: ${system.idProblem}`
    : 'Processes can be started in a running system only';
  const can = running && !system.idProblem;
  return (
    <>
      <Button
        icon={<WindowConsoleRegular />}
        disabled={!can}
        title={can ? undefined : why}
        onClick={() => setOpen(true)}
      >
        Exec…
      </Button>
      <ExecDialog systemIds={[system.id]} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
