// The README's per-code errors table is the error map (src/error-map.ts) rendered: this test
// renders it and compares. When the map changes, paste the rendered table it prints.
import fs from "node:fs";
import path from "node:path";
import { fresh } from "./helpers/fresh";
import { ROOT } from "./helpers/spec";

type ErrorMap = typeof import("../src/error-map");

const RETRIED = { always: "yes", idempotent: "not uploads", never: "no" } as const;
const details = { operation: "op", request: { method: "GET", url: "u" }, traceId: undefined, retryAfter: undefined, body: undefined, statusMsg: undefined };

function renderTable({ BUSINESS_CODES, HTTP_STATUSES, apiErrorFor }: ErrorMap): string {
  const rows = [
    ...Object.entries(HTTP_STATUSES).map(([status, info]) => [`HTTP ${status}`, apiErrorFor({ ...details, status: Number(status), statusCode: undefined }).name, info] as const),
    ...Object.entries(BUSINESS_CODES).map(([code, info]) => [`${code}`, apiErrorFor({ ...details, status: 200, statusCode: Number(code) }).name, info] as const),
  ];
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| code | class | meaning | retried | what to do |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(([code, name, info]) => `| ${code} | \`${name}\` | ${cell(info.meaning)} | ${RETRIED[info.retry]} | ${cell(info.remedy)} |`),
  ].join("\n");
}

it("README's errors table matches the error map", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const table = /<!-- errors-table:start -->\n([\s\S]*?)\n<!-- errors-table:end -->/.exec(readme)?.[1];
  // Loaded inside the test: see tests/helpers/fresh.ts.
  const rendered = renderTable(fresh(() => require("../src/error-map") as ErrorMap));
  if (table !== rendered) console.log(`README.md errors table should be:\n${rendered}`);
  expect(table).toBe(rendered);
});
