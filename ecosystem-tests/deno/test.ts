import { lifecycle } from "./lifecycle.mjs";
console.log(
  JSON.stringify(await lifecycle({ runtime: `deno ${Deno.version.deno}`, load: () => import("minimax-files") })),
);
