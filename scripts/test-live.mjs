#!/usr/bin/env node
// npm run test:live -- [--region global|cn]: the contract suite (tests/contract) against MiniMax
// itself, every exchange validated against generated/openapi.json as against any other target
// (scripts/contract.mjs), plus the checks only MiniMax can settle (tests/contract/
// live-assumptions.test.ts). The key comes from MINIMAX_API_KEY and reaches Jest through its
// environment only; without it nothing runs and the exit code is 0, so CI without a key stays green.
//
// Cleaning up, in two layers: each case deletes what it uploaded (afterAll, also when it failed),
// and every upload and successful delete is written to a ledger as it is answered
// (tests/setup/live-ledger.ts). Once Jest has exited, for whatever reason (failure, a signal), this
// script deletes what the ledger still holds. A run killed outright (SIGKILL) leaves its ledger in
// reports/live-ledger/; the next run against the same target deletes those files first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine } from "./lib/command-line.mjs";
import {
  LEDGER_DIR_VARIABLE,
  TEST_TARGET_VARIABLE,
  UsageError,
  liveTarget,
  pendingUploads,
  readLedger,
  redact,
  redactingWriter,
  undeletable,
} from "./lib/live.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `Usage: MINIMAX_API_KEY=… npm run test:live -- [--region global|cn] [--dry-run]

Runs the contract suite (tests/contract) against MiniMax's API and validates every exchange against
generated/openapi.json. It uploads only what MiniMax can accept: text files (.txt, up to 64 KiB, purpose
t2a_async_input) and the 3 KB MP4 of tests/fixtures (purpose video_understanding), and deletes them
afterwards, also when a case fails or the run is interrupted.

  --region global   https://api.minimax.io, for platform.minimax.io keys (the default)
  --region cn       https://api.minimaxi.com, for platform.minimaxi.com keys
  --har <file>      write every exchange to a HAR file, the key masked, to judge again later
                    with npm run drift -- <file> (no call to MiniMax then)
  --dry-run         print the target and the Jest command and environment, run nothing
  --help            this text

The key is read from MINIMAX_API_KEY only (never from the command line, where process lists and
npm's echo would show it). Without it, nothing runs and the exit code is 0.`;

const say = (line) => process.stdout.write(`test:live: ${line}\n`);

const values = parseCommandLine("test:live", usage, {
  region: { type: "string", default: "global" },
  "dry-run": { type: "boolean", default: false },
  har: { type: "string" },
});

let target;
try {
  target = liveTarget(values.region, process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`test:live: ${error.message} (see --help)`);
  process.exit(2);
}
// Trimmed once, and this value used everywhere (Jest's key, the cleanup's deletes, the output
// filter): a key pasted with a trailing newline is the key without it.
const key = process.env.MINIMAX_API_KEY?.trim() || undefined;
const where = target.standIn
  ? `${target.url} (${TEST_TARGET_VARIABLE}: a stand-in for the live mode's own tests, not MiniMax)`
  : `${target.url} (region ${values.region})`;
const scrub = (text) => redact(key, text);

const ledgerDir = process.env[LEDGER_DIR_VARIABLE] || path.join(root, "reports/live-ledger");
const ledgerFile = path.join(ledgerDir, `${process.pid}-${Date.now()}.jsonl`);

const require = createRequire(import.meta.url);
const jest = require.resolve("jest/bin/jest");
// The project's Jest config plus the ledger's setup file (Jest's --setupFilesAfterEnv flag would
// replace the config's own setup files, not add to them).
const LEDGER_SETUP = "<rootDir>/tests/setup/live-ledger.ts";
const baseConfig = require(path.join(root, "jest.config.js"));
const config = {
  ...baseConfig,
  rootDir: root,
  setupFilesAfterEnv: [...(baseConfig.setupFilesAfterEnv ?? []), LEDGER_SETUP],
};
// One file at a time: the live API rate-limits (1002), and a kill then finds no upload in flight elsewhere.
const jestArgs = [jest, "--config", JSON.stringify(config), "tests/contract/", "--runInBand"];

const env = { ...process.env };
// Jest needs the key once, under the suite's name for it; not under the client's default name too.
delete env.MINIMAX_API_KEY;
delete env[TEST_TARGET_VARIABLE];
env.CONTRACT_TARGET = target.url;
env.CONTRACT_LIVE = "1";
env.CONTRACT_LIVE_LEDGER = ledgerFile;
env.CONTRACT_API_KEY = key; // Jest starts only with a key (no key: the script ended above)
delete env.CONTRACT_HAR;
// Read by tests/setup/har-reporter.cjs, which merges what tests/helpers/har.ts wrote.
if (values.har !== undefined) env.CONTRACT_HAR = path.resolve(values.har);
// Jest's output is piped through the key filter, so it would drop its colours for a non-terminal.
if (process.stdout.isTTY && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = "1";

if (values["dry-run"]) {
  say(`dry run: would run the contract suite against ${where}`);
  say(
    key
      ? "MINIMAX_API_KEY is set: Jest gets it as CONTRACT_API_KEY in its environment"
      : "MINIMAX_API_KEY is not set: a real run would run nothing",
  );
  say(
    `Jest: node ${path.relative(root, jest)} --config <jest.config.js, setupFilesAfterEnv + ${LEDGER_SETUP}> ${jestArgs.slice(3).join(" ")}`,
  );
  for (const name of ["CONTRACT_TARGET", "CONTRACT_LIVE", "CONTRACT_LIVE_LEDGER", "CONTRACT_HAR"])
    if (env[name] !== undefined) say(`  ${name}=${env[name]}`);
  if (key) say("  CONTRACT_API_KEY=(the value of MINIMAX_API_KEY)");
  process.exit(0);
}
if (!key) {
  say(
    `MINIMAX_API_KEY is not set, so nothing was run. Set it to a platform.minimax.io key (--region global, the default) or a platform.minimaxi.com key (--region cn) to run the contract suite against MiniMax.`,
  );
  process.exit(0);
}

// ---- deleting what a run left ----

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// 1000 unknown error, 1001 timeout, 1002 rate limit, 1013 internal error, 1039 token limit (openapi/reference-notes.md §2): worth another try.
const RETRIABLE_CODES = new Set([1000, 1001, 1002, 1013, 1039]);

/**
 * Deletes one file through the API (not through the client: this script runs without a build).
 * Returns undefined once deleted, else why not and whether a later run could still succeed.
 */
async function deleteFile(entry) {
  const cannot = undeletable(entry);
  if (cannot) return { why: cannot, later: false };
  // Written by hand so the int64 id goes out with every digit (JSON.stringify would need a Number).
  const body = `{"file_id":${entry.file_id},"purpose":${JSON.stringify(entry.purpose)}}`;
  for (let attempt = 1; ; attempt += 1) {
    let why;
    let retriable = true;
    try {
      const response = await fetch(`${target.url}/v1/files/delete`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let baseResp;
      try {
        baseResp = JSON.parse(text)?.base_resp;
      } catch {
        baseResp = undefined;
      }
      if (response.ok && baseResp?.status_code === 0) return undefined;
      why = `HTTP ${response.status}${baseResp ? `, base_resp ${baseResp.status_code} ${JSON.stringify(baseResp.status_msg ?? "")}` : ""}`;
      retriable = response.status >= 500 || response.status === 429 || RETRIABLE_CODES.has(baseResp?.status_code);
    } catch (error) {
      why = error instanceof Error ? error.message : String(error);
    }
    // A refusal (e.g. 2013: already gone, or a purpose MiniMax does not take) will not change; an outage may.
    if (!retriable || attempt === 3) return { why: scrub(why), later: retriable };
    await sleep(1000 * attempt);
  }
}

const describeEntry = (entry) =>
  `${entry.file_id ?? "(no id)"} (${entry.purpose ?? "purpose unknown"}${entry.test ? `, uploaded by ${entry.test}` : ""})`;

/**
 * Deletes what `file` (a ledger) still holds on this run's target; removes the ledger when nothing
 * is left, else keeps the entries left for a later run. Returns how many could not be deleted.
 */
async function settleLedger(file, whose) {
  const entries = readLedger(file);
  const pending = pendingUploads(entries);
  const mine = pending.filter((entry) => entry.target === target.url);
  const elsewhere = pending.filter((entry) => entry.target !== target.url);
  const failed = [];
  const deleted = [];
  for (const entry of mine) {
    const failure = await deleteFile(entry);
    if (failure === undefined) deleted.push(entry);
    else failed.push({ entry, ...failure });
  }
  if (whose === "this run") {
    const uploads = entries.filter((entry) => entry.event === "uploaded").length;
    if (mine.length === 0) say(`the suite deleted every file it uploaded (${uploads}) itself.`);
  }
  if (deleted.length) {
    say(`${whose} left ${deleted.length} file(s) on ${target.url}; deleted them now:`);
    for (const entry of deleted) say(`  ${describeEntry(entry)}`);
  }
  if (failed.length) {
    say(`could not delete ${failed.length} file(s) ${whose} left on ${target.url} (check the account with list):`);
    for (const { entry, why, later } of failed)
      say(
        `  ${describeEntry(entry)}: ${why}${later ? `; kept in ${path.relative(root, file)} for the next run to try again` : ""}`,
      );
  }
  if (elsewhere.length)
    say(
      `the ledger ${path.relative(root, file)} holds ${elsewhere.length} file(s) on ${[...new Set(elsewhere.map((e) => e.target))].join(", ")}: run against that target to delete them.`,
    );
  // What no later run could delete either is reported once, not kept.
  const kept = [...failed.filter(({ later }) => later).map(({ entry }) => entry), ...elsewhere];
  if (kept.length === 0) fs.rmSync(file, { force: true });
  else fs.writeFileSync(file, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(""));
  return failed.length;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};

/** Ledgers of earlier runs whose script is gone (killed before it could clean up). */
function orphanedLedgers() {
  let names;
  try {
    names = fs.readdirSync(ledgerDir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, pid: Number(/^(\d+)-\d+\.jsonl$/.exec(name)?.[1]) }))
    .filter(({ pid }) => pid > 0 && pid !== process.pid && !alive(pid))
    .map(({ name }) => path.join(ledgerDir, name));
}

/**
 * A child's output on ours, through the key filter: a server that echoes the key into an error
 * message must not put it on the screen or into CI logs.
 */
function printFiltered(child) {
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    const filter = redactingWriter(key, (text) => to.write(text));
    from.setEncoding("utf8");
    from.on("data", (text) => filter.write(text));
    from.on("end", () => filter.end());
  }
}

// ---- the shipped Arazzo workflows, run by redocly respect ----

/**
 * Runs openapi/arazzo/files.arazzo.yaml against the target with Redocly Respect (the key in its
 * environment, REDOCLY_CLI_RESPECT_INPUT, never in its arguments; its output through the key
 * filter). Every file a workflow uploaded and did not delete goes into this run's ledger, so the
 * cleanup below deletes it. Returns Respect's exit code.
 */
function respectEnv() {
  const out = { ...env, REDOCLY_CLI_RESPECT_INPUT: `apiKey=${key}`, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" };
  delete out.CONTRACT_API_KEY; // the key once, where Respect reads it
  return out;
}

async function runRespect() {
  const report = path.join(os.tmpdir(), `minimax-files-respect-${process.pid}.json`);
  const cli = require.resolve("@redocly/cli/bin/cli.js");
  const workflows = path.join(root, "openapi/arazzo/files.arazzo.yaml");
  say("the Arazzo workflows (openapi/arazzo/files.arazzo.yaml), run by redocly respect:");
  const respect = spawn(
    process.execPath,
    [cli, "respect", workflows, "--server", `minimax=${target.url}`, "-J", report],
    {
      cwd: root,
      env: respectEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  printFiltered(respect);
  const exitCode = await new Promise((resolve) => {
    respect.once("error", () => resolve(1));
    respect.once("close", (c) => resolve(c ?? 1));
  });
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(report, "utf8"));
  } catch {
    say("redocly respect wrote no report: no file it may have uploaded can be found for deletion.");
    return 1;
  } finally {
    fs.rmSync(report, { force: true });
  }
  const ledger = [];
  let inexact = 0;
  for (const file of Object.values(parsed.files ?? {}))
    for (const workflow of file.executedWorkflows ?? [])
      for (const step of workflow.executedSteps ?? []) {
        const body = step.response?.body;
        const id = body?.file?.file_id;
        if (step.stepId === "upload" && id !== undefined) {
          // Respect reads JSON numbers as doubles: an id above 2^53 is not the one MiniMax gave.
          if (!Number.isSafeInteger(id)) inexact++;
          else
            ledger.push({
              event: "uploaded",
              target: target.url,
              file_id: String(id),
              purpose: body.file.purpose,
              test: `respect ${workflow.workflowId}`,
            });
        }
        if (step.stepId === "delete" && step.status === "success") {
          const uploaded = ledger.findLast((e) => e.test === `respect ${workflow.workflowId}`);
          if (uploaded) ledger.push({ event: "deleted", target: target.url, file_id: uploaded.file_id });
        }
      }
  if (ledger.length) fs.appendFileSync(ledgerFile, ledger.map((e) => `${JSON.stringify(e)}\n`).join(""));
  if (inexact)
    say(
      `redocly respect read ${inexact} uploaded id(s) above 2^53 as doubles: those files cannot be named for deletion.`,
    );
  return inexact ? 1 : exitCode;
}

// ---- the run ----

fs.mkdirSync(ledgerDir, { recursive: true });
let undeleted = 0;
for (const file of orphanedLedgers()) undeleted += await settleLedger(file, `an earlier run (${path.basename(file)})`);
fs.writeFileSync(ledgerFile, "");

say(`the contract suite against ${where}, key from MINIMAX_API_KEY; the files it uploads are deleted afterwards.`);
const child = spawn(process.execPath, jestArgs, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
printFiltered(child);
let interrupted;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  // Not exiting here: Jest is stopped, and its uploads are deleted once it is gone.
  process.on(signal, () => {
    interrupted ??= signal;
    child.kill(signal);
  });
}
const [code, signal, spawnError] = await new Promise((resolve) => {
  child.once("error", (error) => resolve([null, null, error]));
  child.once("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal, undefined]));
});
if (spawnError) console.error(`test:live: could not start Jest: ${spawnError.message}`);
if (interrupted || signal) say(`Jest was stopped (${interrupted ?? signal}); deleting what the suite uploaded.`);
const respected = interrupted || signal || spawnError ? undefined : await runRespect();
undeleted += await settleLedger(ledgerFile, "this run");

if (interrupted) process.exit(128 + os.constants.signals[interrupted]);
process.exit(code === 0 && !spawnError && !signal && undeleted === 0 && respected === 0 ? 0 : code || 1);
