import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { splitQualified, SystemId, type SystemSummary } from '../../../src/contract/index.ts';
import { checkCreateDocument } from '../../documents/create-document.ts';
import { withHostingSystem, hostingSystemOf } from '../../documents/hosting-system.ts';
import { CREATE_TEMPLATES } from '../../documents/templates.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { DocumentDialog, type EditedDocument } from '../editor/DocumentDialog.tsx';

const useStyles = makeStyles({
  idRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  idField: { flex: 1 },
  // Lines up with the input under the field's label.
  idButton: { marginTop: '26px' },
});

/** Why an id cannot be used, or null when it can. */
export function idProblem(id: string, exists: boolean): string | null {
  const r = SystemId.safeParse(id);
  if (!r.success) return r.error.issues[0]?.message ?? 'invalid id';
  if (exists) return `a system with the id ${id} exists already`;
  return null;
}

/** The utility VMs of this host a hosted container can run in: running virtual machines. */
function runningUtilityVms(state: { systems: ReadonlyMap<string, SystemSummary> }): string[] {
  return [...state.systems.values()]
    .filter(
      (s) => s.type.toLowerCase() === 'virtualmachine' && s.state === 'Running' && !splitQualified(s.id),
    )
    .map((s) => s.id)
    .sort();
}

/**
 * For a hosted container's document: which running utility VM hosts it, written into `HostingSystemId`. A
 * template names a placeholder; picking here puts a real one in, and says so when there is none.
 */
function HostingSystemPicker({ document, vms }: { document: EditedDocument; vms: string[] }) {
  const current = hostingSystemOf(document.text);
  if (current === undefined) return null;
  const known = current !== null && vms.includes(current);
  return (
    <Field
      label="Hosting utility VM"
      hint="The running utility VM the container runs in (HostingSystemId)."
      validationState={known ? 'none' : 'warning'}
      validationMessage={
        known
          ? undefined
          : vms.length === 0
            ? 'No utility VM is running on this host: start one first, or create one with the "Utility VM" template.'
            : `${current ? `"${current}" is not a running utility VM` : 'None chosen'}: pick one of the ${vms.length} running.`
      }
    >
      <Select
        value={known ? current : ''}
        onChange={(_, data) => {
          if (data.value) document.setText(withHostingSystem(document.text, data.value));
        }}
      >
        {!known && <option value="">{current ? `${current} (not running here)` : 'Choose…'}</option>}
        {vms.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Create a compute system from a JSON document (HcsCreateComputeSystem). */
export function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const store = useAppStore();
  const styles = useStyles();
  const [id, setId] = useState('');
  // Only whether the typed id is taken: this dialog stays mounted, and must not follow every list change.
  const exists = useApp((s) => id !== '' && s.systems.has(id));
  const problem = id === '' ? null : idProblem(id, exists);
  // Nor every change of any system: only the list of running utility VMs (for a hosted container's host).
  const vms = useApp(useShallow(runningUtilityVms));
  // A hosted container's HostingSystemId must name a running utility VM: the picker says why when it does not.
  const hostingOk = (text: string) => {
    const hosting = hostingSystemOf(text);
    return hosting === undefined || (hosting !== null && vms.includes(hosting));
  };
  return (
    <DocumentDialog
      open={open}
      onClose={onClose}
      title="Create a compute system"
      editorLabel="Create document"
      templates={CREATE_TEMPLATES}
      check={checkCreateDocument}
      submitLabel="Create"
      fieldsValid={(text) => id !== '' && problem === null && hostingOk(text)}
      fields={(document) => (
        <>
          <div className={styles.idRow}>
            <Field
              className={styles.idField}
              label="System id"
              required
              validationState={problem ? 'error' : 'none'}
              validationMessage={problem ?? undefined}
              hint="Letters, digits, '-', '_', '.' and braces, e.g. a GUID"
            >
              <Input value={id} onChange={(_, data) => setId(data.value.trim())} autoComplete="off" />
            </Field>
            <Button
              className={styles.idButton}
              icon={<ArrowSyncRegular />}
              onClick={() => setId(crypto.randomUUID())}
            >
              New GUID
            </Button>
          </div>
          <HostingSystemPicker document={document} vms={vms} />
        </>
      )}
      onSubmit={async (document) => {
        const ok = await runOperation(api, store, { action: 'create', id, document });
        if (ok) setId('');
        return ok;
      }}
    />
  );
}
