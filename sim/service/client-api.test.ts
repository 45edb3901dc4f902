import { describe, expect, it } from 'vitest';
import { apiOutbox, clientApiOf, dataForApi, hresultForApi } from './client-api.ts';

describe('client API', () => {
  it('reads the hello field: 2 is computecore, anything else vmcompute', () => {
    expect([
      clientApiOf(2),
      clientApiOf(1),
      clientApiOf(undefined),
      clientApiOf(null),
      clientApiOf(7),
    ]).toEqual([2, 1, 1, 1, 1]);
  });

  it('answers HCS codes in 0x8037xxxx to computecore clients only; other codes never change', () => {
    expect(hresultForApi(2, 0xc0370105)).toBe(0x80370105);
    expect(hresultForApi(2, 0xc0370105 | 0)).toBe(0x80370105);
    expect(hresultForApi(1, 0xc0370105)).toBe(0xc0370105);
    expect(hresultForApi(2, 0x80070005)).toBe(0x80070005);
    expect(hresultForApi(2, 0)).toBe(0);
  });

  it('rewrites the Status of an exit document for computecore clients', () => {
    const data = JSON.stringify({ Status: 0xc0370106 | 0, ExitType: 'UnexpectedExit' });
    expect(JSON.parse(dataForApi(2, data)!)).toEqual({ Status: 0x80370106 | 0, ExitType: 'UnexpectedExit' });
    expect(dataForApi(1, data)).toBe(data);
    expect(dataForApi(2, null)).toBeNull();
    expect(dataForApi(2, '{"Status": not json')).toBe('{"Status": not json');
  });

  it('an outbox follows the API the session has when it notifies', () => {
    const sent: Array<[number, number, number, string | null]> = [];
    let api: 1 | 2 = 1;
    const outbox = apiOutbox({ notify: (r, t, s, d) => sent.push([r, t, s, d]) }, () => api);
    outbox.notify(1, 3, 0xc0370107 | 0, null);
    api = 2;
    outbox.notify(1, 3, 0xc0370107 | 0, null);
    expect(sent.map(([, , s]) => s >>> 0)).toEqual([0xc0370107, 0x80370107]);
  });
});
