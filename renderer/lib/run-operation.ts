import {
  displaySystemId,
  OPERATION_ACTION_LABEL,
  systemRefProblem,
  type HcsApi,
} from '../../src/contract/index.ts';
import type { AppStore } from '../store/app-store.ts';
import { errorInfoOf } from '../transport/index.ts';

export type OperationRequest =
  | { action: 'start' | 'shutdown' | 'terminate' | 'pause' | 'resume' | 'crash' | 'close'; id: string }
  | { action: 'wait'; id: string }
  | { action: 'save'; id: string; options: string }
  | { action: 'modify'; id: string; request: string }
  | { action: 'create'; id: string; document: string };

export function sendOperation(api: HcsApi, r: OperationRequest): Promise<{ opId: string }> {
  switch (r.action) {
    case 'create':
      return api.invoke('systems.create', { id: r.id, document: r.document });
    case 'save':
      return api.invoke('systems.save', { id: r.id, options: r.options });
    case 'modify':
      return api.invoke('systems.modify', { id: r.id, request: r.request });
    case 'wait':
      return api.invoke('systems.waitExit', { id: r.id });
    default:
      return api.invoke(`systems.${r.action}`, { id: r.id });
  }
}

/**
 * Asks the app core to run an operation. The answer is only an acknowledgement: the outcome arrives as
 * `operations.changed`, which the store announces because the operation is tracked here. A refusal
 * (bad request, no connection) is announced at once. Resolves to whether the request was accepted.
 */
export async function runOperation(
  api: HcsApi,
  store: AppStore,
  request: OperationRequest,
): Promise<boolean> {
  // A system listed with an id no request may carry is known by its displayed form, which the contract
  // refuses too; saying why here is clearer than the contract's validation message.
  const listed = store.getState().systems.get(request.id);
  const idProblem = listed?.idProblem ?? systemRefProblem(request.id);
  if (idProblem) {
    store.getState().notify({
      intent: 'error',
      title: `${OPERATION_ACTION_LABEL[request.action]} ${listed ? listed.id : displaySystemId(request.id)} refused`,
      body: `HCS Desktop does not pass this id to HCS: ${idProblem}.`,
    });
    return false;
  }
  try {
    const { opId } = await sendOperation(api, request);
    store.getState().track(opId);
    return true;
  } catch (e) {
    const error = errorInfoOf(e);
    store.getState().notify({
      intent: 'error',
      title: `${OPERATION_ACTION_LABEL[request.action]} ${request.id} failed`,
      body: error.message,
      error,
    });
    return false;
  }
}
