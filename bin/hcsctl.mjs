#!/usr/bin/env node
// hcsctl: runs the TypeScript CLI (src/cli/main.ts) in this process through tsx's ESM loader; works as
// `npx hcsctl` and `node bin/hcsctl.mjs`.
//
// It does not call ensureThreadPoolSize(): in an ES module entry Node's module loader has already started
// libuv's thread pool (it reads modules asynchronously), so raising UV_THREADPOOL_SIZE here would only
// mislead the HCS call gate. The CLI makes at most a few HCS calls at a time; the default pool serves.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly (a local stdin left open by exec must not keep the CLI alive), once what was written has
// been flushed (pipes are asynchronous on Windows).
await Promise.all(
  [process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))),
);
process.exit(code);
