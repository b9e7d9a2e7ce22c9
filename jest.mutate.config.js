// Jest config for mutation testing only (`npm run mutate`, see stryker.config.mjs); `npm test`
// uses jest.config.js. Same transform and timeouts, but only the in-process suites that exercise
// src/ against servers they start themselves. Left out: tests/package, tests/prism, tests/spec,
// tests/cli, tests/demo and most of tests/docs spawn builds and child processes and never load
// src/ in-process; tests/sandbox and tests/unit/sandbox test the sandbox, which is not mutated;
// tests/contract needs Prism, which would be restarted with every worker Stryker replaces after a
// time-out (the unit, failure and upload suites cover the same code against local servers).
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
const config = {
  ...base,
  // docs/errors-table renders the error map (meanings, remedies, retry rules) against the docs.
  testMatch: ["<rootDir>/tests/{unit,failures,uploads,ids}/**/*.test.ts", "<rootDir>/tests/docs/errors-table.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/unit/(sandbox|cli)/"],
  // src/ among the roots: for each mutant Stryker runs the tests Jest relates to the mutated file
  // (enableFindRelatedTests), and Jest follows imports only through the files under its roots.
  roots: ["<rootDir>/tests", "<rootDir>/src"],
};
delete config.globalSetup;
delete config.globalTeardown;
module.exports = config;
