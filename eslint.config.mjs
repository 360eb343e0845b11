import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapters = ['api', 'cli', 'intake', 'notifier', 'records', 'workers', 'runtime', 'demo', 'web', 'test'];
const noKind = { group: ['**/processes', '**/processes/*', '**/processes/**'], message: 'The engine imports no kind: a kind imports the engine (docs/architecture.md).' };
const noAdapter = {
  // A package whose name ends like a folder here (@opentelemetry/api) is not that folder.
  group: [...adapters.flatMap((a) => [`**/${a}`, `**/${a}/*`, `**/${a}/**`]), '!@opentelemetry/api'],
  message: 'The engine and the kinds import no adapter: a kind declares its actions and reports in its definition, and the adapters serve them.',
};
const deterministic = [
  { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'], message: 'Workflow code must be deterministic: no Node modules.' },
  { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '../activities/*', '../activities', '../../activities', '../../activities/*', './activities'], message: 'Workflows reach activities only through proxyActivities with a type import.', allowTypeImports: true },
];
const noDateNow = ['error', { object: 'Date', property: 'now', message: 'Use the workflow clock (Date inside workflows is deterministic, but say so explicitly with workflowNow()).' }];

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
    // The engine (workflows/, activities/, contracts/, calendar/) is a library: it names no kind
    // and reaches no adapter, so a kind imports it and never the reverse.
    files: ['activities/**/*.ts', 'contracts/**/*.ts', 'calendar/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noKind, noAdapter] }] },
  },
  {
    // A kind imports the engine, never an adapter: what it adds is declared in its definition
    // and served by the adapters generically.
    files: ['processes/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAdapter] }] },
  },
  {
    // Workflow code is replayed: it must not reach Node modules or wall-clock time. The engine's
    // workflows/ is also the engine: no kind, no adapter.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...deterministic, noKind, noAdapter] }],
      'no-restricted-properties': noDateNow,
    },
  },
  {
    // A kind's workflow (and its helper modules workflow-*.ts), forms and ladders run in the workflow sandbox too.
    files: ['processes/*/workflow.ts', 'processes/*/workflow-*.ts', 'processes/*/forms.ts', 'processes/*/ladders.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...deterministic, noAdapter] }],
      'no-restricted-properties': noDateNow,
    },
  },
);
