/** Unit, workflow and integration tests live beside the code they test and under test/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // jose, cookie (light-my-request's, behind app.inject), openid-client and its oauth4webapi ship
  // only ES modules; jest loads CommonJS, so they are compiled like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(jose|cookie|openid-client|oauth4webapi)/)'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/', '/.tools/'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
