import { existsSync } from 'node:fs';
import { electronBinary, electronMainEntry } from '../support/paths.ts';

/**
 * What the `real-hcs` project launches, or why it cannot run here. It drives the Electron app against the
 * real vmcompute.dll and a running Windows container, so it needs Windows, an Electron to launch, and the
 * container's HCS id:
 *
 * - HCS_E2E_CONTAINER_ID: the compute system the specs look for (the Windows workflow starts a
 *   process-isolated Nano Server container with Docker, whose HCS id is the container id);
 * - HCS_E2E_APP_EXE: an installed HCS Desktop to launch (the workflow's MSI job); without it, the Electron of
 *   node_modules runs the built dist/electron/main.cjs, as the `electron` project does.
 */
export type RealHcsTarget =
  { skip: string } | { executablePath: string; args: string[]; installed: boolean; containerId: string };

export function realHcsTarget(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): RealHcsTarget {
  const missing: string[] = [];
  if (platform !== 'win32') missing.push(`Windows and its vmcompute.dll (this is ${platform})`);
  const installed = env.HCS_E2E_APP_EXE;
  let launch: { executablePath: string; args: string[] } | null = null;
  if (installed) {
    if (existsSync(installed)) launch = { executablePath: installed, args: [] };
    else missing.push(`the installed app HCS_E2E_APP_EXE names (${installed} does not exist)`);
  } else {
    const binary = electronBinary();
    if ('missing' in binary) missing.push(`an Electron binary (${binary.missing})`);
    else launch = { executablePath: binary.path, args: [electronMainEntry(), '--backend', 'vmcompute'] };
  }
  const containerId = env.HCS_E2E_CONTAINER_ID?.trim();
  if (!containerId)
    missing.push(
      'HCS_E2E_CONTAINER_ID, the HCS id of a running Windows container (the Windows workflow starts one)',
    );
  if (missing.length || !launch || !containerId) return { skip: `real-hcs needs ${missing.join('; ')}` };
  return { ...launch, installed: Boolean(installed), containerId };
}
