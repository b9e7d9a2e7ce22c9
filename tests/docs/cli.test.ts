// The README's exit-code table is EXIT_CODES, row for row (it was written from it): a row changed
// in one place and not the other fails here. And the README says the same as --help about retries.
import fs from "node:fs";
import path from "node:path";
import { EXIT_CODES } from "../src/cli/exit-codes";
import { ROOT } from "./helpers/spec";

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

it("the README's exit-code table has EXIT_CODES' rows: code, kind, when and errors", () => {
  const start = readme.indexOf("| code | kind | when | errors |");
  expect(start).toBeGreaterThan(-1);
  const rows = readme
    .slice(start)
    .split("\n")
    .slice(2)
    .filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith("|")))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| ?| ?\|$/g, "")));
  const expected = [...EXIT_CODES].sort((a, b) => a.code - b.code).map((r) => [String(r.code), r.kind, r.when, r.errors]);
  expect(rows).toEqual(expected);
});

it("no longer claims that an upload is never retried once its body may have reached MiniMax", () => {
  expect(readme).not.toContain("an upload is never retried\n  once its body may have reached MiniMax");
  expect(readme).toMatch(/An upload is re-sent whole only when MiniMax said it did\s+not process it \(HTTP 408, 429, 503; codes 1002, 1039, 1041, 2045\)/);
});
