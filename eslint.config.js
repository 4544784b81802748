import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'var', 'data', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Kysely handles are deliberately `Kysely<any>` at module seams (see platform/db).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The environment is read in one place (docs/architecture.md#where-state-lives): the product
    // code takes its settings from `Config`; tests, benchmarks and scripts may set up their own.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/platform/config.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through src/server/platform/config.ts (loadConfig / Config).',
        },
      ],
    },
  },
  {
    files: ['bench/**', 'scripts/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
