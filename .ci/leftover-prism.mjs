// Exit 1 if any Prism process is still running: run after `npm test`.
import { createRequire } from "node:module";

const { prismProcesses } = createRequire(import.meta.url)("../scripts/lib/prism-processes.cjs");
const leftovers = prismProcesses();
if (leftovers.length) {
  console.error(`Prism processes outlived npm test:\n${leftovers.map((p) => `${p.pid} ${p.cmdline}`).join("\n")}`);
  process.exit(1);
}
console.log("no Prism process left running");
