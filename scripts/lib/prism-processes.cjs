// The Prism processes running on this machine (Linux /proc), for the leftover check in CI and the
// launcher tests. CommonJS so both `.ci/*.mjs` and Jest's CommonJS tests can load it.
const fs = require("node:fs");

/** @returns {Array<{ pid: number, ppid: number, cmdline: string }>} */
function prismProcesses() {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!argv.some((arg) => /@stoplight[\\/]prism-cli[\\/]/.test(arg))) continue;
      const ppid = Number(/^\d+ \(.*\) \S (\d+)/.exec(fs.readFileSync(`/proc/${entry}/stat`, "utf8"))?.[1]);
      found.push({ pid: Number(entry), ppid, cmdline: argv.join(" ").trim() });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

module.exports = { prismProcesses };
