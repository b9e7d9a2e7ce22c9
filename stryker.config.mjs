// @ts-check
// Mutation testing with StrykerJS: `npm run mutate` (not part of `npm test` or CI).
// Reports: reports/mutation/mutation.html and mutation.json; reruns are incremental
// (reports/stryker-incremental.json): only mutants in changed code, or covered by changed tests,
// are run again. Delete that file, or run `npm run mutate -- --force`, for a full run.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: "npm",
  // The client's code. The sandbox (src/sandbox/) is a test double with its own suite
  // (tests/sandbox, run by `npm test`), not code the client runs. The CLI (src/cli/) is tested as
  // shipped, the built bin run as a child process (tests/cli), which Stryker's in-process coverage
  // cannot see: every CLI mutant would count as not covered.
  mutate: ["src/**/*.ts", "!src/sandbox/**", "!src/cli/**"],

  testRunner: "jest",
  jest: {
    projectType: "custom",
    // Only the in-process suites that exercise src/, Prism started once per worker; see the file.
    configFile: "jest.mutate.config.js",
    enableFindRelatedTests: true,
  },
  // Each mutant runs only the tests that covered it in the initial (dry) run.
  coverageAnalysis: "perTest",
  // Static mutants (module top-level code run only while a test file loads) would each need the
  // whole suite. The top-level code that matters (the error tables, the id and credential
  // patterns, the result checks, the not-sent error codes) is instead loaded inside the tests that
  // guard it (tests/helpers/fresh.ts), so those tests cover and kill its mutants.
  ignoreStatic: true,

  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",

  // Mutants that do not type-check are dropped before any test runs (CompileError, not counted in
  // the score); only src/ and generated/ are compiled (tsconfig.build.json), which keeps it fast.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.build.json",
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },

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
