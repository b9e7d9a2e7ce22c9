// Jest config for mutation testing only (`npm run mutate`, see stryker.config.mjs); `npm test`
// uses jest.config.js. Same transform and timeouts, but only the in-process suites that exercise
// src/: tests/package, tests/prism, tests/spec and tests/readme.test.ts spawn builds and child
// processes and never load src/ in-process, so they cannot kill a mutant.
const base = require("./jest.config.js");

// StrykerJS sets STRYKER_MUTATOR_WORKER in its worker processes. There it calls Jest once per
// mutant, and Jest runs globalSetup/globalTeardown every time: mutate-global-setup.mjs starts
// Prism (for tests/contract) once per worker and keeps it until the worker ends. Outside Stryker
// (`npx jest -c jest.mutate.config.js`) the usual per-run setup/teardown applies.
const underStryker = Boolean(process.env.STRYKER_MUTATOR_WORKER);

/** @type {import('jest').Config} */
const config = {
  ...base,
  testMatch: ["<rootDir>/tests/{client,wire,faults,unit,contract}/**/*.test.ts"],
};
if (underStryker) {
  config.globalSetup = "<rootDir>/tests/setup/mutate-global-setup.mjs";
  delete config.globalTeardown;
}
module.exports = config;
