import { lifecycle } from "./lifecycle.mjs";
console.log(
  JSON.stringify(await lifecycle({ runtime: `node ${process.version} (ESM)`, load: () => import("minimax-files") })),
);
