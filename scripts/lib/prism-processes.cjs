// The Prism processes running on this machine, for the leftover check in CI and the launcher
// tests. CommonJS so both `.ci/*.mjs` and Jest's CommonJS tests can load it.
//
// Listed with POSIX `ps` rather than by reading /proc, so the same code runs on Linux (CI) and
// macOS, which has no /proc. `-ww`: without it ps may cut args to a width (procps to $COLUMNS when
// that is set, BSD ps to the window's), and the path to @stoplight/prism-cli can be past it.
// ps-list was weighed and not taken: it is ESM-only (Jest here runs CommonJS) and on Linux and
// macOS runs `ps` too. Windows has no `ps`: the error below says so rather than answer "no Prism".
const { execFileSync } = require("node:child_process");

const PRISM = /@stoplight[\\/]prism-cli[\\/]/;
// "  pid  ppid  pgid stat args…": ps right-aligns the numbers; args run to the end of the line.
const ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s(.*)$/;

/**
 * Every process as `ps` sees it (POSIX: Linux, macOS, the BSDs), for any test that looks for a
 * process by its arguments or parent without /proc.
 * `zombie`: ended, not yet reaped by its parent (state Z), so no longer running.
 * @returns {Array<{ pid: number, ppid: number, pgid: number, zombie: boolean, cmdline: string }>}
 */
function allProcesses() {
  let text;
  try {
    text = execFileSync("ps", ["-A", "-ww", "-o", "pid=,ppid=,pgid=,stat=,args="], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const why =
      error.code === "ENOENT"
        ? "there is no `ps` on the PATH"
        : `\`ps\` failed: ${String(error.stderr || error.message).trim()}`;
    throw new Error(`cannot list processes: ${why} (needs a POSIX ps, as on Linux and macOS)`);
  }
  const found = [];
  for (const line of text.split("\n")) {
    const match = ROW.exec(line);
    if (match)
      found.push({
        pid: Number(match[1]),
        ppid: Number(match[2]),
        pgid: Number(match[3]),
        zombie: match[4].startsWith("Z"),
        cmdline: match[5].trim(),
      });
  }
  return found;
}

/** @returns {Array<{ pid: number, ppid: number, pgid: number, zombie: boolean, cmdline: string }>} */
function prismProcesses() {
  return allProcesses().filter((p) => p.pid !== process.pid && !p.zombie && PRISM.test(p.cmdline));
}

module.exports = { prismProcesses, allProcesses };
