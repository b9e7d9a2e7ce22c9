// Loads src modules afresh inside the running test (one isolated module registry per call).
//
// Why: StrykerJS (`npm run mutate`, perTest coverage) credits a module's top-level code (the error
// tables, the id and credential patterns) only to tests that run it. Code run when a test file is
// first loaded counts as "static", and static mutants are ignored (ignoreStatic, see
// stryker.config.mjs). Loading in `beforeEach` makes the tests of that file the ones that cover,
// and can kill, those mutants. Everything a test compares by class must come from the same call.
export function fresh<T>(load: () => T): T {
  let loaded: { value: T } | undefined;
  jest.isolateModules(() => {
    loaded = { value: load() };
  });
  return loaded!.value;
}
