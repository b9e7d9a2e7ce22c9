import { lifecycle } from "./lifecycle.mjs";
console.log(JSON.stringify(await lifecycle({ runtime: `bun ${Bun.version}`, load: () => import("minimax-files") })));
