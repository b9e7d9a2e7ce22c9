// The page's script, bundled by run.mjs with esbuild for the browser (the package's "browser"
// condition: its web build). It runs the lifecycle with dangerouslyAllowBrowser: true, after
// checking that a client without it is refused.
import * as files from "minimax-files";
import { lifecycle } from "./lifecycle.mjs";

async function run() {
  let guard = "ok";
  try {
    new files.MiniMaxFiles({ apiKey: "sk-not-for-a-page-0000", baseUrl: globalThis.ECOSYSTEM_ENV.SANDBOX_URL });
    guard = "failed: a client was made in a page without dangerouslyAllowBrowser";
  } catch (error) {
    if (!(error instanceof files.MiniMaxConfigError)) guard = `failed: ${error?.name}: ${error?.message}`;
  }
  const result = await lifecycle({
    runtime: `a browser (${navigator.userAgent.match(/(Chrome|Chromium|HeadlessChrome)\/[\d.]+/)?.[0] ?? "unknown"})`,
    load: async () => files,
    paths: false,
    clientOptions: { dangerouslyAllowBrowser: true },
  });
  result.steps = { "refused without dangerouslyAllowBrowser": guard, ...result.steps };
  return result;
}
run().then(
  (result) => (globalThis.ecosystemResult = result),
  (error) => (globalThis.ecosystemResult = { steps: { page: `failed: ${error}` } }),
);
