// The simulator may not import src/ (it plays the part of Windows), so it keeps its own copies of the
// HRESULTs it answers with, in TypeScript (the service) and in C (the client library). This test holds both
// to the one table in src/hcs/hresults.ts: same codes, same names, same Windows messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HcsAdapter } from '../../src/app/hcs-adapter.ts';
import { toErrorInfo } from '../../src/app/error-info.ts';
import { formatHresult } from '../../src/base/index.ts';
import { formatError } from '../../src/cli/format.ts';
import { SystemError, hresultInfo, knownHresults, win32FromHresult } from '../../src/hcs/index.ts';
import { HR, hresultMessage, resultDocument } from '../../sim/service/hresult.ts';

describe("the simulator's HRESULTs agree with the HCS layer's table", () => {
  it('every code the service answers with is in the table, with the same Windows message', () => {
    const codes = Object.entries(HR).filter(([, hr]) => hr !== HR.S_OK);
    expect(codes.length).toBeGreaterThan(10);
    for (const [key, hr] of codes) {
      const info = hresultInfo(hr);
      expect(info, `HR.${key} ${formatHresult(hr)}`).toBeDefined();
      expect(hresultMessage(hr), `HR.${key} ${info?.name}`).toBe(info?.message);
      // What a client reads in the result document is the same text.
      expect(JSON.parse(resultDocument(hr, [])).ErrorMessage).toBe(info?.message);
    }
  });

  it('every HRESULT the C client library defines is in the table, under the name its comment gives', () => {
    const header = readFileSync(new URL('../../sim/native/hresult.h', import.meta.url), 'utf8');
    const defines = [...header.matchAll(/#define\s+(SIM_E_\w+)\s/g)].map((m) => m[1]);
    const documented = [
      ...header.matchAll(
        /\/\*\s*([A-Z][A-Z0-9_]*)\b[^]*?\*\/\s*#define\s+(SIM_E_\w+)\s+\(\(int32_t\)0x([0-9A-Fa-f]{8})u\)/g,
      ),
    ].map((m) => ({ name: m[1]!, define: m[2]!, hresult: parseInt(m[3]!, 16) }));
    expect(documented.map((d) => d.define)).toEqual(defines);
    expect(defines.length).toBeGreaterThan(5);
    for (const d of documented) {
      expect(hresultInfo(d.hresult)?.name, `${d.define} ${formatHresult(d.hresult)}`).toBe(d.name);
    }
  });

  it("every HCS_E_* code the C library tests for (computecore's form) is in the table under that name", () => {
    const header = readFileSync(new URL('../../sim/native/hresult.h', import.meta.url), 'utf8');
    const defines = [...header.matchAll(/#define\s+(HCS_E_\w+)\s+\(\(int32_t\)0x([0-9A-Fa-f]{8})u\)/g)];
    expect(defines.length).toBeGreaterThan(5);
    for (const [, name, hex] of defines) {
      expect(hresultInfo(parseInt(hex!, 16))?.name, `${name} 0x${hex}`).toBe(name);
    }
  });
});

describe('hcsctl and the UI name an HRESULT alike', () => {
  it('every code of the table gets the same hex and name on both paths', () => {
    for (const info of knownHresults()) {
      const err = new SystemError('c1', 'hcs::System::Start', win32FromHresult(info.hresult)!);
      const ui = new HcsAdapter('simulator').describeError(err);
      const shown = toErrorInfo(ui);
      expect(formatError(err), info.name).toContain(`HRESULT ${shown.hresult} (${shown.name})`);
      expect(shown.name).toBe(info.name);
    }
  });
});
