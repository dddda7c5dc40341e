// One lint setup for the whole tree; each workspace runs `eslint .` and finds this file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/dist/**', 'editor/src/generated/**', '**/node_modules/**', '**/.tools/**', '**/data/**', '**/test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Workflow code is replayed by Temporal and must be deterministic: no I/O, no Node built-ins.
    // Node definitions run inside the workflow bundle too (the `nodes` package root entry).
    files: ['workers/src/workflows/**/*.ts', 'workers/src/workflows.ts', 'nodes/src/**/*.ts', 'schemas/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'nodes/src/**/activities.ts', 'nodes/src/**/editor.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow-safe code cannot use Node built-ins.' })),
        },
      ],
    },
  },
);
