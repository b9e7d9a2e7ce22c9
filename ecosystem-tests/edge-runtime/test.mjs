// Bundled for an edge runtime (esbuild with the "edge-light" condition, as Vercel's toolchain
// resolves packages), then run by edge-runtime.mjs in Vercel's edge-runtime VM: web APIs only, no
// Node built-ins, no require.
import * as files from "minimax-files";
import { lifecycle } from "./lifecycle.mjs";

globalThis.ecosystemDone = lifecycle({
  runtime: `edge-runtime (${globalThis.EdgeRuntime})`,
  load: async () => files,
  paths: false,
}).then((result) => console.log(JSON.stringify(result)));
