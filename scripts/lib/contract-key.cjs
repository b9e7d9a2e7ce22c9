// CommonJS so that the Jest suite can load it as well as scripts/contract.mjs.
//
// Where `npm run contract` may send a key. MiniMax's own API is never a target of it: a run there
// needs what only `npm run test:live` does (one test file at a time against a rate-limited API, a
// ledger that deletes what a failed or interrupted run uploaded, the key filtered out of the
// output, only uploads MiniMax can accept). So the key in MINIMAX_API_KEY is never read here, and
// --key is sent as given to the --target it names.
const { REGIONS } = require("./live.cjs");

/**
 * The domains of MiniMax's regions (minimax.io, minimaxi.com), from the one host table
 * (scripts/lib/live.cjs REGIONS, kept equal to the client's REGION_BASE_URLS by a test). Any host
 * under them is MiniMax's: a regional or future API host must be refused as well.
 */
const MINIMAX_DOMAINS = Object.freeze([
  ...new Set(Object.values(REGIONS).map((url) => new URL(url).hostname.split(".").slice(-2).join("."))),
]);

/**
 * @param {string} target a URL
 * @returns {boolean} whether it names a host of MiniMax (case and a trailing dot do not hide one)
 */
function isMiniMaxHost(target) {
  let hostname;
  try {
    hostname = new URL(target).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return MINIMAX_DOMAINS.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

/** Why `npm run contract` will not run against this target, or undefined when it will. */
function refusedTarget(target) {
  if (target === undefined || !isMiniMaxHost(target)) return undefined;
  return `${target} is MiniMax's API: run MINIMAX_API_KEY=… npm run test:live [-- --region global|cn] instead (one test file at a time, only uploads MiniMax can accept, every upload deleted even when the run fails or is stopped, the key kept out of the output)`;
}

module.exports = { MINIMAX_DOMAINS, isMiniMaxHost, refusedTarget };
