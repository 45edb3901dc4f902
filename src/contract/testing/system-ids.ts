// Ids for tests of every channel that takes one: the shapes real HCS clients give their compute systems, and
// ids that must never reach native code. Each real id is made in the shape its source shows.

const HEX64 = '0f6c9a3e1b7d4f2a8c5e9b1d3f7a0c4e6b2d8f1a5c9e3b7d0f4a2c6e8b1d5f9a';

/** Ids HCS clients use; every one must pass the contract's check. */
export const REAL_SYSTEM_IDS: readonly { id: string; who: string }[] = [
  { id: HEX64, who: 'Docker / containerd: a container id (64 hex digits)' },
  {
    id: `${HEX64}@vm`,
    who: "containerd's runhcs shim: the utility VM of a pod or Hyper-V isolated container",
  },
  { id: 'TestUVMCreateLCOW@vm', who: "hcsshim's tests: a utility VM named after its test, with @vm" },
  { id: '{6A3C1F2E-9B7D-4E1A-8C5B-2D4F6A8B0C1E}', who: 'a GUID in braces (schema1 clients, hcsdiag)' },
  { id: 'B5A1C3E7-2F4D-4A6B-9C8E-0D1F2A3B4C5D', who: "WSL: the utility VM's GUID, upper case, no braces" },
  { id: '8d1e3f5a-7b9c-4d2e-a6f8-0b1c3d5e7f9a', who: 'Windows Sandbox: a GUID, lower case, no braces' },
  { id: 'buildkit_worker.v1-2', who: 'a name with dots, dashes and underscores' },
  { id: 'demo-uvm', who: "HCS Desktop's own create template" },
  { id: '-leading-dash', who: 'a name starting with a dash (hcsctl needs it after --)' },
  { id: 'conteneur-é', who: 'a name with a letter outside ASCII' },
];

/** Ids that must never reach native code, each with the reason the contract gives. */
export const REFUSED_SYSTEM_IDS: readonly { id: string; reason: RegExp }[] = [
  { id: '', reason: /required/ },
  { id: 'a\u0000b', reason: /control characters/ },
  { id: 'a\u001b[31mred', reason: /control characters/ },
  { id: 'a\u0085b', reason: /control characters/ },
  { id: 'line\nbreak', reason: /control characters/ },
  { id: 'a/b', reason: /"\/" or "\\"/ },
  { id: 'C:\\Windows', reason: /"\/" or "\\"/ },
  { id: '..', reason: /"\." or "\.\."/ },
  { id: '.', reason: /"\." or "\.\."/ },
  { id: 'txt.exe\u202Egpj', reason: /invisible formatting/ },
  { id: 'a\u2066b\u2069', reason: /invisible formatting/ },
  { id: 'zero\u200Bwidth', reason: /invisible formatting/ },
  { id: 'para\u2029graph', reason: /invisible formatting/ },
  { id: 'half\uD800', reason: /unpaired surrogates/ },
  { id: '\uDC00half', reason: /unpaired surrogates/ },
  { id: 'x'.repeat(257), reason: /at most 256/ },
];
