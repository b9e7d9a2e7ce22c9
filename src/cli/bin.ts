#!/usr/bin/env node
// The minimax-files command: wires run() to this process (arguments, streams, environment,
// signals) and exits with the code it gives. See run.ts; --help lists commands and exit codes.
import { ForcedExitCleanups, Interrupted } from "./interrupted";
import { run } from "./run";

const controller = new AbortController();
const cleanups = new ForcedExitCleanups();
// SIGHUP: the terminal was closed (or `kill -HUP`); like Ctrl-C, nothing partial may stay behind.
for (const name of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(name, () => {
    const interrupted = new Interrupted(name);
    // A second signal while the first one's cleanup runs: stop waiting, but first remove what the
    // cleanup would have removed (a download's temporary file, the --mock sandbox's folder), at once.
    if (controller.signal.aborted) {
      cleanups.runNow();
      if (process.stderr.isTTY) process.stderr.write("\x1b[?25h"); // the progress bars hide the cursor
      process.exit(interrupted.exitCode);
    }
    // Every call in flight gets the signal: uploads stop, a download removes its temporary file.
    controller.abort(interrupted);
  });
}

// stderr gone (the terminal closed, which is also what sends SIGHUP): nothing can be shown there, and the cleanup must still run.
process.stderr.on("error", () => undefined);

// Output piped into something that stopped reading (`| head`): nothing more can be shown, so end quietly rather than with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
});

run({
  argv: process.argv.slice(2),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
  cleanups,
}).then(
  (code) => {
    process.exitCode = code;
    // Normally the process ends here by itself; a handle left open (a socket) must not keep a finished command alive.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (error: unknown) => {
    // run() reports its own failures; reaching this is a bug, and its message may not name secrets, so only the type is shown.
    process.stderr.write(`minimax-files: internal error (${error instanceof Error ? error.name : typeof error})\n`);
    process.exit(1);
  },
);
