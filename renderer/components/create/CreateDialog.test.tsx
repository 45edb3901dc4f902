// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { EditorView } from '@codemirror/view';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from '../../../src/contract/testing/system-ids.ts';
import { CREATE_TEMPLATES, templateText } from '../../documents/templates.ts';
import { createSettingsStore } from '../../settings/settings-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { settingsState, summary } from '../../test-support/fixtures.ts';
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

/** The dialog as the app opens it: from a button, which gets focus back when it closes. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Create system…</button>
      <CreateDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}

const editorValue = async () => {
  const view = EditorView.findFromDOM(await screen.findByRole('textbox', { name: 'Create document' }));
  return view!.state.doc.toString();
};
const openDialog = () => {
  const opener = screen.getByRole('button', { name: 'Create system…' });
  opener.focus();
  fireEvent.click(opener);
  return opener;
};
const pressEscape = async () =>
  fireEvent.keyDown(await screen.findByRole('textbox', { name: 'Create document' }), { key: 'Escape' });

describe('CreateDialog: nothing written is lost (issue 12 §6)', () => {
  it('closes at once on Escape while the document is a template, and gives focus back to its opener', async () => {
    renderWithServices(<Opener />);
    const opener = openDialog();
    await pressEscape();
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Create document' })).toBeNull());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('asks before Escape throws away an edited document; Keep editing keeps it, a draft comes back, Discard does not', async () => {
    renderWithServices(<Opener />);
    const opener = openDialog();
    await editorText('{"SchemaVersion": {"Major": 2, "Minor": 1}, "Container": {}}');
    await pressEscape();
    const ask = await screen.findByRole('alertdialog', { name: 'Discard the edited document?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(async () => expect(await editorValue()).toContain('"Container": {}'));

    // Cancel asks too; keep it as a draft, and it is there when the dialog opens again.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Close and keep draft' }),
    );
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Create document' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
    openDialog();
    expect(await editorValue()).toContain('"Container": {}');

    await pressEscape();
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Create document' })).toBeNull());
    openDialog();
    expect(await editorValue()).toBe(templateText(CREATE_TEMPLATES[0]!));
  });

  it('does not ask when the user turned that confirmation off', async () => {
    const settings = createSettingsStore(null);
    settings.getState().apply(settingsState({ confirm: { discardEdits: false } }));
    renderWithServices(<Opener />, { settings });
    openDialog();
    await editorText('{"SchemaVersion": {"Major": 2, "Minor": 1}, "Container": {}}');
    await pressEscape();
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Create document' })).toBeNull());
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows that a pasted document is no template, formats it, and offers a new GUID for the id', async () => {
    renderWithServices(<CreateDialog open onClose={() => {}} />);
    await editorText('{"SchemaVersion":{"Major":2,"Minor":1},"Container":{}}');
    const template = screen.getByRole('combobox', { name: 'Template' }) as HTMLSelectElement;
    expect(template.selectedOptions[0]?.textContent).toBe('Edited document (no template)');
    fireEvent.click(screen.getByRole('button', { name: 'Format' }));
    expect(await editorValue()).toBe(
      '{\n  "SchemaVersion": {\n    "Major": 2,\n    "Minor": 1\n  },\n  "Container": {}\n}\n',
    );
    fireEvent.click(screen.getByRole('button', { name: 'New GUID' }));
    const id = (screen.getByRole('textbox', { name: /System id/ }) as HTMLInputElement).value;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('a pasted one-line document puts the cursor on its error; a problem in the list goes there too', async () => {
    renderWithServices(<CreateDialog open onClose={() => {}} />);
    const content = await screen.findByRole('textbox', { name: 'Create document' });
    const view = EditorView.findFromDOM(content)!;
    const pasted = `{"SchemaVersion":{"Major":2,"Minor":1},"Owner":"${'x'.repeat(200)}","Container":{"Storage":,}}`;
    act(() =>
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: pasted },
        userEvent: 'input.paste',
      }),
    );
    const problems = screen.getByRole('list', { name: 'Problems' });
    const [first] = within(problems).getAllByRole('button');
    const column = Number(/^Line 1, column (\d+):/.exec(first!.textContent ?? '')?.[1]);
    expect(column).toBeGreaterThan(200);
    await waitFor(() => expect(view.state.selection.main.head).toBe(column - 1));
    // The template picker no longer names the template the paste replaced.
    const template = screen.getByRole('combobox', { name: 'Template' }) as HTMLSelectElement;
    expect(template.selectedOptions[0]?.textContent).toBe('Edited document (no template)');

    // Elsewhere, then back through the list: the cursor returns and the editor has the focus.
    act(() => view.dispatch({ selection: { anchor: 0 } }));
    fireEvent.click(first!);
    await waitFor(() => expect(view.state.selection.main.head).toBe(column - 1));
    expect(view.hasFocus || document.activeElement === content).toBe(true);
  });

  it('picks the hosting utility VM of a hosted container among the running ones, and waits for one', async () => {
    const api = new FakeApi();
    const { store } = renderWithServices(<CreateDialog open onClose={() => {}} />, { api });
    act(() =>
      store
        .getState()
        .applySnapshot([
          summary('uvm-a', { type: 'VirtualMachine', state: 'Running' }),
          summary('uvm-stopped', { type: 'VirtualMachine', state: 'Stopped' }),
          summary('argon', { state: 'Running' }),
        ]),
    );
    const hyperV = CREATE_TEMPLATES.findIndex((t) => t.name.startsWith('Hyper-V isolated container'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Template' }), {
      target: { value: String(hyperV) },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /System id/ }), { target: { value: 'hosted-1' } });
    const picker = screen.getByRole('combobox', { name: /Hosting utility VM/ }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual(['', 'uvm-a']);
    expect(screen.getByText(/None chosen: pick one of the 1 running/)).toBeTruthy();
    expect(createButton().disabled).toBe(true);
    fireEvent.change(picker, { target: { value: 'uvm-a' } });
    expect(JSON.parse(await editorValue()).HostingSystemId).toBe('uvm-a');
    expect(createButton().disabled).toBe(false);
  });
});
