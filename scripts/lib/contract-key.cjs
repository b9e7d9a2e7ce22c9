// CommonJS so that the Jest suite can load it as well as scripts/contract.mjs.
// Which API key the contract suite sends. The real key from the environment (MINIMAX_API_KEY)
// goes only to MiniMax's own hosts, never to whatever URL --target names; --key is sent as given.
const MINIMAX_HOSTS = new Set(["api.minimax.io", "api.minimaxi.com"]);

/**
 * @param {string | undefined} target the --target URL (undefined: the Prism mock)
 * @param {string | undefined} given the --key value
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | undefined} undefined: the suite's own test key
 */
function contractKey(target, given, env) {
  if (given !== undefined) return given;
  return target !== undefined && MINIMAX_HOSTS.has(new URL(target).hostname) ? env.MINIMAX_API_KEY : undefined;
}

module.exports = { contractKey };
