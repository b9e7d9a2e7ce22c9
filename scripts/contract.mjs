#!/usr/bin/env node
// npm run contract -- --target <url> [--key <k>]: the contract suite (tests/contract) against any
// MiniMax-shaped server: Prism (the default, started by Jest's globalSetup), the sandbox
// (`npm run sandbox`), or the live API. Every exchange is validated against generated/openapi.json;
// a violation fails naming the operation, the check and the finding, and the coverage table
// (operation × check) is printed at the end.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { contractKey } from "./lib/contract-key.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: npm run contract -- [--target <url>] [--key <api key>]

Runs the contract suite (tests/contract) against a server and validates every exchange against
generated/openapi.json.

  --target <url>    base URL of the server (default: a Prism mock started for the run)
  --key <api key>   the key to send as "Authorization: Bearer <key>" (default: MINIMAX_API_KEY for api.minimax.io / api.minimaxi.com only, else a test key; prefer the variable: a --key shows in process lists and npm's echo)
  --help            this text`;

let values;
try {
  ({ values } = parseArgs({
    options: { target: { type: "string" }, key: { type: "string" }, help: { type: "boolean", default: false } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`contract: ${String(error.message).split("\n")[0]} (see --help)`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const env = { ...process.env };
delete env.CONTRACT_TARGET;
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
  env.CONTRACT_TARGET = values.target;
}
const key = contractKey(values.target, values.key, process.env);
if (key !== undefined) env.CONTRACT_API_KEY = key;

// jest's package.json exports no bin path: find its bin from the package file.
const require = createRequire(import.meta.url);
const jestPackage = require.resolve("jest/package.json");
const jest = path.join(path.dirname(jestPackage), require(jestPackage).bin.jest ?? require(jestPackage).bin);
const child = spawn(process.execPath, [jest, "tests/contract/"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
