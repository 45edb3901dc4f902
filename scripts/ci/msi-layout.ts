/**
 * Where the MSI puts HCS Desktop, and how to tell whether any of it is there — the pure half of msi.ts, so it
 * is tested on any machine. The names come from their one home: the product name from package.json, the
 * shortcut name from electron-builder.yml. electron-builder's MSI template (app-builder-lib
 * templates/msi/template.xml) installs a per-machine product (ALLUSERS=1) into ProgramFiles64Folder\<product
 * name>, and puts its shortcuts into the all-users DesktopFolder and ProgramMenuFolder.
 */
import { readFileSync } from 'node:fs';
import { join, win32 } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './github.ts';

export interface ProductNames {
  productName: string;
  shortcutName: string;
}

export function productNames(root = repoRoot): ProductNames {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string };
  const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    msi?: { shortcutName?: string };
  };
  return { productName: pkg.productName, shortcutName: builder.msi?.shortcutName ?? pkg.productName };
}

export interface MsiLayout {
  installDir: string;
  exe: string;
  /** The .lnk files a per-machine install creates. */
  shortcuts: string[];
  /** Where Electron keeps the per-user data of a user who ran the app; Windows Installer never removes it. */
  userData: string | null;
}

export function msiLayout(names: ProductNames, env: NodeJS.ProcessEnv): MsiLayout {
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`%${name}% is not set`);
    return value;
  };
  const installDir = win32.join(need('ProgramFiles'), names.productName);
  return {
    installDir,
    exe: win32.join(installDir, `${names.productName}.exe`),
    shortcuts: [
      win32.join(need('PUBLIC'), 'Desktop', `${names.shortcutName}.lnk`),
      win32.join(
        need('ProgramData'),
        'Microsoft',
        'Windows',
        'Start Menu',
        'Programs',
        `${names.shortcutName}.lnk`,
      ),
    ],
    userData: env.APPDATA ? win32.join(env.APPDATA, names.productName) : null,
  };
}

export interface UninstallEntry {
  PSChildName: string;
  DisplayName: string;
  DisplayVersion?: string;
  Publisher?: string;
}

/** PowerShell's ConvertTo-Json prints nothing, one object or an array; always an array here. */
export function parseUninstallEntries(json: string): UninstallEntry[] {
  const text = json.trim();
  if (!text) return [];
  const value = JSON.parse(text) as UninstallEntry | UninstallEntry[] | null;
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The PowerShell that lists the product's "Programs and Features" entries, 64- and 32-bit views. */
export function uninstallEntriesScript(productName: string): string {
  const quoted = `'${productName.replace(/'/g, "''")}'`;
  const keys = [
    'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
    'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*',
  ]
    .map((k) => `'${k}'`)
    .join(',');
  return (
    `$entries = @(Get-ItemProperty -Path ${keys} -ErrorAction SilentlyContinue | ` +
    `Where-Object { $_.PSObject.Properties['DisplayName'] -and $_.DisplayName -eq ${quoted} } | ` +
    `Select-Object PSChildName, DisplayName, DisplayVersion, Publisher); ` +
    `ConvertTo-Json -Compress -InputObject $entries`
  );
}

export interface InstallState {
  present: string[];
  absent: string[];
}

/** What of the product is on the machine: files, shortcuts and uninstall entries, by description. */
export function installState(
  layout: MsiLayout,
  probe: { exists(path: string): boolean; uninstallEntries(): UninstallEntry[] },
): InstallState {
  const present: string[] = [];
  const absent: string[] = [];
  for (const [what, path] of [
    ['the executable', layout.exe],
    ['the install folder', layout.installDir],
    ...layout.shortcuts.map((s) => ['a shortcut', s] as const),
  ] as const) {
    (probe.exists(path) ? present : absent).push(`${what} ${path}`);
  }
  const entries = probe.uninstallEntries();
  if (entries.length)
    for (const e of entries)
      present.push(
        `the uninstall entry ${e.PSChildName} (${e.DisplayName} ${e.DisplayVersion ?? ''})`.trim(),
      );
  else absent.push('an uninstall entry');
  return { present, absent };
}

/** msiexec's exit codes that mean success: 0, and 3010 (success, a restart is needed to finish). */
export function msiexecSucceeded(code: number | null): boolean {
  return code === 0 || code === 3010;
}
