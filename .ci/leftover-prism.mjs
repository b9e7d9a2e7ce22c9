// Lists Prism processes still running (Linux /proc), exit 1 if any: run after `npm test`.
import fs from "node:fs";

const leftovers = [];
for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (argv.some((arg) => /@stoplight[\\/]prism-cli[\\/]/.test(arg))) leftovers.push(`${pid} ${argv.join(" ")}`);
  } catch {
    // the process ended while we looked
  }
}
if (leftovers.length) {
  console.error(`Prism processes outlived npm test:\n${leftovers.join("\n")}`);
  process.exit(1);
}
console.log("no Prism process left running");
