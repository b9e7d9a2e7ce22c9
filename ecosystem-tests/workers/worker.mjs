// A Cloudflare Worker that runs the lifecycle when it is fetched: bundled by wrangler itself
// (run.mjs), which resolves the package with the "workerd" condition (its web build).
import * as files from "minimax-files";
import { lifecycle } from "./lifecycle.mjs";

export default {
  async fetch(_request, env) {
    globalThis.ECOSYSTEM_ENV = env;
    const runtime = `Cloudflare Workers (workerd, ${env.COMPAT === "1" ? "with" : "without"} nodejs_compat)`;
    return Response.json(await lifecycle({ runtime, load: async () => files, paths: false }));
  },
};
