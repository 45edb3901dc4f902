import { describe, expect, it } from 'vitest';
import { explainCreateFailure } from './create-failure.ts';
import { toErrorInfo } from './error-info.ts';

const hosted = JSON.stringify({ HostingSystemId: 'demo-uvm', HostedSystem: {} });

describe('a failed create, explained for a create', () => {
  it.each([0xc037010e, 0x8037010e])('names the missing hosting utility VM (%i)', (hresult) => {
    const info = toErrorInfo({ message: 'not found', hresult, events: [], serviceGone: false });
    expect(info.explanation).toMatch(/cleaned up/);
    const explained = explainCreateFailure(info, hosted);
    expect(explained.explanation).toMatch(/hosting utility VM "demo-uvm" \(HostingSystemId\) does not exist/);
    expect(explained.explanation).not.toMatch(/cleaned up/);
    expect(explained.hresult).toBe(info.hresult);
  });

  it('leaves other failures, and documents without a host, as HCS described them', () => {
    const notFound = toErrorInfo({ message: 'x', hresult: 0xc037010e, events: [], serviceGone: false });
    expect(explainCreateFailure(notFound, '{"SchemaVersion": {}}')).toBe(notFound);
    const exists = toErrorInfo({ message: 'x', hresult: 0xc037010f, events: [], serviceGone: false });
    expect(explainCreateFailure(exists, hosted)).toBe(exists);
  });
});
