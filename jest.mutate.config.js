// Jest config for mutation testing only (`npm run mutate`, see stryker.config.mjs); `npm test`
// uses jest.config.js. Same transform and timeouts, but only the in-process suites that exercise
// src/ against servers they start themselves. Left out: tests/package, tests/prism, tests/spec and
// tests/readme.test.ts spawn builds and child processes and never load src/ in-process; and
// tests/contract needs Prism, which would be restarted with every worker Stryker replaces after a
// time-out (the fault, client and unit suites cover the same code against local servers).
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
const config = {
  ...base,
  // readme-errors renders the error map (meanings, remedies, retry rules) against the README.
  testMatch: ["<rootDir>/tests/{client,wire,faults,unit,uploads,downloads}/**/*.test.ts", "<rootDir>/tests/readme-errors.test.ts"],
};
delete config.globalSetup;
delete config.globalTeardown;
module.exports = config;
