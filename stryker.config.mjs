// @ts-check
// Mutation testing with StrykerJS: `npm run mutate` (not part of `npm test` or CI).
// Reports: reports/mutation/mutation.html and mutation.json; reruns are incremental
// (reports/stryker-incremental.json): only mutants in changed code, or covered by changed tests,
// are run again. Delete that file, or run `npm run mutate -- --force`, for a full run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: "npm",
  mutate: ["src/**/*.ts"],

  testRunner: "jest",
  jest: {
    projectType: "custom",
    // Only the in-process suites that exercise src/, Prism started once per worker; see the file.
    configFile: "jest.mutate.config.js",
    enableFindRelatedTests: true,
  },
  // Each mutant runs only the tests that covered it in the initial (dry) run.
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants such as the error tables) would each need the whole
  // suite; on 2 cores that doubles the run. The tables are pinned by tests/readme-errors.test.ts
  // (every meaning, remedy and retry rule rendered against the README) and the property tests.
  ignoreStatic: true,

  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",

  // No type-checker here. Measured on this 2-core machine: with @stryker-mutator/typescript-checker
  // and static mutants, 43 min for 1602 mutants; without the checker, with ignoreStatic and
  // timeoutMS 1000, see the README's Development section. (A measurement with the checker AND
  // ignoreStatic projected ~32 min: worth trying, with a tsconfig covering only src/ and generated/.)
  // 2 cores, 2 test runners.
  concurrency: 2,
  // A mutant's budget is timeoutMS + timeoutFactor × the covering tests' time in the dry run.
  timeoutMS: 1000,
  timeoutFactor: 1.5,
  dryRunTimeoutMinutes: 5,

  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 80, low: 60, break: null },

  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // Not needed in the sandbox that Stryker copies the project into.
  ignorePatterns: ["dist", "coverage", "reports", ".ci"],
};
export default config;
