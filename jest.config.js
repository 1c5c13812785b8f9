// One jest run for every workspace: TypeScript through SWC in CommonJS mode (a .ts config would need ts-node on Node 20).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/router', '<rootDir>/schema'],
  testMatch: ['**/test/**/*.test.ts'],
  setupFiles: ['<rootDir>/jest.setup.js'],
  testTimeout: 30_000,
  // The end-to-end suites start servers; two cores run two files at a time well.
  maxWorkers: 2,
};
