// Lint rules that catch real bugs; formatting is prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Tests, benchmarks and scripts send traffic only to loopback (or into a network namespace they make): the
 * machine's own interface addresses are never a target. Reading them at all is how such traffic starts, so
 * any use of `networkInterfaces` there is an error (scripts/lint-rules.test.ts shows it fires).
 */
const NO_INTERFACE_ADDRESSES =
  "Tests, benchmarks and scripts connect only to loopback (127.0.0.1, ::1) or to an address in a network namespace they create (test/helpers/netns.ts), never to this machine's interface addresses: do not read networkInterfaces().";
const interfaceAddressSelectors = [
  "ImportSpecifier[imported.name='networkInterfaces']",
  "MemberExpression[property.name='networkInterfaces']",
  "MemberExpression[property.value='networkInterfaces']",
  "ObjectPattern > Property[key.name='networkInterfaces']",
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/*.spec.ts', 'test/**', 'bench/**', 'scripts/**', 'e2e/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...interfaceAddressSelectors.map((selector) => ({ selector, message: NO_INTERFACE_ADDRESSES })),
      ],
    },
  },
);
