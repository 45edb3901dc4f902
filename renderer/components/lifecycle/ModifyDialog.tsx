import { checkModifyRequest } from '../../documents/modify-request.ts';
import { MODIFY_TEMPLATES } from '../../documents/templates.ts';
import { runOperation } from '../../lib/run-operation.ts';
import { useApi, useAppStore } from '../../store/context.tsx';
import { DocumentDialog } from '../editor/DocumentDialog.tsx';

/** Send a modify request (HcsModifyComputeSystem) to a running system. */
export function ModifyDialog({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const api = useApi();
  const store = useAppStore();
  return (
    <DocumentDialog
      open={open}
      onClose={onClose}
      title={`Modify ${id}`}
      editorLabel="Modify request"
      templates={MODIFY_TEMPLATES}
      check={checkModifyRequest}
      submitLabel="Modify"
      onSubmit={(request) => runOperation(api, store, { action: 'modify', id, request })}
    />
  );
}
