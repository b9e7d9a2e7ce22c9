// Exit 1 if a Prism started from this checkout is still running: run after `npm test`. Processes
// are listed with `ps` (scripts/lib/prism-processes.cjs), so this runs on Linux and macOS alike.
// Only this checkout's (its spec path is in Prism's arguments): another checkout's test run on the
// same machine is not this suite's leftover.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const { prismProcesses } = createRequire(import.meta.url)("../scripts/lib/prism-processes.cjs");
let leftovers;
try {
  leftovers = prismProcesses().filter((p) => p.cmdline.includes(`${root}${path.sep}`));
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
