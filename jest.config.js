/** Unit, workflow and integration tests live beside the code they test and under test/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // jose ships only ES modules; jest loads CommonJS, so it is compiled like our own code.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/.tools/'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
