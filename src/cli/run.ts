// One run of the CLI, from argv to exit code, with its streams, environment and interrupt signal
// passed in (bin.ts wires them to the process). Parse, open a client, run the command, print any
// failure as one line, and always close what was opened (the --mock sandbox, the progress bars).
import { parseCommandLine, PROGRAM } from "./args";
import { runCommand } from "./commands";
import { exitCodeFor } from "./exit-codes";
import { errorJson, Printer, scrubberFor } from "./output";
import { type ForcedExitCleanups, Interrupted, interruptedCode } from "./interrupted";
import { noProgress, progressBars, type Terminal } from "./progress";
import { openSession, type Session } from "./session";
import { UsageError } from "./usage-error";
import { packageVersion } from "./version";

export interface CliIO {
  /** The arguments after node and the script. */
  argv: readonly string[];
  stdout: Terminal;
  stderr: Terminal;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted with an Interrupted reason when the process is told to stop. */
  signal: AbortSignal;
  /** Run synchronously when a second signal ends the process before the run's own clean-up finished. */
  cleanups?: ForcedExitCleanups;
}

/** Every value given to --api-key on the command line, so that no message can echo one, even one that failed to parse. */
function keysIn(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) =>
    arg === "--api-key" ? [argv[i + 1] ?? ""] : arg.startsWith("--api-key=") ? [arg.slice("--api-key=".length)] : [],
  );
}

/** Whether the command line asks for --json (before any `--`), for errors found while parsing it. */
const asksForJson = (argv: readonly string[]) => {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
};

export async function run(io: CliIO): Promise<number> {
  const scrub = scrubberFor([io.env["MINIMAX_API_KEY"], ...keysIn(io.argv)]);
  const plain = new Printer(io.stdout, io.stderr, scrub);
  let outcome: ReturnType<typeof parseCommandLine>;
  try {
    // Help and --version are static text (commander's own errors go through plain.problem below,
    // scrubbed): scrubbing them would hide, say, the sandbox's documented key when it is exported.
    outcome = parseCommandLine(io.argv, packageVersion(), {
      writeOut: (t) => io.stdout.write(t),
      writeErr: (t) => io.stderr.write(t),
    });
  } catch (error) {
    plain.problem(error);
    // --json promises one document on stdout, also when the command line itself is wrong.
    if (asksForJson(io.argv)) plain.json({ error: errorJson(error, scrub) });
    return exitCodeFor(error);
  }
  if ("exitCode" in outcome) {
    // No command given (help went to stderr): still a usage error, and --json still gets its document.
    if (outcome.exitCode !== 0 && asksForJson(io.argv))
      plain.json({ error: errorJson(new UsageError(`no command given (see ${PROGRAM} --help)`), scrub) });
    return outcome.exitCode;
  }

  const invocation = outcome.run;
  const { json } = invocation.flags;
  const progress =
    io.stderr.isTTY && !json ? progressBars(io.stderr, { stdoutIsTTY: io.stdout.isTTY === true }) : noProgress();
  const printer = new Printer(io.stdout, io.stderr, scrub, progress.gate);
  let session: Session | undefined;
  let forgetSession: () => void = () => undefined;
  try {
    session = await openSession(invocation.flags, io.env);
    forgetSession = io.cleanups?.add(session.closeNow) ?? forgetSession;
    const code = await runCommand(
      { files: session.files, signal: io.signal, printer, progress, json, cleanups: io.cleanups },
      invocation,
    );
    if (!io.signal.aborted) return code;
  } catch (error) {
    // What an interrupt cut short is reported once, below, rather than as the abort error of a call.
    if (!io.signal.aborted) {
      printer.problem(error);
      // A command that failed as a whole printed no document: the error is it.
      if (json && !printer.printedJson) printer.json({ error: errorJson(error, scrub, io.signal) });
      return exitCodeFor(error);
    }
  } finally {
    progress.stop();
    await session?.close();
    forgetSession();
  }
  const reason: unknown = io.signal.reason;
  printer.note(`${reason instanceof Interrupted ? reason.message : "interrupted"}: cancelled what was in flight`);
  // list, retrieve and download print their document only on success; upload and delete always print theirs.
  if (json && !printer.printedJson)
    printer.json({
      error: errorJson(reason instanceof Interrupted ? reason : new Interrupted("SIGINT"), scrub, io.signal),
    });
  return interruptedCode(io.signal);
}
