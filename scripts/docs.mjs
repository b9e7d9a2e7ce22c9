#!/usr/bin/env node
// npm run docs (and docs:check): the tables in the docs that are derived from code, written from
// that code, never pasted by hand. Each table sits between marker comments in a Markdown file:
//
//   <!-- generated:errors -->
//   | code | class | … |
//   <!-- /generated:errors -->
//
//   node scripts/docs.mjs               rewrite every table between its markers
//   node scripts/docs.mjs --check       write nothing; exit 1 naming each stale or missing table
//   node scripts/docs.mjs --root <dir>  the docs (README.md, CONTRIBUTING.md, CHANGELOG.md,
//                                       docs/*.md) and package.json of another folder (tests use a
//                                       copy); the code is always this repository's dist/
//
// Tables: `errors` (BUSINESS_CODES and HTTP_STATUSES of the error map), `upload-limits`
// (UPLOAD_LIMITS), `exit-codes` (the CLI's EXIT_CODES) and `scripts` (package.json "scripts", with
// the descriptions below: a script without one, or a description of a script that is gone, fails
// --check). The error map, the limits and the exit codes are loaded from the built dist/, built
// first when stale (scripts/lib/ensure-built.mjs).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./lib/ensure-built.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** One line per npm script, for the scripts table in CONTRIBUTING.md. */
const SCRIPT_DESCRIPTIONS = {
  generate:
    "validate `openapi/openapi.json`, apply `openapi/overlay.yaml`, rewrite `generated/` (the effective spec, types, runtime constants)",
  "generate:check": "exit 1 naming each file in `generated/` that differs from what `openapi/` produces (CI runs it)",
  "spec:pull":
    "rebuild `openapi/openapi.json` from MiniMax's published docs pages (or `--from` a folder or base URL), refresh `openapi/sources/pages/` and their record, and print the changes ([docs/spec-updates.md](docs/spec-updates.md))",
  "spec:diff":
    "what changed between two stored documents (default: the committed `openapi/openapi.json` and the working copy), each change rated for this package's users, with the semver bump, as Markdown for `CHANGELOG.md`",
  lint: "Biome's formatter check and linter on the whole tree (not `generated/` or `openapi/`), failing on any finding (`npm test` runs it)",
  format: "format the tree with Biome and apply its linter's safe fixes (run it before committing)",
  prepack:
    "`npm pack` and `npm publish` run it: the packed package.json loses its scripts and dev dependencies (clean-package), which cannot run in an installed package",
  postpack: "puts package.json back as it was after `npm pack` (clean-package restore)",
  "lint:spec": "Spectral and Redocly lint of the stored and the effective spec, failing on errors",
  build:
    'compile `src/` and `generated/` to `dist/` (CommonJS, with an ESM wrapper per entry point): what `import "minimax-files"` loads',
  prepare: "the build, run by npm on `npm ci`, `npm pack`, `npm publish` and git installs",
  typecheck: "`tsc --noEmit` over `src/`, `generated/` and `tests/` (including the type tests in `tests/types/`)",
  test: "the type check, then Jest: every suite, with one Prism started by the global setup; no network",
  "test:matrix": "`npm test` on each Node major given (`-- 22 24`, the default), with Node from npm's `node` package",
  "check:package":
    "the packed package as users get it: publint, attw, install into a new project, require/import, the README quick start as written, strict `tsc` (`nodenext`, `bundler`), the CLI's `--help`, publish dry-run, git install; about 1 min, needs the npm registry (CI runs it)",
  mock: "Prism on the effective spec for manual use (`-- --port <n> --host <h> --spec <file>`)",
  sandbox: "the stateful sandbox, a test double of MiniMax, for manual use (`-- --port <n> --key <k>`)",
  demo: "the client through all five operations against the sandbox, with validation verdicts; no key, no network",
  contract:
    "the contract suite (`tests/contract`) against Prism or any server but MiniMax's own (use `test:live` there; `-- --target <url> --key <k>`), with the coverage table; `-- --har <file>` keeps the traffic, the key masked",
  "test:ecosystem":
    "the packed package installed into one throwaway project per runtime (`ecosystem-tests/`: Node 20/22/24 ESM and CJS, TypeScript node16 and bundler, Bun, Deno), each running the same lifecycle against a sandbox; see docs/runtimes.md",
  drift:
    "recorded traffic (`-- <har file>`) judged against `generated/openapi.json` by `redocly drift` and the sandbox's validator (ids exact), calling no one",
  "test:live":
    "the contract suite against MiniMax (`MINIMAX_API_KEY=…`, `-- --region global|cn`, `--dry-run`), its fixtures deleted afterwards even on failure; without a key it runs nothing and exits 0",
  mutate: "StrykerJS mutation testing over `src/` (not in CI; see Mutation testing)",
  bench:
    "build, then the upload/download/small-call benchmark against curl and plain fetch (`-- --size <MiB> --calls <n>`; see docs/benchmarks.md)",
  docs: "rewrite the tables in the docs that are derived from code (errors, upload limits, exit codes, this scripts table)",
  "docs:check":
    "exit 1 naming each table in the docs that is stale or missing, or a script without a description (the tests run it)",
};

/** Where each table must appear at least once (it may appear in other docs files too). */
const HOMES = {
  errors: "docs/errors-and-retries.md",
  "upload-limits": "docs/uploads-and-downloads.md",
  "exit-codes": "docs/cli.md",
  scripts: "CONTRIBUTING.md",
};

// ---- arguments ----

const args = process.argv.slice(2);
let check = false;
let root = repo;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--check") check = true;
  else if (args[i] === "--root" && args[i + 1]) root = path.resolve(args[++i]);
  else {
    console.error(`docs: unknown argument ${args[i]} (--check, --root <dir>)`);
    process.exit(2);
  }
}

// ---- the code the tables come from ----

/** The first of `candidates` (paths under dist/) that exists, loaded. */
function loadDist(rel) {
  const file = path.join(repo, rel);
  if (!fs.existsSync(file)) throw new Error(`${rel} does not exist after the build`);
  return require(file);
}

const cell = (s) => String(s).replace(/\|/g, "\\|");

/** A Markdown table; `right` columns are right-aligned. An empty cell is written as `|  |`. */
function markdownTable(columns, rows) {
  const head = `| ${columns.map((c) => c.name).join(" | ")} |`;
  const rule = `| ${columns.map((c) => (c.right ? "---:" : "---")).join(" | ")} |`;
  return [head, rule, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

const RETRIED = { always: "yes", idempotent: "not uploads", never: "no" };

function renderErrors({ BUSINESS_CODES, HTTP_STATUSES, apiErrorFor }) {
  const details = {
    operation: "op",
    request: { method: "GET", url: "u" },
    traceId: undefined,
    retryAfter: undefined,
    body: undefined,
    statusMsg: undefined,
  };
  const rows = [
    ...Object.entries(HTTP_STATUSES).map(([status, info]) => [
      `HTTP ${status}`,
      apiErrorFor({ ...details, status: Number(status), statusCode: undefined }).name,
      info,
    ]),
    ...Object.entries(BUSINESS_CODES).map(([code, info]) => [
      code,
      apiErrorFor({ ...details, status: 200, statusCode: Number(code) }).name,
      info,
    ]),
  ];
  return markdownTable(
    [{ name: "code" }, { name: "class" }, { name: "meaning" }, { name: "retried" }, { name: "what to do" }],
    rows.map(([code, name, info]) => [code, `\`${name}\``, info.meaning, RETRIED[info.retry], info.remedy]),
  );
}

function renderUploadLimits({ UPLOAD_LIMITS }) {
  const MiB = 1024 * 1024;
  const size = (bytes) => (bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`);
  const limitOf = (limits) => {
    if (!limits.maxBytesByFormat) return limits.maxBytes === undefined ? "none documented" : size(limits.maxBytes);
    const groups = new Map(); // size → formats
    for (const [format, bytes] of Object.entries(limits.maxBytesByFormat))
      groups.set(bytes, [...(groups.get(bytes) ?? []), format]);
    return [...groups].map(([bytes, formats]) => `${size(bytes)} (${formats.join(", ")})`).join("; ");
  };
  return markdownTable(
    [{ name: "purpose" }, { name: "formats" }, { name: "size limit" }],
    Object.entries(UPLOAD_LIMITS).map(([purpose, limits]) => [
      `\`${purpose}\``,
      limits.formats.join(", "),
      limitOf(limits),
    ]),
  );
}

function renderExitCodes({ EXIT_CODES }) {
  return markdownTable(
    [{ name: "code", right: true }, { name: "kind" }, { name: "when" }, { name: "errors" }],
    [...EXIT_CODES].sort((a, b) => a.code - b.code).map((r) => [String(r.code), r.kind, r.when, r.errors]),
  );
}

function renderScripts(pkg, problems) {
  const scripts = pkg.scripts ?? {};
  for (const name of Object.keys(scripts))
    if (!SCRIPT_DESCRIPTIONS[name])
      problems.push(`package.json script "${name}" has no description in scripts/docs.mjs (SCRIPT_DESCRIPTIONS)`);
  for (const name of Object.keys(SCRIPT_DESCRIPTIONS))
    if (!(name in scripts)) problems.push(`scripts/docs.mjs describes "${name}", which package.json does not have`);
  return markdownTable(
    [{ name: "script" }, { name: "runs" }, { name: "does" }],
    Object.entries(scripts).map(([name, command]) => [
      `\`npm run ${name}\``,
      `\`${command}\``,
      SCRIPT_DESCRIPTIONS[name] ?? "**no description**",
    ]),
  );
}

// ---- the docs ----

/** The Markdown files that may hold tables, relative to `root`. */
function docFiles() {
  const files = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"].filter((f) => fs.existsSync(path.join(root, f)));
  const docs = path.join(root, "docs");
  if (fs.existsSync(docs))
    files.push(
      ...fs
        .readdirSync(docs)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => `docs/${f}`),
    );
  return files;
}

const MARKED = /<!-- generated:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/generated:\1 -->/g;

function main() {
  const problems = [];
  const files = docFiles();
  const found = new Map(); // table name → files it is in
  const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]));
  for (const [file, text] of texts)
    for (const m of text.matchAll(MARKED)) found.set(m[1], [...(found.get(m[1]) ?? []), file]);

  const unknown = [...found.keys()].filter((name) => !(name in HOMES));
  for (const name of unknown)
    problems.push(
      `${found.get(name).join(", ")}: unknown table "generated:${name}" (known: ${Object.keys(HOMES).join(", ")})`,
    );
  for (const [name, home] of Object.entries(HOMES)) {
    if (!(found.get(name) ?? []).includes(home))
      problems.push(`${home}: no <!-- generated:${name} --> … <!-- /generated:${name} --> markers`);
  }
  // Markers that do not pair up (a start without its end) would leave a table unchecked.
  for (const [file, text] of texts) {
    const starts = [...text.matchAll(/<!-- generated:([a-z0-9-]+) -->/g)].length;
    const ends = [...text.matchAll(/<!-- \/generated:([a-z0-9-]+) -->/g)].length;
    const pairs = [...text.matchAll(MARKED)].length;
    if (starts !== pairs || ends !== pairs) problems.push(`${file}: a generated: marker without its pair`);
  }

  ensureBuilt();
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  // Each table's module, as built into dist/.
  const rendered = {
    errors: () => renderErrors(loadDist("dist/src/errors/error-map.js")),
    "upload-limits": () => renderUploadLimits(loadDist("dist/src/transfer/upload-limits.js")),
    "exit-codes": () => renderExitCodes(loadDist("dist/src/cli/exit-codes.js")),
    scripts: () => renderScripts(pkg, problems),
  };
  const tables = Object.fromEntries([...found.keys()].filter((n) => n in rendered).map((n) => [n, rendered[n]()]));

  const stale = [];
  for (const [file, text] of texts) {
    const names = [...text.matchAll(MARKED)]
      .filter((m) => m[1] in tables && m[2] !== `${tables[m[1]]}\n`)
      .map((m) => m[1]);
    if (!names.length) continue;
    stale.push(...names.map((name) => ({ file, name })));
    if (!check)
      fs.writeFileSync(
        path.join(root, file),
        text.replace(MARKED, (whole, name) =>
          name in tables ? `<!-- generated:${name} -->\n${tables[name]}\n<!-- /generated:${name} -->` : whole,
        ),
      );
  }

  if (check) {
    const all = [
      ...problems,
      ...stale.map(({ file, name }) => `${file}: the ${name} table is stale: run npm run docs`),
    ];
    for (const p of all) console.error(`docs: ${p}`);
    if (all.length) process.exit(1);
    console.log(`docs: every table is up to date (${[...found.keys()].join(", ")})`);
    return;
  }
  for (const { file, name } of stale) console.log(`docs: wrote the ${name} table in ${file}`);
  for (const p of problems) console.error(`docs: ${p}`);
  if (problems.length) process.exit(1);
  if (!stale.length) console.log("docs: every table was up to date");
}

main();
