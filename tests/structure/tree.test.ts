// The shape of the source tree, as CONTRIBUTING.md describes it: every module has its unit test
// at the mirrored path (tests/unit/<path>.test.ts) or a written reason why not; no unit test
// without its module; no file over the size limit; no import cycle (madge, type imports
// included); and no reference to a path outside the repository.
import fs from "node:fs";
import path from "node:path";
import madge from "madge";
import { ROOT } from "../helpers/spec";

/** Modules with no unit test file of their own, each with the reason. */
const NO_UNIT_TEST: Readonly<Record<string, string>> = {
  "src/core/method-params.ts":
    "types only (method parameters and options); checked by tsc and tests/types/client.types.ts",
  "src/errors/index.ts": "re-exports only",
  "src/sandbox/hooks.ts":
    "types only (the test hooks); used by tests/sandbox/contract-target.test.ts and tests/unit/sandbox/reply.test.ts",
  "src/sandbox/constants.ts":
    "two constants; FIRST_FILE_ID is asserted by tests/unit/sandbox/store.test.ts, DEFAULT_SANDBOX_KEY by tests/unit/sandbox/index.test.ts",
  "src/errors/config-error.ts":
    "one small class (name, option); name, is(), toJSON and remedy are asserted for every class in tests/unit/errors/minimax-error.test.ts",
  "src/errors/input-error.ts":
    "one small class (name, input); asserted for every class in tests/unit/errors/minimax-error.test.ts",
  "src/errors/connection-error.ts":
    "one small class; its message and requestSent in tests/unit/errors/request-error.test.ts, minimax-error.test.ts and tests/unit/http/transport-error.test.ts",
  "src/errors/timeout-error.ts":
    "one small class; its message in tests/unit/errors/request-error.test.ts, its use in tests/unit/core/deadline.test.ts",
  "src/errors/abort-error.ts":
    "one small class; its message in tests/unit/errors/request-error.test.ts, its use in tests/unit/core/deadline.test.ts",
  "src/errors/response-error.ts":
    "one small class; its message in tests/unit/errors/minimax-error.test.ts (error records)",
  "src/errors/api-error-kinds.ts":
    "nine empty subclasses; which failure gets which is tests/unit/errors/error-map.test.ts",
  "src/spec/values.ts":
    "re-exports generated constants; checked against the spec by tests/spec/generate.test.ts and at compile time (SpecValuesMatchTypes)",
  "src/cli/bin.ts": "the executable's entry (a few lines); every CLI test in tests/cli/ runs it built, as shipped",
  "src/cli/args.ts": "the command line as commander parses it; tested through the built bin in tests/cli/usage.test.ts",
  "src/cli/help-text.ts":
    "static help text; its facts are checked against the docs and the exit-code table through the built bin in tests/cli/usage.test.ts and tests/docs/cli.test.ts",
  "src/cli/command-context.ts": "types only (what every command is given)",
  "src/cli/upload-command.ts":
    "the upload command; tested through the built bin against the sandbox in tests/cli/commands.test.ts and tests/uploads/run-again.test.ts",
  "src/cli/commands.ts":
    "one function per command; tested through the built bin against the sandbox in tests/cli/commands.test.ts and tests/cli/capture.test.ts",
  "src/cli/exit-codes.ts":
    "a table; each row is exercised through the built bin in tests/cli/usage.test.ts and tests/cli/commands.test.ts, and the docs table is checked in tests/docs/",
  "src/cli/interrupted.ts": "signal handling; tested by signalling the built bin in tests/cli/interrupt.test.ts",
  "src/cli/output.ts":
    "human and --json output; tested through the built bin in tests/cli/commands.test.ts and tests/cli/capture.test.ts",
  "src/cli/progress.ts": "progress bars on a TTY; tested in a real terminal (tmux) in tests/cli/progress-tty.test.ts",
  "src/cli/run.ts": "the CLI's main; tested through the built bin in tests/cli/usage.test.ts",
  "src/cli/session.ts":
    "client set-up from flags and environment; tested through the built bin in tests/cli/usage.test.ts and tests/cli/mock.test.ts",
  "src/cli/usage-error.ts":
    "one small class; its exit code is asserted through the built bin in tests/cli/usage.test.ts",
  "src/cli/version.ts": "reads package.json; --version is asserted through the built bin in tests/cli/usage.test.ts",
};

/** The longest a source file may be, in lines (CONTRIBUTING.md, "Shape"). */
const MAX_LINES = 250;

/** Files allowed to be longer, each with its reason; CONTRIBUTING.md ("Shape") lists the same. */
const LONG_FILES: Readonly<Record<string, string>> = {
  "src/client.ts": "the public class: one documented method per operation, each a Call for the pipeline",
  "src/errors/error-map.ts": "behaviour as data: every documented code and status in one table",
  "src/transfer/upload-source.ts": "every kind of upload input as one FileSource, side by side so the kinds stay alike",
  "src/sandbox/validator/exchange-checks.ts":
    "the checks of one exchange against the spec, request and response, in the order they are judged",
};

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

const modules = filesUnder("src", /\.ts$/);
const unitTestOf = (module: string) => module.replace(/^src\//, "tests/unit/").replace(/\.ts$/, ".test.ts");

it("every module has its unit test file at the mirrored path, or a reason in NO_UNIT_TEST", () => {
  const missing = modules.filter((m) => !fs.existsSync(path.join(ROOT, unitTestOf(m))) && !(m in NO_UNIT_TEST));
  expect(missing).toEqual([]);
});

it("NO_UNIT_TEST names only modules that exist and have no unit test file", () => {
  const stale = Object.keys(NO_UNIT_TEST).filter(
    (m) => !modules.includes(m) || fs.existsSync(path.join(ROOT, unitTestOf(m))),
  );
  expect(stale).toEqual([]);
});

it("every file in tests/unit/ is the unit test of a module (or a fixture it reads)", () => {
  const orphans = filesUnder("tests/unit", /\.test\.ts$/).filter((t) => !modules.some((m) => unitTestOf(m) === t));
  expect(orphans).toEqual([]);
});

it(`no source file is longer than ${MAX_LINES} lines`, () => {
  const long = modules
    .map((m) => [m, fs.readFileSync(path.join(ROOT, m), "utf8").split("\n").length - 1] as const)
    .filter(([m, lines]) => lines > MAX_LINES && !(m in LONG_FILES));
  expect(long).toEqual([]);
});

it("LONG_FILES names only files that are longer than the limit, and CONTRIBUTING.md names each", () => {
  const contributing = fs.readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8");
  const stale = Object.keys(LONG_FILES).filter(
    (m) =>
      !fs.existsSync(path.join(ROOT, m)) ||
      fs.readFileSync(path.join(ROOT, m), "utf8").split("\n").length - 1 <= MAX_LINES,
  );
  expect({ stale, unlisted: Object.keys(LONG_FILES).filter((m) => !contributing.includes(`\`${m}\``)) }).toEqual({
    stale: [],
    unlisted: [],
  });
});

it("src/ has no import cycle (type imports included)", async () => {
  const graph = await madge(path.join(ROOT, "src"), {
    fileExtensions: ["ts"],
    tsConfig: path.join(ROOT, "tsconfig.json"),
    detectiveOptions: { ts: { skipTypeImports: false } },
  });
  expect(graph.circular()).toEqual([]);
});

it("nothing cites a path outside the repository", () => {
  // Built from parts so that this file does not match itself.
  const outside = ["..", "shared", "reference"].join("/");
  const tracked = [
    ...filesUnder("src", /\.ts$/),
    ...filesUnder("tests", /\.(ts|mjs|cjs)$/),
    ...filesUnder("scripts", /\.(mjs|cjs|sh)$/),
    ...filesUnder("openapi", /\.(md|yaml|json)$/),
  ];
  const docs = [
    "README.md",
    "CONTRIBUTING.md",
    "CHANGELOG.md",
    ...(fs.existsSync(path.join(ROOT, "docs")) ? filesUnder("docs", /\.md$/) : []),
  ].filter((f) => fs.existsSync(path.join(ROOT, f)));
  const citing = [...tracked, ...docs].filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes(outside));
  expect(citing).toEqual([]);
});

it("the suites mutation testing runs need no build (Stryker's sandbox has no dist/)", () => {
  const config = require(path.join(ROOT, "jest.mutate.config.js")) as {
    testMatch: string[];
    testPathIgnorePatterns: string[];
  };
  // Jest's own glob matcher, so the files are those Jest would run.
  const micromatch = require("micromatch") as { isMatch(file: string, patterns: string[]): boolean };
  const toRoot = (pattern: string) => pattern.replace("<rootDir>", ROOT);
  const ignored = config.testPathIgnorePatterns.map((p) => new RegExp(toRoot(p)));
  const run = filesUnder("tests", /\.test\.ts$/)
    .map((file) => path.join(ROOT, file))
    .filter((file) => micromatch.isMatch(file, config.testMatch.map(toRoot)) && !ignored.some((p) => p.test(file)));
  expect(run.length).toBeGreaterThan(50);
  const needBuild = run.filter((file) => /\bassertBuilt\(/.test(fs.readFileSync(file, "utf8")));
  expect(needBuild.map((file) => path.relative(ROOT, file))).toEqual([]);
});
