// ESLint flat config. Run through `npm run lint` (which passes `-c`), so globs are
// relative to the repository root.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The architecture's arrows (docs/architecture.md): everything may import `shared`; nothing else crosses. */
const PARTS = ['shared', 'plugin', 'reconciler', 'cluster', 'dev-console'];
const mayImport = {
  shared: [],
  plugin: ['shared'],
  reconciler: ['shared'],
  cluster: ['shared'],
  'dev-console': ['shared'],
};
const boundaryZones = PARTS.flatMap((part) =>
  PARTS.filter((other) => other !== part && !mayImport[part].includes(other)).map((other) => ({
    target: `./src/${part}`,
    from: `./src/${other}`,
    message: `src/${part} must not import src/${other} (see docs/architecture.md).`,
  })),
);

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.local/',
      'integration-tests/results/',
      'charts/',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname + '/..' },
      globals: { ...globals.node },
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-named-as-default-member': 'off',
      'import-x/order': [
        'error',
        { groups: ['builtin', 'external', 'parent', 'sibling', 'index'] },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/plugin/**/*.{ts,tsx}', 'src/dev-console/**/*.{ts,tsx}'],
    plugins: { react },
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      'react/no-danger': 'error',
      'react/prop-types': 'off',
    },
  },
  reactHooks.configs.flat['recommended-latest'],
  {
    // src/shared runs everywhere: in the browser, the reconciler and the local cluster.
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'react/*', '@patternfly/*', '@openshift-console/*'],
              message: 'src/shared is pure TypeScript: no UI libraries.',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'http',
                'https',
                'child_process',
                'crypto',
                'url',
                'util',
                'events',
                'stream',
                'zlib',
                '@kubernetes/*',
              ],
              message: 'src/shared is pure TypeScript: no Node APIs or server clients.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every user-visible string in the plugin goes through t().
    files: ['src/plugin/**/*.tsx'],
    ignores: ['src/plugin/**/*.spec.tsx', 'src/plugin/testing/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'title',
              'aria-label',
              'placeholder',
              'alt',
              'label',
              'helperText',
              'titleText',
            ],
          },
        },
      ],
    },
  },
  {
    // Plain JavaScript tool scripts are outside the TypeScript project.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  {
    // Benchmarks are command-line reports.
    files: ['integration-tests/bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.{ts,tsx}', 'src/plugin/testing/**', 'integration-tests/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
