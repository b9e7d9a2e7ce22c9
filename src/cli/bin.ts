#!/usr/bin/env node
// The minimax-files command: wires run() to this process (arguments, streams, environment,
// signals) and exits with the code it gives. See run.ts; --help lists commands and exit codes.
import { Interrupted, run } from "./run";

const controller = new AbortController();
for (const name of ["SIGINT", "SIGTERM"] as const) {
  process.on(name, () => {
    const interrupted = new Interrupted(name);
    // A second Ctrl-C while the first one's cleanup runs: stop waiting.
    if (controller.signal.aborted) {
      if (process.stderr.isTTY) process.stderr.write("\x1b[?25h"); // the progress bars hide the cursor
      process.exit(interrupted.exitCode);
    }
    // Every call in flight gets the signal: uploads stop, a download removes its temporary file.
    controller.abort(interrupted);
  });
}

// Output piped into something that stopped reading (`| head`): nothing more can be shown, so end quietly rather than with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
});

run({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal }).then(
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
