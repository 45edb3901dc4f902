/**
 * The host layer: what the entry points (Electron main, the web server) share about the machine they run
 * on and the process they run in — command-line flags, choosing the HCS backend and naming its library,
 * starting a simulator child, finding the package root, serving the built renderer's files, and the network
 * and the settings file behind the app core's remote hosts (src/app/hosts). Not the app
 * core (it knows no transport and no host), not a transport (it speaks to no client).
 */
export { BACKEND_FLAGS, checkPollMs, parseFlags } from './cli-flags.ts';
export { prepareBackend, type PreparedBackend } from './backend-select.ts';
export { simulatorAnswers, type SimulatorChild } from './sim-child.ts';
export { detectElevated } from './elevation.ts';
export { packageRoot } from './package-root.ts';
export { pageCsp } from './page-csp.ts';
export { hostProcessorCount } from './processors.ts';
export { openStaticFile, readStaticFile, type OpenedStaticFile } from './static-assets.ts';
export { loadStaticCache, staticCacheKey, type CachedStaticFile, type StaticCache } from './static-cache.ts';
export { defaultSettingsPath, openSettingsFile } from './settings-file.ts';
export { readJsonFile, writeJsonFileAtomic, type JsonFileRead } from './json-file.ts';
export { remoteDialer } from './remote-dialer.ts';
export { FILE_TOKENS, HostSettingsFile, defaultHostsFile, type TokenSealer } from './host-settings.ts';
