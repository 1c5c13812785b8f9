// One jest run for every workspace: TypeScript through SWC in CommonJS mode (a .ts config would need ts-node on Node 20).
// Two projects: the backend (Node, real servers in the end-to-end suites) and the web app's component tests (jsdom).
/** @type {import('jest').Config} */
module.exports = {
  // The end-to-end suites start servers; two cores run two files at a time well.
  maxWorkers: 2,
  // Jest reads testTimeout from the root config only (the projects' own were ignored: hooks timed out at 5 s when the
  // machine was busy); the slowest backend hooks start a whole stack.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
      },
      roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/router', '<rootDir>/stack', '<rootDir>/schema', '<rootDir>/deploy'],
      testMatch: ['**/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/jest.setup.js'],
    },
    {
      displayName: 'web',
      testEnvironment: 'jsdom',
      transform: {
        '^.+\\.tsx?$': [
          '@swc/jest',
          {
            jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } },
            module: { type: 'commonjs' },
          },
        ],
      },
      roots: ['<rootDir>/web'],
      testMatch: ['**/web/src/**/*.test.ts', '**/web/src/**/*.test.tsx'],
      setupFiles: ['<rootDir>/web/test/setup-globals.ts'],
      setupFilesAfterEnv: ['<rootDir>/web/test/setup-dom.ts'],
      moduleNameMapper: {
        '\\.css$': '<rootDir>/web/test/style-stub.ts',
        '^lightweight-charts$': '<rootDir>/web/test/lightweight-charts-stub.ts',
      },
    },
  ],
};
