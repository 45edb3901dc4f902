/**
 * Who made a compute system, from the owner string HCS reports (the `Owner` of its create document): each
 * client that creates systems names itself its own way. Known owners get a name a person recognises and a mark
 * (monogram and colour) to spot them at a glance; any other owner shows as reported.
 *
 * Sources: Docker (moby's Windows daemon) passes "docker"; containerd's runhcs shim passes its binary name,
 * "containerd-shim-runhcs-v1.exe"; WSL 2 creates its utility VM as "WSL"; Windows Sandbox and the other
 * Container Manager workloads as "CmService"; hcsshim's tools and tests use "hcsshim" and "uvmboot".
 */
export interface OwnerInfo {
  /** The name shown. */
  label: string;
  /** Two letters at most, for the mark. */
  monogram: string;
  /** The mark's colour (a Fluent palette name, see OwnerMark). */
  hue: 'blue' | 'teal' | 'orange' | 'green' | 'berry' | 'purple' | 'brand' | 'neutral';
}

const KNOWN: ReadonlyArray<{ match: (owner: string) => boolean; info: OwnerInfo }> = [
  { match: (o) => o === 'docker' || o === 'dockerd', info: { label: 'Docker', monogram: 'D', hue: 'blue' } },
  { match: (o) => o.startsWith('containerd'), info: { label: 'containerd', monogram: 'cd', hue: 'teal' } },
  { match: (o) => o === 'wsl' || o.startsWith('wsl'), info: { label: 'WSL', monogram: 'W', hue: 'orange' } },
  {
    match: (o) => o === 'cmservice' || o.includes('sandbox'),
    info: { label: 'Windows Sandbox (CmService)', monogram: 'S', hue: 'green' },
  },
  {
    match: (o) => o === 'hcsshim' || o === 'uvmboot' || o.startsWith('runhcs'),
    info: { label: 'hcsshim', monogram: 'hs', hue: 'purple' },
  },
  { match: (o) => o === 'hcs-desktop', info: { label: 'HCS Desktop', monogram: 'HD', hue: 'brand' } },
];

export function ownerInfo(owner: string): OwnerInfo {
  const o = owner.trim().toLowerCase();
  if (o === '') return { label: 'No owner', monogram: '?', hue: 'neutral' };
  for (const known of KNOWN) if (known.match(o)) return known.info;
  const letters = owner.replace(/[^A-Za-z0-9]/g, '');
  return { label: owner, monogram: (letters.slice(0, 2) || '?').toUpperCase(), hue: 'neutral' };
}

/** The owner as shown: a known client's name with what HCS reports when that differs, else the string. */
export function ownerLabel(owner: string): string {
  const info = ownerInfo(owner);
  if (info.hue === 'neutral' || info.label.toLowerCase() === owner.toLowerCase()) return info.label;
  return info.label.includes(owner) ? info.label : `${info.label} (${owner})`;
}
