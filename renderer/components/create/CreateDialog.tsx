import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { SystemId } from '../../../src/contract/index.ts';
import { checkCreateDocument } from '../../documents/create-document.ts';
import { CREATE_TEMPLATES } from '../../documents/templates.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { DocumentDialog } from '../editor/DocumentDialog.tsx';

/** Why an id cannot be used, or null when it can. */
export function idProblem(id: string, exists: boolean): string | null {
  const r = SystemId.safeParse(id);
  if (!r.success) return r.error.issues[0]?.message ?? 'invalid id';
  if (exists) return `a system with the id ${id} exists already`;
  return null;
}

/** Create a compute system from a JSON document (HcsCreateComputeSystem). */
export function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const store = useAppStore();
  const [id, setId] = useState('');
  // Only whether the typed id is taken: this dialog stays mounted, and must not follow every list change.
  const exists = useApp((s) => id !== '' && s.systems.has(id));
  const problem = id === '' ? null : idProblem(id, exists);
  return (
    <DocumentDialog
      open={open}
      onClose={() => {
        setId('');
        onClose();
      }}
      title="Create a compute system"
      editorLabel="Create document"
      templates={CREATE_TEMPLATES}
      check={checkCreateDocument}
      submitLabel="Create"
      fieldsValid={id !== '' && problem === null}
      fields={
        <Field
          label="System id"
          required
          validationState={problem ? 'error' : 'none'}
          validationMessage={problem ?? undefined}
          hint="Letters, digits, '-', '_', '.' and braces, e.g. a GUID"
        >
          <Input value={id} onChange={(_, data) => setId(data.value.trim())} autoComplete="off" />
        </Field>
      }
      onSubmit={async (document) => {
        const ok = await runOperation(api, store, { action: 'create', id, document });
        if (ok) setId('');
        return ok;
      }}
    />
  );
}
