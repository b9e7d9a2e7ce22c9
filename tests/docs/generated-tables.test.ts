// The tables derived from code (errors, upload limits, exit codes, npm scripts) are written into the
// docs by scripts/docs.mjs and never pasted by hand: `npm run docs:check` must pass on the tree,
// and must fail, naming the file and the table, when a table no longer matches its code. The
// failures are shown on a copy of the docs (--root), never on the working tree.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode, type RunResult } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

const SCRIPT = path.join(ROOT, "scripts/docs.mjs");
const TABLES = [
  { name: "errors", file: "docs/errors-and-retries.md" },
  { name: "upload-limits", file: "docs/uploads-and-downloads.md" },
  { name: "exit-codes", file: "docs/cli.md" },
  { name: "scripts", file: "CONTRIBUTING.md" },
];

const docs = (args: string[]): Promise<RunResult> => runNode([SCRIPT, ...args]);

let copy: string;
beforeEach(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-docs-"));
  for (const file of ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", "package.json"])
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  fs.cpSync(path.join(ROOT, "docs"), path.join(copy, "docs"), { recursive: true });
});
afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

const inCopy = (file: string) => path.join(copy, file);
const edit = (file: string, change: (text: string) => string) =>
  fs.writeFileSync(inCopy(file), change(fs.readFileSync(inCopy(file), "utf8")));
/** The text between a table's markers. */
const tableIn = (text: string, name: string) =>
  new RegExp(`<!-- generated:${name} -->\\n([\\s\\S]*?)<!-- /generated:${name} -->`).exec(text)?.[1];

it("npm run docs:check passes on the tree: every generated table matches its code", async () => {
  const result = await docs(["--check"]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
  for (const { name } of TABLES) expect(result.stdout).toContain(name);
});

it.each(TABLES)(
  "a cell of the $name table edited by hand fails --check, naming $file and the table; npm run docs writes it back",
  async ({ name, file }) => {
    const original = fs.readFileSync(inCopy(file), "utf8");
    // The first cell of the first data row, changed.
    edit(file, (text) =>
      text.replace(tableIn(text, name)!, (table) =>
        table.replace(/^(\|[^\n]*\n\|[^\n]*\n)\| ([^|]*?) \|/, "$1| $2 (edited by hand) |"),
      ),
    );
    expect(fs.readFileSync(inCopy(file), "utf8")).not.toBe(original);

    const stale = await docs(["--check", "--root", copy]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${file}: the ${name} table is stale`);

    const written = await docs(["--root", copy]);
    expect({ code: written.code, stderr: written.stderr }).toEqual({ code: 0, stderr: "" });
    expect(written.stdout).toContain(`wrote the ${name} table in ${file}`);
    expect(fs.readFileSync(inCopy(file), "utf8")).toBe(original);
    expect((await docs(["--check", "--root", copy])).code).toBe(0);
  },
);

it("a package.json script without a description fails --check, naming it", async () => {
  edit("package.json", (text) => {
    const pkg = JSON.parse(text);
    pkg.scripts["made-up"] = "node made-up.mjs";
    return JSON.stringify(pkg, null, 2);
  });
  const result = await docs(["--check", "--root", copy]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('package.json script "made-up" has no description');
  expect(result.stderr).toContain("CONTRIBUTING.md: the scripts table is stale");
  // Writing the table does not make a description up: it still fails.
  expect((await docs(["--root", copy])).code).toBe(1);
});

it("a table whose markers are gone fails --check, naming the file it belongs in", async () => {
  edit("docs/cli.md", (text) =>
    text.replace("<!-- generated:exit-codes -->", "").replace("<!-- /generated:exit-codes -->", ""),
  );
  const result = await docs(["--check", "--root", copy]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("docs/cli.md: no <!-- generated:exit-codes -->");
});

it("an unknown table name or an unpaired marker fails --check", async () => {
  edit(
    "docs/architecture.md",
    (text) => `${text}\n<!-- generated:nothing -->\n<!-- /generated:nothing -->\n<!-- generated:errors -->\n`,
  );
  const result = await docs(["--check", "--root", copy]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('docs/architecture.md: unknown table "generated:nothing"');
  expect(result.stderr).toContain("docs/architecture.md: a generated: marker without its pair");
});
