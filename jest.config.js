/** Unit, workflow and integration tests live beside the code they test and under test/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/.tools/'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
