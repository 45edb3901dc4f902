// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from '../../../src/contract/testing/system-ids.ts';
import { CREATE_TEMPLATES } from '../../documents/templates.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { CreateDialog } from './CreateDialog.tsx';

afterEach(cleanup);

/** Types into the editor once it is there (CodeMirror is loaded when the dialog first opens). */
async function editorText(text: string) {
  const content = await screen.findByRole('textbox', { name: 'Create document' });
  const view = EditorView.findFromDOM(content);
  if (!view) throw new Error('no editor');
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}

const createButton = () => screen.getByRole('button', { name: 'Create' }) as HTMLButtonElement;

describe('CreateDialog', () => {
  it('creates from a template with the id given', async () => {
    const api = new FakeApi({ 'systems.create': () => ({ opId: 'op-1' }) });
    let closed = false;
    const { store } = renderWithServices(<CreateDialog open onClose={() => (closed = true)} />, { api });
    expect(createButton().disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), { target: { value: '2' } });
    fireEvent.change(screen.getByRole('textbox', { name: /System id/ }), { target: { value: 'uvm-new' } });
    expect(screen.getByText('No problems found.')).toBeTruthy();
    fireEvent.click(createButton());
    await waitFor(() => expect(closed).toBe(true));
    const [call] = api.callsTo('systems.create') as Array<{ id: string; document: string }>;
    expect(call?.id).toBe('uvm-new');
    expect(JSON.parse(call!.document)).toEqual(CREATE_TEMPLATES[2]!.document);
    expect(store.getState().tracked).toEqual({ 'op-1': true });
  });

  it('lists the line and reason of broken JSON and keeps Create disabled', async () => {
    const api = new FakeApi();
    renderWithServices(<CreateDialog open onClose={() => {}} />, { api });
    fireEvent.change(screen.getByRole('textbox', { name: /System id/ }), { target: { value: 'x1' } });
    await editorText('{\n  "SchemaVersion": {"Major": 2, "Minor": 1},\n  "VirtualMachine": {,\n}');
    const problems = screen.getByRole('list', { name: 'Problems' });
    expect(problems.textContent).toMatch(/^Line 3, column \d+: /);
    expect(createButton().disabled).toBe(true);
    await editorText('{"Owner": "me"}');
    expect(screen.getByRole('list', { name: 'Problems' }).textContent).toContain('needs "SchemaVersion"');
    expect(createButton().disabled).toBe(true);
    // The window's own subscriptions (host statistics, the timeline) may run; nothing reaches a system.
    expect(api.calls.filter((call) => call.channel.startsWith('systems.'))).toEqual([]);
  });

  it('refuses an invalid or existing id', () => {
    const { store } = renderWithServices(<CreateDialog open onClose={() => {}} />);
    act(() => store.getState().applySnapshot([summary('taken')]));
    const id = screen.getByRole('textbox', { name: /System id/ });
    fireEvent.change(id, { target: { value: 'taken' } });
    expect(screen.getByText('a system with the id taken exists already')).toBeTruthy();
    expect(createButton().disabled).toBe(true);
    fireEvent.change(id, { target: { value: 'a/b' } });
    expect(screen.getByText('an id may not contain "/" or "\\"')).toBeTruthy();
    expect(createButton().disabled).toBe(true);
    // A text field drops line breaks as they are typed or pasted (HTML value sanitization).
    for (const { id: refused, reason } of REFUSED_SYSTEM_IDS.filter(
      (r) => r.id !== '' && !r.id.includes('\n'),
    )) {
      fireEvent.change(id, { target: { value: refused } });
      expect(screen.getByText(reason), JSON.stringify(refused)).toBeTruthy();
      expect(createButton().disabled).toBe(true);
    }
  });

  it('creates systems with the ids real HCS clients use (issue 8 §0)', async () => {
    const api = new FakeApi({ 'systems.create': () => ({ opId: 'op-r' }) });
    const created: string[] = [];
    for (const { id } of REAL_SYSTEM_IDS) {
      renderWithServices(<CreateDialog open onClose={() => created.push(id)} />, { api });
      fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), { target: { value: '2' } });
      fireEvent.change(screen.getByRole('textbox', { name: /System id/ }), { target: { value: id } });
      expect(createButton().disabled, id).toBe(false);
      fireEvent.click(createButton());
      await waitFor(() => expect(created).toContain(id));
      cleanup();
    }
    expect((api.callsTo('systems.create') as Array<{ id: string }>).map((c) => c.id)).toEqual(
      REAL_SYSTEM_IDS.map((r) => r.id),
    );
  });
});
