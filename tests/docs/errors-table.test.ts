// docs/errors-and-retries.md shows the error map (src/errors/error-map.ts): its table is written by
// `npm run docs` (tests/docs/generated-tables.test.ts checks it is not stale). This file checks the
// same table, and the retry rules the page states in prose, against the error map loaded from src/
// inside each test, so that mutation testing (jest.mutate.config.js runs this file) credits these
// tests with the meanings, remedies and retry rules they pin. Rendered independently of
// scripts/docs.mjs: two renderings of one map that must agree.
import fs from "node:fs";
import path from "node:path";
import { fresh } from "../helpers/fresh";
import { ROOT } from "../helpers/spec";

type ErrorMap = typeof import("../../src/errors/error-map");
type CodeInfo = ErrorMap["BUSINESS_CODES"][number];

const PAGE = "docs/errors-and-retries.md";
const page = () => fs.readFileSync(path.join(ROOT, PAGE), "utf8");
// Loaded inside each test: see tests/helpers/fresh.ts.
const load = () => fresh(() => require("../../src/errors/error-map") as ErrorMap);

const RETRIED = { always: "yes", idempotent: "not uploads", never: "no" } as const;
const details = {
  operation: "op",
  request: { method: "GET", url: "u" },
  traceId: undefined,
  retryAfter: undefined,
  body: undefined,
  statusMsg: undefined,
};

function renderTable({ BUSINESS_CODES, HTTP_STATUSES, apiErrorFor }: ErrorMap): string {
  const rows = [
    ...Object.entries(HTTP_STATUSES).map(
      ([status, info]) =>
        [
          `HTTP ${status}`,
          apiErrorFor({ ...details, status: Number(status), statusCode: undefined }).name,
          info,
        ] as const,
    ),
    ...Object.entries(BUSINESS_CODES).map(
      ([code, info]) =>
        [`${code}`, apiErrorFor({ ...details, status: 200, statusCode: Number(code) }).name, info] as const,
    ),
  ];
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| code | class | meaning | retried | what to do |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(
      ([code, name, info]) =>
        `| ${code} | \`${name}\` | ${cell(info.meaning)} | ${RETRIED[info.retry]} | ${cell(info.remedy)} |`,
    ),
  ].join("\n");
}

/** The statuses and codes of the map whose retry rule is `rule`, in ascending order. */
function withRule(map: ErrorMap, rule: CodeInfo["retry"]): { statuses: number[]; codes: number[] } {
  const pick = (table: Readonly<Record<number, CodeInfo>>) =>
    Object.entries(table)
      .filter(([, info]) => info.retry === rule)
      .map(([n]) => Number(n))
      .sort((a, b) => a - b);
  return { statuses: pick(map.HTTP_STATUSES), codes: pick(map.BUSINESS_CODES) };
}

/** The numbers in the text that follows `lead` (whitespace and line breaks ignored) up to `end`. */
function numbersAfter(text: string, lead: string, end: string): number[] {
  const flat = text.replace(/\s+/g, " ");
  const start = flat.indexOf(lead);
  expect({ lead, found: start >= 0 }).toEqual({ lead, found: true });
  const rest = flat.slice(start + lead.length);
  return [...rest.slice(0, rest.indexOf(end)).matchAll(/\b\d{3,5}\b/g)].map((m) => Number(m[0]));
}

it(`${PAGE}'s errors table is the error map, row for row`, () => {
  const table = /<!-- generated:errors -->\n([\s\S]*?)\n<!-- \/generated:errors -->/.exec(page())?.[1];
  const rendered = renderTable(load());
  if (table !== rendered) console.log(`${PAGE} errors table should be (npm run docs writes it):\n${rendered}`);
  expect(table).toBe(rendered);
});

it(`${PAGE} names as retried for every operation exactly the statuses and codes the map retries always`, () => {
  const always = withRule(load(), "always");
  // "Retried for every operation: connection failures …, HTTP 408, 429 and 503, and the codes … 1002, …"
  const listed = numbersAfter(page(), "Retried for every operation:", "- Retried except for uploads");
  expect({ statuses: listed.filter((n) => n < 1000), codes: listed.filter((n) => n >= 1000) }).toEqual(always);
});

it(`${PAGE} names as retried except for uploads exactly the codes the map retries for idempotent operations`, () => {
  const map = load();
  const idempotent = withRule(map, "idempotent");
  // "Retried except for uploads: other connection failures …, other 5xx, and codes 1000, 1001, …"
  const listed = numbersAfter(page(), "Retried except for uploads:", "An upload is never retried");
  expect(listed).toEqual(idempotent.codes);
  // No documented HTTP status is idempotent-only: the page's "other 5xx" is the map's fallback.
  expect(idempotent.statuses).toEqual([]);
  expect(map.infoFor(502, undefined).retry).toBe("idempotent");
});
