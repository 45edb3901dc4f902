// The layer rules of HCS Desktop, checked by dependency-cruiser in `npm test` (step "layers"; ARCHITECTURE.md
// says why this tool). Every import of every TypeScript file is resolved as TypeScript resolves it and
// checked against the rules below; a violation fails the step.
//
// Layers, lowest first. "May import" lists everything a layer's product code may reach besides itself:
//   src/base      nothing at all (no Node built-ins either: it runs in the renderer too)
//   src/hcs       Node built-ins, koffi
//   src/contract  zod
//   src/app       the public entries of src/hcs and src/contract; Node built-ins for types only
//   src/host      the public entries of src/app, src/hcs, src/contract, and of the simulator's client
//                 (sim/control/index.ts: the one TypeScript home of the endpoint rules a client must apply
//                 before trusting a simulator socket, sim/PROTOCOL.md "Endpoint"); Node built-ins; ws (the
//                 app core's client of other hosts' web mode: the core may not open sockets itself)
//   electron/     the public entries of src/app, src/host, src/contract; Node built-ins, electron
//   src/server    the public entries of src/app, src/host, src/contract; Node built-ins, ws
//   src/cli       the public entries of src/hcs, src/app and src/contract (its id rules); Node built-ins
//   renderer/     the public entry of src/contract; browser libraries (any npm package but the Node-side
//                 ones: electron, koffi, ws); no Node built-ins
//   sim/          nothing of src/ (it is the other side of the C ABI); Node built-ins, koffi
// Every layer may also import src/base, through its index.ts. A layer is entered through its index.ts,
// never through another layer's internals.
//
// Tests: test files inside a layer (`*.test.ts(x)`, `testing/` and `test-support/` folders) keep their
// layer's direction (a test of src/hcs may not import src/app), but may reach the internals of the layers
// their layer may import (test doubles such as src/app/testing/harness.ts), and may use any npm package
// (vitest, testing-library…) and Node built-ins. The harnesses at the root (`test/`, `e2e/`, `bench/`,
// `scripts/`) drive and measure the whole and may import any file. No product code imports test code.
//
// Cycles are refused everywhere, tests included.

/** Test code: test files, test doubles and the harnesses at the root. */
const TEST = ['\\.test\\.tsx?$', '(^|/)testing/', '(^|/)test-support/', '^(test|e2e|bench|scripts)/'];

/** Where each layer lives. */
const LAYER = {
  base: '^src/base/',
  hcs: '^src/hcs/',
  contract: '^src/contract/',
  app: '^src/app/',
  host: '^src/host/',
  electron: '^electron/',
  server: '^src/server/',
  cli: '^src/cli/',
  renderer: '^renderer/',
  sim: '^sim/',
};

/** A layer's public entry. */
const entry = (layer) => `${LAYER[layer]}index\\.ts$`;
const npm = (names) => `^node_modules/(${names.join('|')})/`;

/**
 * What each layer's product code may import besides itself and src/base: `layers` (their public entries),
 * `packages` (npm), `node` (Node built-ins: true, false, or 'type-only').
 */
const ALLOWED = {
  base: { layers: [], packages: [], node: false },
  hcs: { layers: [], packages: ['koffi'], node: true },
  contract: { layers: [], packages: ['zod'], node: false },
  app: { layers: ['hcs', 'contract'], packages: [], node: 'type-only' },
  host: {
    layers: ['app', 'hcs', 'contract'],
    // The host finds, checks and starts the simulator as its client: through that client's public entry only.
    entries: ['^sim/control/index\\.ts$'],
    // The WebSocket client the app core's remote hosts connect through (src/host/remote-dialer.ts).
    packages: ['ws'],
    node: true,
  },
  electron: { layers: ['app', 'host', 'contract'], packages: ['electron'], node: true },
  server: { layers: ['app', 'host', 'contract'], packages: ['ws'], node: true },
  cli: { layers: ['hcs', 'app', 'contract'], packages: [], node: true },
  renderer: { layers: ['contract'], packages: 'browser', node: false },
  sim: { layers: [], packages: ['koffi'], node: true },
};

/** Test files allowed one step sideways, each for a stated reason. */
const TEST_EXCEPTIONS = [
  {
    layer: 'electron',
    from: '^electron/checklist\\.test\\.ts$',
    to: '^src/server/headers\\.ts$',
    why: "the security checklist (docs/security.md) holds both transports' pages to the same CSP rules",
  },
];

/** npm packages that need Node and so are never browser libraries. */
const NODE_SIDE_PACKAGES = ['electron', 'koffi', 'ws'];

function layerRules(name) {
  const allowed = ALLOWED[name];
  const self = LAYER[name];
  const base = name === 'base' ? [] : [entry('base')];
  const ownAndBelow = [self, ...base, ...allowed.layers.map(entry), ...(allowed.entries ?? [])];
  const rules = [];

  // Product code: only its own files, the public entries it may use, the npm packages it may use.
  const packages =
    allowed.packages === 'browser'
      ? [`^node_modules/(?!(${NODE_SIDE_PACKAGES.join('|')})/)`]
      : allowed.packages.length
        ? [npm(allowed.packages)]
        : [];
  rules.push({
    name: `${name}-imports`,
    comment: `${self}: may import ${describe(name)} (.dependency-cruiser.mjs, ARCHITECTURE.md)`,
    severity: 'error',
    from: { path: self, pathNot: TEST },
    to: { pathNot: [...ownAndBelow, ...packages], dependencyTypesNot: ['core'] },
  });
  if (allowed.node === false) {
    rules.push({
      name: `${name}-no-node`,
      comment: `${self} runs where Node does not (or must not) exist: no Node built-ins`,
      severity: 'error',
      from: { path: self, pathNot: TEST },
      to: { dependencyTypes: ['core'] },
    });
  } else if (allowed.node === 'type-only') {
    rules.push({
      name: `${name}-node-types-only`,
      comment: `${self} is transport- and host-free: Node built-ins for their types only (the streams src/hcs hands over)`,
      severity: 'error',
      from: { path: self, pathNot: TEST },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
    });
  }

  // Its tests: the same direction, any file of the layers below, any npm package, Node built-ins.
  const belowAnyFile = [
    self,
    ...(name === 'base' ? [] : [LAYER.base]),
    ...allowed.layers.map((l) => LAYER[l]),
  ];
  const exceptions = TEST_EXCEPTIONS.filter((e) => e.layer === name);
  rules.push({
    name: `${name}-tests-direction`,
    comment: `tests of ${self} may reach only the layers ${self} itself may import (any file of them)`,
    severity: 'error',
    from: {
      path: [`${self}.*\\.test\\.tsx?$`, `${self}.*(testing|test-support)/`],
      pathNot: exceptions.map((e) => e.from),
    },
    to: { path: Object.values(LAYER), pathNot: belowAnyFile },
  });
  for (const exception of exceptions) {
    rules.push({
      name: `${name}-tests-direction`,
      comment: `an exception: ${exception.why}`,
      severity: 'error',
      from: { path: exception.from },
      to: { path: Object.values(LAYER), pathNot: [...belowAnyFile, exception.to] },
    });
  }
  return rules;
}

function describe(name) {
  const a = ALLOWED[name];
  const parts = a.layers.map((l) => `${LAYER[l].slice(1)}index.ts`);
  parts.push(...(a.entries ?? []).map((e) => e.slice(1, -1).replaceAll('\\', '')));
  if (name !== 'base') parts.push('src/base/index.ts');
  if (a.packages === 'browser') parts.push(`npm packages but ${NODE_SIDE_PACKAGES.join(', ')}`);
  else parts.push(...a.packages);
  if (a.node === true) parts.push('Node built-ins');
  if (a.node === 'type-only') parts.push('Node built-ins (types only)');
  return parts.length ? parts.join(', ') : 'nothing';
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: two modules that each need the other are one concept, or a seam is missing.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-product',
      comment: 'Product code never imports tests, test doubles or harnesses.',
      severity: 'error',
      from: { pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing (a typo, a missing package) would hide from every rule.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'bin-launches-cli',
      comment: 'bin/hcsctl.mjs only starts the command line (src/cli/main.ts) through tsx.',
      severity: 'error',
      from: { path: '^bin/' },
      to: { pathNot: ['^src/cli/main\\.ts$', '^node_modules/tsx/'], dependencyTypesNot: ['core'] },
    },
    ...Object.keys(LAYER).flatMap(layerRules),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|release|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
