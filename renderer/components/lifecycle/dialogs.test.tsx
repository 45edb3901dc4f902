// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MODIFY_TEMPLATES } from '../../documents/templates.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { ModifyDialog } from './ModifyDialog.tsx';
import { SaveDialog } from './SaveDialog.tsx';

afterEach(cleanup);

describe('SaveDialog', () => {
  it('saves to a file with the path given', async () => {
    const api = new FakeApi({ 'systems.save': () => ({ opId: 'op-s' }) });
    let closed = false;
    renderWithServices(<SaveDialog id="vm" open onClose={() => (closed = true)} />, { api });
    const path = screen.getByRole('textbox', { name: /Save state file path/ });
    fireEvent.change(path, { target: { value: 'D:\\state\\vm.vmrs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(closed).toBe(true));
    expect(api.callsTo('systems.save')).toEqual([
      { id: 'vm', options: JSON.stringify({ SaveType: 'ToFile', SaveStateFilePath: 'D:\\state\\vm.vmrs' }) },
    ]);
  });

  it('needs a path to save to a file, none as a template', async () => {
    const api = new FakeApi({ 'systems.save': () => ({ opId: 'op-t' }) });
    renderWithServices(<SaveDialog id="vm" open onClose={() => {}} />, { api });
    fireEvent.change(screen.getByRole('textbox', { name: /Save state file path/ }), {
      target: { value: ' ' },
    });
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: /As template/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.callsTo('systems.save')).toEqual([{ id: 'vm', options: '{"SaveType":"AsTemplate"}' }]),
    );
  });
});

describe('ModifyDialog', () => {
  it('sends the chosen template and blocks an invalid request', async () => {
    const api = new FakeApi({ 'systems.modify': () => ({ opId: 'op-m' }) });
    renderWithServices(<ModifyDialog id="vm" open onClose={() => {}} />, { api });
    const view = EditorView.findFromDOM(await screen.findByRole('textbox', { name: 'Modify request' }))!;
    act(() =>
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '{"RequestType": "Update"}' } }),
    );
    expect(screen.getByRole('list', { name: 'Problems' }).textContent).toContain('needs "ResourcePath"');
    expect((screen.getByRole('button', { name: 'Modify' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Modify' }));
    await waitFor(() => expect(api.callsTo('systems.modify')).toHaveLength(1));
    const [call] = api.callsTo('systems.modify') as Array<{ id: string; request: string }>;
    expect(JSON.parse(call!.request)).toEqual(MODIFY_TEMPLATES[0]!.document);
  });
});
