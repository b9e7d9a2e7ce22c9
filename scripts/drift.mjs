#!/usr/bin/env node
// npm run drift -- <har> [--server <url>]: judges recorded traffic (a HAR written by `npm run
// contract -- --har <file>` or `npm run test:live -- --har <file>`, or any HAR of MiniMax's file
// API) against the effective spec, generated/openapi.json, without calling anyone: by `redocly
// drift` (Redocly CLI) and by the sandbox's validator, which reads ids exactly (Redocly parses
// JSON as doubles). Requests the suite changed on purpose (`_invalidRequest`: negative cases and
// auth checks) are judged on their answer only, and not given to redocly drift, which would
// report the suite's own breaks; so are requests the server refused (a 4xx, or HTTP 200 with
// base_resp ≠ 0). Exits 1 when either finds drift, 2 for a bad invocation.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./lib/command-line.mjs";
import { exchangeOf, harEntries } from "./lib/har-exchanges.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: npm run drift -- <har file> [--server <url>]

Judges the exchanges in a HAR file against generated/openapi.json with redocly drift and with the
sandbox's validator (ids exact). Exits 1 if either finds drift.

  --server <url>  the base URL the traffic went to (default: the origin most exchanges went to)
  --help          this text`;
const { values, positionals } = parseCommandLine("drift", usage, { server: { type: "string" } }, true);
if (positionals.length !== 1) {
  console.error(`drift: give one HAR file\n\n${usage}`);
  process.exit(2);
}
const file = positionals[0];
let har;
try {
  har = harEntries(fs.readFileSync(file, "utf8"), file);
} catch (error) {
  console.error(`drift: ${error.message}`);
  process.exit(2);
}
const entries = har.log.entries;
if (entries.length === 0) {
  console.error(`drift: ${file} holds no exchanges`);
  process.exit(2);
}
// The origin most exchanges went to: a HAR may hold a few calls to other servers (a login, a CDN).
const mostCalled = () => {
  const counts = new Map();
  for (const entry of entries) {
    const origin = new URL(entry.request.url).origin;
    counts.set(origin, (counts.get(origin) ?? 0) + 1);
  }
  return [...counts].sort(([, a], [, b]) => b - a)[0][0];
};
const server = values.server ?? mostCalled();

execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { stdio: "inherit" });
const { ExchangeValidator, SPEC_OPERATIONS } = createRequire(import.meta.url)(
  path.join(root, "dist/src/sandbox/validator/index.js"),
);

// 1. redocly drift, on the exchanges the suite did not change on purpose.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-drift-"));
const lines = [];
let redoclyFindings = 0;
try {
  const valid = entries.filter((e) => !e._invalidRequest);
  fs.writeFileSync(path.join(dir, "traffic.har"), JSON.stringify({ log: { ...har.log, entries: valid } }));
  const report = path.join(dir, "report.json");
  const cli = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
  try {
    execFileSync(
      process.execPath,
      [
        cli,
        "drift",
        path.join(dir, "traffic.har"),
        "--api",
        path.join(root, "generated/openapi.json"),
        "--server",
        server,
        "--format",
        "json",
        "-o",
        report,
      ],
      { stdio: ["ignore", "ignore", "pipe"], cwd: root },
    );
  } catch {
    // exit 1 is drift found: the report says what
  }
  if (!fs.existsSync(report)) throw new Error("redocly drift wrote no report");
  const { run, problems } = JSON.parse(fs.readFileSync(report, "utf8"));
  for (const p of problems) {
    redoclyFindings += p.occurrences ?? 1;
    lines.push(
      `  redocly drift: ${p.operationId ?? p.path} (${p.target}): ${p.message} [${p.ruleId}, ${p.occurrences ?? 1}×]`,
    );
  }
  lines.unshift(
    `redocly drift: ${run.documentedExchanges} of ${valid.length} exchanges matched an operation, ${redoclyFindings} findings`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// 2. The sandbox's validator, ids exact, on every exchange (answers only, for changed requests).
// An answer that refuses the request in band (HTTP 200 + base_resp ≠ 0) is judged as an answer:
// what it says of the request is the server's verdict, not drift.
const refusedInBand = (exchange) => {
  try {
    const code = JSON.parse(exchange.response.body ?? "").base_resp?.status_code;
    return exchange.response.status === 200 && typeof code === "number" && code !== 0;
  } catch {
    return false;
  }
};
const validator = new ExchangeValidator();
let ours = 0;
let elsewhere = 0;
const seen = new Map();
const undocumented4xx = new Map();
for (const entry of entries) {
  if (!entry.request.url.startsWith(`${server.replace(/\/+$/, "")}/`)) {
    elsewhere++; // another server a test stood up (as redocly drift's --server skips it)
    continue;
  }
  const exchange = exchangeOf(entry, server, SPEC_OPERATIONS);
  const refused = refusedInBand(exchange);
  // A 4xx answer refused the request (as redocly drift reads it too): what it says of the request
  // is the server's verdict, and a 4xx the spec leaves out (Prism's 422, say) is noted, not drift.
  const clientError = exchange.response.status >= 400 && exchange.response.status < 500;
  const all = validator.validate(exchange, { refused });
  if (clientError && all.some((f) => f.check === "status_code_conformance"))
    undocumented4xx.set(exchange.response.status, (undocumented4xx.get(exchange.response.status) ?? 0) + 1);
  const findings = all.filter(
    (f) =>
      (!entry._invalidRequest && !refused && !clientError) ||
      (f.side === "response" && !(clientError && f.check === "status_code_conformance")),
  );
  for (const f of findings) {
    ours++;
    const line = `${f.operation} ${f.check}: ${f.finding}`;
    seen.set(line, (seen.get(line) ?? 0) + 1);
  }
}
lines.push(
  `validator (ids exact): ${entries.length - elsewhere} exchanges${elsewhere ? ` (${elsewhere} to other servers skipped)` : ""}, ${ours} findings`,
);
for (const [line, n] of seen) lines.push(`  validator: ${line}${n > 1 ? ` [${n}×]` : ""}`);
if (undocumented4xx.size)
  lines.push(
    `  (refusals the spec does not document, not counted: ${[...undocumented4xx]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `HTTP ${status} ${n}×`)
      .join(", ")})`,
  );
console.log(lines.join("\n"));
process.exit(redoclyFindings + ours > 0 ? 1 : 0);
