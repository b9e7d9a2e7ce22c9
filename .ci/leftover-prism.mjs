// Exit 1 if any Prism process is still running: run after `npm test`. Processes are listed with
// `ps` (scripts/lib/prism-processes.cjs), so this runs on Linux and macOS alike.
import { createRequire } from "node:module";

const { prismProcesses } = createRequire(import.meta.url)("../scripts/lib/prism-processes.cjs");
let leftovers;
try {
  leftovers = prismProcesses();
} catch (error) {
  // Not knowing is not "none left": fail, saying why.
  console.error(`leftover-prism: ${error.message}`);
  process.exit(1);
}
if (leftovers.length) {
  console.error(`Prism processes outlived npm test:\n${leftovers.map((p) => `${p.pid} ${p.cmdline}`).join("\n")}`);
  process.exit(1);
}
console.log("no Prism process left running");
