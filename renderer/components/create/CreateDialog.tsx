import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { SystemId } from '../../../src/contract/index.ts';
import { checkCreateDocument } from '../../documents/create-document.ts';
import { CREATE_TEMPLATES } from '../../documents/templates.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useApp, useAppStore } from '../../store/context.tsx';
import { DocumentDialog } from '../editor/DocumentDialog.tsx';

/** Why an id cannot be used, or null when it can. */
export function idProblem(id: string, existing: Readonly<Record<string, unknown>>): string | null {
  const r = SystemId.safeParse(id);
  if (!r.success) return r.error.issues[0]?.message ?? 'invalid id';
  if (id in existing) return `a system with the id ${id} exists already`;
  return null;
}

/** Create a compute system from a JSON document (HcsCreateComputeSystem). */
export function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const store = useAppStore();
  const systems = useApp((s) => s.systems);
  const [id, setId] = useState('');
  const problem = id === '' ? null : idProblem(id, systems);
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
