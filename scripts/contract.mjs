#!/usr/bin/env node
// npm run contract -- --target <url> [--key <k>]: the contract suite (tests/contract) against a
// MiniMax-shaped server: Prism (the default, started by Jest's globalSetup), the sandbox
// (`npm run sandbox`), or another stand-in. Every exchange is validated against
// generated/openapi.json; a violation fails naming the operation, the check and the finding, and
// the coverage table (operation × check) is printed at the end.
//
// Not MiniMax's own API: that is `npm run test:live` (scripts/test-live.mjs), which runs one test
// file at a time, keeps a ledger of uploads, filters the key out of the output and uploads only
// what MiniMax can accept. This script has none of that, so it refuses MiniMax's hosts
// (scripts/lib/contract-key.cjs) and never passes MINIMAX_API_KEY on.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./lib/command-line.mjs";
import { refusedTarget } from "./lib/contract-key.cjs";
import { probeTarget } from "./lib/target-probe.mjs";
import testKey from "./lib/test-key.cjs";

/** The key the suite sends when --key is not given. */
const { TEST_API_KEY } = testKey;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: npm run contract -- [--target <url>] [--key <api key>]

Runs the contract suite (tests/contract) against a server and validates every exchange against
generated/openapi.json. For MiniMax's own API, use npm run test:live.

  --target <url>    base URL of the server (default: a Prism mock started for the run); not MiniMax's hosts
  --key <api key>   the key to send as "Authorization: Bearer <key>" (default: the suite's test key); the stand-in's key, never a MiniMax key
  --har <file>      write every exchange to a HAR file, the key masked, for npm run drift -- <file>
  --skip-probe      run the suite even when the target does not answer or refuses the key (by default one
                    request is sent first, and the run stops with one line saying which)
  --help            this text`;

const values = parseCommandLine("contract", usage, {
  target: { type: "string" },
  key: { type: "string" },
  "skip-probe": { type: "boolean", default: false },
  har: { type: "string" },
});
const env = { ...process.env };
delete env.CONTRACT_TARGET;
// A run here never needs a MiniMax key: none reaches Jest, whatever a test or the client defaults to.
delete env.MINIMAX_API_KEY;
delete env.CONTRACT_API_KEY;
delete env.CONTRACT_LIVE;
if (values.target !== undefined) {
  let url;
  try {
    url = new URL(values.target);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    console.error(`contract: --target must be an http(s) URL, got ${JSON.stringify(values.target)}`);
    process.exit(2);
  }
  const refused = refusedTarget(values.target);
  if (refused) {
    console.error(`contract: ${refused}`);
    process.exit(2);
  }
  env.CONTRACT_TARGET = values.target;
}
if (values.key !== undefined) env.CONTRACT_API_KEY = values.key;
delete env.CONTRACT_HAR;
// Read by tests/setup/har-reporter.cjs (which merges what tests/helpers/har.ts wrote).
if (values.har !== undefined) env.CONTRACT_HAR = path.resolve(values.har);
if (values.target !== undefined && !values["skip-probe"]) {
  const problem = await probeTarget(values.target, values.key ?? TEST_API_KEY);
  if (problem) {
    console.error(`contract: ${problem} (or pass --skip-probe to run the suite anyway)`);
    process.exit(1);
  }
}

const jest = createRequire(import.meta.url).resolve("jest/bin/jest");
const child = spawn(process.execPath, [jest, "tests/contract/"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1)); // no code: ended by a signal
