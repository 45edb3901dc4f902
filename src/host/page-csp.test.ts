import { describe, expect, it } from 'vitest';
import { pageCsp, pageCspMetaTag } from './page-csp.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("the page's one Content-Security-Policy", () => {
  it('is the same for Electron and web mode but for the WebSocket web mode opens to its own origin', () => {
    const electron = directives(pageCsp());
    const web = directives(pageCsp('http://127.0.0.1:7380'));
    expect(electron.get('connect-src')).toEqual(["'self'"]);
    expect(web.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:7380']);
    electron.delete('connect-src');
    web.delete('connect-src');
    expect(web).toEqual(electron);
  });

  it('names wss: for a server on https', () => {
    expect(directives(pageCsp('https://hcs.example:8443')).get('connect-src')).toEqual([
      "'self'",
      'wss://hcs.example:8443',
    ]);
  });

  it("the <meta> tag's policy is the header's without frame-ancestors, which a <meta> tag cannot carry", () => {
    const header = directives(pageCsp());
    header.delete('frame-ancestors');
    expect(directives(pageCspMetaTag())).toEqual(header);
  });
});
