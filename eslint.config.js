// Layering is enforced here, not by goodwill: only the three Electron adapters may import 'electron',
// the engine and shared code never reach into the UI, and the renderer sees nothing but shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [{ name: 'electron', message: 'Only electron/main.ts, preload.ts and ipc.ts may import electron.' }],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'models/use-lite/**',
      'test-results/**',
      'playwright-report/**',
      'bench/out/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['electron/engine/**', 'shared/**', 'electron/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: ['**/renderer/**', '../main*', '../ipc*', '../preload*'],
              message: 'The engine and shared code stay below the UI layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**', 'node:*'],
              message: 'shared/ is pure: it runs in the renderer too.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: ['**/electron/**', 'node:*'],
              message: 'The renderer talks only to window.shelfscope and imports only shared/.',
            },
          ],
        },
      ],
    },
  },
);
