// docs/cli.md against the CLI: its exit-code table is EXIT_CODES row for row (written by `npm run
// docs`; checked here from src/ as well, so a row changed in one place and not the other fails
// with a readable diff), and its rule for when an upload is sent again names the statuses and
// codes the error map retries always, as the CLI's --help does.
import fs from "node:fs";
import path from "node:path";
import { EXIT_CODES } from "../../src/cli/exit-codes";
import { BUSINESS_CODES, HTTP_STATUSES } from "../../src/errors/error-map";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

const PAGE = "docs/cli.md";
const page = fs.readFileSync(path.join(ROOT, PAGE), "utf8");

it(`${PAGE}'s exit-code table has EXIT_CODES' rows: code, kind, when and errors`, () => {
  const table = /<!-- generated:exit-codes -->\n([\s\S]*?)\n<!-- \/generated:exit-codes -->/.exec(page)?.[1];
  expect(table).toBeDefined();
  const lines = table!.split("\n");
  expect(lines[0]).toBe("| code | kind | when | errors |");
  const rows = lines.slice(2).map((line) => line.split(" | ").map((cell) => cell.replace(/^\| ?| ?\|$/g, "")));
  const expected = [...EXIT_CODES]
    .sort((a, b) => a.code - b.code)
    .map((r) => [String(r.code), r.kind, r.when, r.errors]);
  expect(rows).toEqual(expected);
});

/** What a text says an upload is re-sent after: "re-sent whole only when … (HTTP 408, …; codes 1002, …)". */
function resendRule(text: string): { statuses: number[]; codes: number[] } {
  const flat = text.replace(/\s+/g, " ");
  const match = /re-sent whole only when MiniMax said it did not process it \(HTTP ([\d, ]+); codes ([\d, ]+)\)/.exec(
    flat,
  );
  expect({ found: match !== null }).toEqual({ found: true });
  const numbers = (list: string) => list.split(",").map((n) => Number(n.trim()));
  return { statuses: numbers(match![1]!), codes: numbers(match![2]!) };
}

const alwaysRetried = (table: Readonly<Record<number, { retry: string }>>) =>
  Object.entries(table)
    .filter(([, info]) => info.retry === "always")
    .map(([n]) => Number(n))
    .sort((a, b) => a - b);

it(`${PAGE} says an upload is re-sent only after the statuses and codes the error map retries always`, () => {
  // The old wording ("an upload is never retried once its body may have reached MiniMax") was wrong
  // for those: MiniMax said it did not process the request, so sending it again stores nothing twice.
  expect(resendRule(page)).toEqual({ statuses: alwaysRetried(HTTP_STATUSES), codes: alwaysRetried(BUSINESS_CODES) });
  expect(page.replace(/\s+/g, " ")).not.toMatch(/an upload is never retried once its body may have reached MiniMax/i);
});

it("the CLI's --help states the same re-send rule", async () => {
  // The built bin (Jest's global setup builds dist/), as users run it.
  const help = await runNode([path.join(ROOT, "dist/src/cli/bin.js"), "--help"]);
  expect(help.code).toBe(0);
  expect(resendRule(help.stdout)).toEqual(resendRule(page));
});
