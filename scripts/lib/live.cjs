// What `npm run test:live` (scripts/test-live.mjs) shares with the Jest side of a live run
// (tests/setup/live-ledger.ts) and with its tests: where each region's API is, the stand-in
// override for the script's own tests, the ledger of uploads, and the filter that keeps the key out
// of the output. CommonJS so that the script, Jest setup files and the TypeScript tests all load it.
const fs = require("node:fs");

/**
 * MiniMax's hosts for the scripts and the test setup, which cannot import the client's TypeScript:
 * the one copy of the client's REGION_BASE_URLS (src/options.ts) outside it; a test keeps the two
 * equal. scripts/lib/contract-key.cjs reads it (and through it tests/helpers/contract.ts).
 */
const REGIONS = Object.freeze({ global: "https://api.minimax.io", cn: "https://api.minimaxi.com" });

/**
 * For the live mode's own tests only: a stand-in (the sandbox) to run against instead of MiniMax.
 * Loopback addresses only, because the run sends the real MINIMAX_API_KEY to whatever this names:
 * a stray variable must not be able to ship the key to another machine.
 */
const TEST_TARGET_VARIABLE = "MINIMAX_LIVE_TEST_TARGET";
/** Where the ledgers are kept (default reports/live-ledger); the script's tests point it at a temporary folder. */
const LEDGER_DIR_VARIABLE = "MINIMAX_LIVE_LEDGER_DIR";

class UsageError extends Error {}

const isLoopback = (hostname) =>
  hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * @param {string} region
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ url: string, standIn: boolean }}
 */
function liveTarget(region, env) {
  if (!Object.hasOwn(REGIONS, region))
    throw new UsageError(`--region must be global or cn, got ${JSON.stringify(region)}`);
  const override = env[TEST_TARGET_VARIABLE];
  if (override === undefined || override === "") return { url: REGIONS[region], standIn: false };
  let url;
  try {
    url = new URL(override);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== "http:" || !isLoopback(url.hostname)) {
    throw new UsageError(
      `${TEST_TARGET_VARIABLE} (for the live mode's own tests) must be an http:// URL on this machine (127.0.0.1, localhost or [::1]), got ${JSON.stringify(override)}`,
    );
  }
  return { url: override.replace(/\/+$/, ""), standIn: true };
}

// ---- the ledger: one JSON object a line, appended as each upload or delete is answered ----
// { event: "uploaded", target, file_id, purpose, test } and { event: "deleted", target, file_id }.
// Appended synchronously, so a line is on disk before the test sees the answer; a line cut short by
// a kill is skipped when reading.

function appendLedger(file, entry) {
  fs.appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** @returns {Array<Record<string, unknown>>} */
function readLedger(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  const entries = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line));
    } catch {
      // the last line of a run that was killed mid-write
    }
  }
  return entries;
}

/** Uploads the ledger records that no recorded delete removed, in upload order. */
function pendingUploads(entries) {
  const pending = new Map();
  for (const entry of entries) {
    const key = `${entry.target} ${entry.file_id}`;
    if (entry.event === "uploaded") pending.set(key, entry);
    else if (entry.event === "deleted") pending.delete(key);
  }
  return [...pending.values()];
}

/** Why no run can delete this ledger entry through the API (no id or no purpose), or undefined if one can. */
function undeletable(entry) {
  if (typeof entry.file_id !== "string" || !/^\d+$/.test(entry.file_id))
    return "its upload was answered without a file_id";
  if (typeof entry.purpose !== "string" || !entry.purpose) return "its purpose is unknown";
  return undefined;
}

// ---- the key kept out of the output ----

const REDACTED = "[REDACTED]";
/** As in the client (src/redact.ts MIN_SECRET_LENGTH): a shorter key is no secret, and replacing it everywhere would mangle the output. */
const MIN_SECRET_LENGTH = 8;
/** `text` with every occurrence of `secret` replaced (a secret shorter than MIN_SECRET_LENGTH is left alone). */
const redact = (secret, text) =>
  secret && secret.length >= MIN_SECRET_LENGTH ? text.split(secret).join(REDACTED) : text;

/**
 * A text filter for one output stream that replaces every occurrence of `secret`, also one split
 * across chunks: the end of a chunk that could be the start of the secret is held back until the
 * next chunk (or `end()`) shows whether it is.
 * @param {string | undefined} secret
 * @param {(text: string) => void} write
 */
function redactingWriter(secret, write) {
  if (!secret || secret.length < MIN_SECRET_LENGTH)
    return { write: (text) => text && write(text), end: () => undefined };
  let held = "";
  return {
    write(text) {
      const all = redact(secret, held + text);
      let keep = Math.min(secret.length - 1, all.length);
      while (keep > 0 && !secret.startsWith(all.slice(all.length - keep))) keep -= 1;
      held = all.slice(all.length - keep);
      const ready = all.slice(0, all.length - keep);
      if (ready) write(ready);
    },
    end() {
      if (held) write(held);
      held = "";
    },
  };
}

module.exports = {
  REGIONS,
  TEST_TARGET_VARIABLE,
  LEDGER_DIR_VARIABLE,
  UsageError,
  liveTarget,
  appendLedger,
  readLedger,
  pendingUploads,
  undeletable,
  redactingWriter,
  redact,
  REDACTED,
  MIN_SECRET_LENGTH,
};
