// The host (Node 22+, as wrangler needs): `wrangler deploy --dry-run --outdir` bundles the Worker as
// a deploy would, then Miniflare runs the bundle in workerd and fetches it once. Argument: "compat"
// for nodejs_compat. Prints the Worker's result line; workerd's console goes to this output.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const compat = process.argv[2] === "compat";
const { WRANGLER, MINIFLARE, SANDBOX_URL, SANDBOX_KEY, STALL_URL, FLAKY_URL } = process.env;
execFileSync(
  process.execPath,
  [WRANGLER, "deploy", "--dry-run", "--outdir", "out", "-c", compat ? "wrangler.compat.toml" : "wrangler.toml"],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
);
const { Miniflare } = await import(pathToFileURL(path.join(MINIFLARE, "dist/src/index.js")).href);
const mf = new Miniflare({
  modules: true,
  scriptPath: "out/worker.js",
  compatibilityDate: "2026-08-01",
  compatibilityFlags: compat ? ["nodejs_compat"] : [],
  bindings: { SANDBOX_URL, SANDBOX_KEY, STALL_URL, FLAKY_URL, COMPAT: compat ? "1" : "0" },
});
try {
  const response = await mf.dispatchFetch("http://localhost/");
  console.log(JSON.stringify(await response.json()));
} finally {
  await mf.dispose();
}
