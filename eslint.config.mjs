// Lint: TypeScript's recommended rules, plus the module boundaries the architecture relies on.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.data/**', 'web/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `import x = require('dynalite/...')` is how the untyped dynalite internals are typed.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Subgraphs never import each other; shared code lives in @trading/platform.
    files: ['subgraphs/users/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@trading/inventory', '@trading/orders', '@trading/router', '../../*'] }] },
  },
  {
    files: ['subgraphs/inventory/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@trading/users', '@trading/orders', '@trading/router', '../../*'] }] },
  },
  {
    files: ['subgraphs/orders/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@trading/users', '@trading/inventory', '@trading/router', '../../*'] }] },
  },
  {
    // The router knows subgraphs only through the supergraph.
    files: ['router/**', 'packages/platform/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@trading/users', '@trading/inventory', '@trading/orders', '@trading/stack'] }] },
  },
);
