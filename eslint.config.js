import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The walls between layers (docs/ARCHITECTURE.md draws them). Each layer lists what it must not import; a flat-config
// rule replaces rather than merges, so every block below names its whole list.

const tests = ['**/*.test.ts', '**/*.test.tsx'];

const testHelpers = {
  group: ['**/test/*'],
  message: 'src/test holds test helpers: only tests import them.',
};

// The core must stay runnable in Node, in the worker and under Vitest: no React, no store, no DOM.
const coreIsPureForTests = [
  {
    group: ['react', 'react-dom', 'react-dom/*', 'recharts', 'zustand', 'zustand/*', '@tensorflow/tfjs-vis'],
    message: 'src/core is pure TypeScript: no React, store or charts (see STYLE.md).',
  },
  {
    group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**'],
    message: 'src/core must not import the app layers that sit on top of it.',
  },
];
const coreIsPure = [...coreIsPureForTests, testHelpers];

// Outside the core, each core module is reached through its index.ts.
const coreEntryPoints = {
  group: ['**/core/*/*', '!**/core/*/index'],
  message: 'Import the core through its entry point (src/core/<module>/index.ts), not its inner files.',
};

const noUi = { group: ['**/ui/**'], message: 'Only the UI imports the UI.' };
const noStore = {
  group: ['**/store', '**/store/**'],
  message: 'Only the UI and the store import the store.',
};
const noCli = { group: ['**/cli/**'], message: 'Only the CLI imports the CLI.' };
const workerSide = (who) => ({
  group: ['**/worker/host/**', '**/worker/storage/**', '**/lab.worker*', '**/worker/inProcessClient'],
  message: `${who} does not reach into the worker's own side (host, storage).`,
});
const noClient = (who) => ({
  group: ['**/worker/client', '**/worker/client/**'],
  message: `${who} does not use the page's worker client.`,
});

/**
 * One block per layer, for its production files: `@typescript-eslint/no-restricted-imports` so a pattern may allow
 * type-only imports. Tests may reach further (an in-process worker, the CLI, the helpers in src/test).
 */
const wall = (files, patterns, ignores = tests) => ({
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'playwright-report', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core has no window.' },
        { name: 'document', message: 'src/core has no document.' },
      ],
    },
  },
  wall(['src/core/**/*.ts'], coreIsPure),
  wall(['src/core/**/*.test.ts'], coreIsPureForTests, []),
  wall(['src/{ui,store,worker,cli}/**/*.test.{ts,tsx}', 'src/test/**/*.ts'], [coreEntryPoints], []),
  // The UI reaches the worker only through store actions; it may use the protocol's types.
  wall(
    ['src/ui/**/*.{ts,tsx}'],
    [
      coreEntryPoints,
      noCli,
      workerSide('The UI'),
      noClient('The UI (through store actions only)'),
      {
        group: ['**/worker/protocol', '**/worker/protocol/**'],
        allowTypeImports: true,
        message: 'The UI uses the worker protocol for its types only; behaviour lives in the store.',
      },
    ],
  ),
  wall(['src/store/**/*.ts'], [coreEntryPoints, noUi, noCli, workerSide('The store')]),
  wall(
    ['src/worker/protocol/**/*.ts'],
    [coreEntryPoints, noUi, noStore, noCli, workerSide('The protocol'), noClient('The protocol')],
  ),
  wall(['src/worker/client/**/*.ts'], [coreEntryPoints, noUi, noStore, noCli, workerSide('The client')]),
  wall(['src/worker/host/**/*.ts'], [coreEntryPoints, noUi, noStore, noCli, noClient('The worker side')]),
  wall(
    ['src/worker/storage/**/*.ts'],
    [
      coreEntryPoints,
      noUi,
      noStore,
      noCli,
      noClient('Storage'),
      { group: ['**/worker/host/**'], message: 'Storage sits below the worker host: it must not import it.' },
    ],
  ),
  wall(['src/worker/*.ts'], [coreEntryPoints, noUi, noStore, noCli]),
  wall(
    ['src/cli/**/*.ts'],
    [
      coreEntryPoints,
      noUi,
      noStore,
      { group: ['**/worker/**'], message: 'The CLI runs the core directly, not the worker.' },
    ],
  ),
  // Production files never import test helpers (tests are excluded from these blocks' file lists below).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...tests, 'src/test/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testHelpers] }] },
  },
);
