#!/usr/bin/env node
// npm run sandbox [-- --port 4011 --key sandbox-key]: the stateful MiniMax double from dist/
// (src/sandbox; built first when dist/ is missing or stale, scripts/lib/ensure-built.mjs). One line
// per request while it runs (--quiet: none); Ctrl-C or SIGTERM stops it, removes its stored files,
// and prints what the validator found, telling refused bad requests (what a contract suite's
// negative cases send on purpose) from findings that need a look.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine, portInUse, portOption } from "./lib/command-line.mjs";
import { ensureBuilt } from "./lib/ensure-built.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: npm run sandbox -- [--port <n>] [--host <addr>] [--key <api key>] [--id-start <n>] [--no-validate] [--quiet]

A stateful local stand-in for MiniMax's file API (a test double, not MiniMax): uploads are kept
until it stops, ids start above 2^53, errors come as HTTP 200 + base_resp like MiniMax's, and every
exchange is checked against generated/openapi.json.

  --port <n>        port on the host (default 4011; 0 picks a free one)
  --host <addr>     address to listen on (default 127.0.0.1)
  --key <api key>   the key it accepts as "Authorization: Bearer <key>" (default sandbox-key)
  --id-start <n>    the first file id (default 9007199254740993, 2^53 + 1: a client reading ids as
                    doubles gets them wrong); 1000 for tools that parse JSON with doubles
                    (Redocly Respect, Prism's proxy)
  --no-validate     do not check exchanges against the spec (no Ajv needed)
  --quiet           no line per request (method, path, HTTP status, MiniMax status_code, ms, findings)
  --help            this text`;

const values = parseCommandLine("sandbox", usage, {
  port: { type: "string", default: "4011" },
  host: { type: "string", default: "127.0.0.1" },
  key: { type: "string", default: "sandbox-key" },
  "id-start": { type: "string" },
  "no-validate": { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
});

/** One line per request: what was asked, what was answered, how long it took, and any findings. */
function requestLine({ exchange, findings, ms }) {
  const { request, response } = exchange;
  const code = /"status_code"\s*:\s*(-?\d+)/.exec(response.body ?? "")?.[1];
  const found = findings.length
    ? `  ${findings.length} finding(s): ${findings.map((f) => `${f.side} ${f.check}`).join(", ")}`
    : "";
  return `${request.method} ${request.path} → ${response.status}${code === undefined ? "" : ` status_code ${code}`} ${Math.round(ms)} ms${found}`;
}

/** The request findings of refused exchanges: the sandbox said no, as MiniMax would (a contract suite's negative cases do this on purpose). */
const refusedRequests = new Set();
const port = portOption("sandbox", values.port);

/** `--id-start`'s value as a bigint; exits 2 naming it when it is no positive integer. */
function idStartOption(value) {
  if (!/^[1-9]\d*$/.test(value) || BigInt(value) >= 2n ** 63n) {
    console.error(`sandbox: --id-start must be a positive integer below 2^63, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return BigInt(value);
}

const entry = path.join(root, "dist/src/sandbox/index.js");
ensureBuilt();

const { startSandbox } = createRequire(import.meta.url)(entry);
let sandbox;
try {
  sandbox = await startSandbox({
    port,
    host: values.host,
    apiKey: values.key,
    validate: !values["no-validate"],
    ...(values["id-start"] !== undefined && { idStart: idStartOption(values["id-start"]) }),
    onExchange: (event) => {
      if (event.refused) for (const f of event.findings) if (f.side === "request") refusedRequests.add(f);
      if (!values.quiet) console.log(requestLine(event));
    },
  });
} catch (error) {
  // A taken port is a user's everyday slip: say what to do, as `npm run mock` does.
  if (error.code === "EADDRINUSE") console.error(portInUse("sandbox", `${values.host}:${port}`));
  else console.error(`sandbox: ${error.message}`);
  process.exit(1);
}
console.log(`MiniMax sandbox (a test double) at ${sandbox.url}
API key: ${sandbox.apiKey}
  new MiniMaxFiles({ baseUrl: "${sandbox.url}", apiKey: "${sandbox.apiKey}" })
Ctrl-C stops it and deletes what was uploaded.`);

const stop = async (signal) => {
  await sandbox.close();
  const { exchanges, findings, requestFindings } = sandbox;
  const expected = requestFindings.filter((f) => refusedRequests.has(f));
  const accepted = requestFindings.filter((f) => !refusedRequests.has(f));
  console.log(
    `\n${signal}: stopped after ${exchanges.length} exchange(s)${sandbox.validating ? "" : " (validation off)"}`,
  );
  console.log(
    `  ${findings.length} finding(s) in the sandbox's own answers${findings.length ? " (the sandbox broke the spec: report it)" : ""}`,
  );
  for (const f of findings) console.log(`    ${f.operation} ${f.check}: ${f.finding}`);
  console.log(
    `  ${accepted.length} request(s) that broke the spec and were answered anyway${accepted.length ? " (check the client that sent them)" : ""}`,
  );
  for (const f of accepted) console.log(`    ${f.operation ?? "(no operation)"} ${f.check}: ${f.finding}`);
  console.log(
    `  ${expected.length} request(s) that broke the spec and were refused, as MiniMax refuses them (expected from a contract suite's negative cases)`,
  );
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => void stop(signal));
