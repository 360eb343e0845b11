import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/', 'dist/', 'coverage/', 'web/dist/', 'web/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: it must not reach Node modules or wall-clock time. A kind's
    // workflow, forms and ladders run in the workflow sandbox too.
    files: ['workflows/**/*.ts', 'processes/*/workflow.ts', 'processes/*/forms.ts', 'processes/*/ladders.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'], message: 'Workflow code must be deterministic: no Node modules.' },
          { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '../activities/*', '../activities', '../../activities'], message: 'Workflows reach activities only through proxyActivities with a type import.', allowTypeImports: true },
        ],
      }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the workflow clock (Date inside workflows is deterministic, but say so explicitly with workflowNow()).' }],
    },
  },
);
