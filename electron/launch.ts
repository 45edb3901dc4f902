// `npm start`: run Electron on the built app, or say plainly why it cannot run on this machine.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/host/index.ts';
import { electronBinary, missingElectronMessage } from './electron-binary.ts';

function main(): void {
  const root = packageRoot();
  const entry = join(root, 'dist', 'electron', 'main.cjs');
  if (!existsSync(entry)) {
    console.error(`hcs-desktop: ${entry} is missing; run \`npm run build:electron\` first.`);
    process.exit(1);
  }
  const binary = electronBinary({
    env: process.env,
    electronDir: join(root, 'node_modules', 'electron'),
    platform: process.platform,
    exists: existsSync,
    read: (p) => readFileSync(p, 'utf8'),
  });
  if (!binary) {
    console.error(missingElectronMessage(process.env));
    process.exit(1);
  }
  // With ELECTRON_RUN_AS_NODE set, Electron would run our main as a plain Node script.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [entry, ...process.argv.slice(2)], { stdio: 'inherit', env, cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    console.error(`hcs-desktop: could not start Electron (${binary}): ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main();
