// Integration tests start the web server and the app as child processes; without --settings-file they would
// read (and keep aside, if bad) the settings file in the real user's config directory. Each test file gets a
// config directory of its own instead; the children inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'hcs-config-home-'));
process.env.XDG_CONFIG_HOME = home;
process.env.APPDATA = home;
afterAll(() => rmSync(home, { recursive: true, force: true }));
