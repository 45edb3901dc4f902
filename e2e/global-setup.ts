import { electronBinary } from './support/paths.ts';
import { ensureRendererBuilt } from './support/renderer-build.ts';

export default function globalSetup(): void {
  ensureRendererBuilt('e2e');
  const electron = electronBinary();
  if ('missing' in electron) {
    console.log(
      `e2e: the electron project is skipped — Electron binary not available on this machine: ${electron.missing}`,
    );
  }
}
