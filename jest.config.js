/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  // Type-checking is `tsc --noEmit` (npm test runs it first); ts-jest only transpiles.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // One Prism for the whole run, started from generated/openapi.json and stopped afterwards.
  globalSetup: "<rootDir>/tests/setup/global-setup.mjs",
  globalTeardown: "<rootDir>/tests/setup/global-teardown.mjs",
  testTimeout: 60_000,
  // After Jest's own output: the contract suite's operation × check table (tests/contract/operations.test.ts writes it).
  reporters: [
    "default",
    "<rootDir>/tests/setup/contract-coverage-reporter.cjs",
    // `npm run contract -- --har <file>`: the exchanges as one HAR file.
    "<rootDir>/tests/setup/har-reporter.cjs",
  ],
};
