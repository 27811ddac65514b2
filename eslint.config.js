import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The core must stay runnable in Node, in the worker and under Vitest: no React, no store, no DOM.
const coreWall = {
  patterns: [
    {
      group: [
        'react',
        'react-dom',
        'react-dom/*',
        'recharts',
        'zustand',
        'zustand/*',
        '@tensorflow/tfjs-vis',
      ],
      message: 'src/core is pure TypeScript: no React, store or charts (see STYLE.md).',
    },
    {
      group: ['**/ui/**', '**/store/**', '**/worker/**', '**/cli/**'],
      message: 'src/core must not import the app layers that sit on top of it.',
    },
  ],
};

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
      'no-restricted-imports': ['error', coreWall],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/core has no window.' },
        { name: 'document', message: 'src/core has no document.' },
      ],
    },
  },
);
