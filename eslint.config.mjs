// Lint: TypeScript's recommended rules, plus the module boundaries the architecture relies on.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.data/**', 'web/dist/**', 'web/src/gql/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `import x = require('dynalite/...')` is how the untyped dynalite internals are typed.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Subgraphs never import each other; shared code lives in @trading/platform (and the money rules in @trading/ledger).
    files: ['subgraphs/users/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@trading/inventory', '@trading/orders', '@trading/router', '@trading/stack', '../../*'] }],
    },
  },
  {
    files: ['subgraphs/inventory/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@trading/users', '@trading/orders', '@trading/router', '@trading/stack', '../../*'] }],
    },
  },
  {
    files: ['subgraphs/orders/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@trading/users', '@trading/inventory', '@trading/router', '@trading/stack', '../../*'] }],
    },
  },
  {
    // The router knows subgraphs only through the supergraph, and moves no money; the platform is the floor below
    // everything (the ledger stands on it, not the other way round).
    files: ['router/**', 'packages/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@trading/users', '@trading/inventory', '@trading/orders', '@trading/stack', '@trading/ledger'] },
      ],
    },
  },
  {
    // The money rules serve the subgraphs that move money; they know nothing of any service.
    files: ['packages/ledger/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@trading/users', '@trading/inventory', '@trading/orders', '@trading/router', '@trading/stack'] },
      ],
    },
  },
  {
    // The web app runs in browsers (its vite config and scripts in Node), follows the rules of hooks, and never
    // imports server code: it knows the platform only through the GraphQL API.
    files: ['web/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['@trading/*', '../../../*'] }],
    },
  },
  {
    files: ['web/vite.config.ts', 'web/scripts/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
