// One run of the CLI, from argv to exit code, with its streams, environment and interrupt signal
// passed in (bin.ts wires them to the process). Parse, open a client, run the command, print any
// failure as one line, and always close what was opened (the --mock sandbox, the progress bars).
import os from "node:os";
import { parseCommandLine } from "./args";
import { runCommand } from "./commands";
import { exitCodeFor } from "./exit-codes";
import { Printer, scrubberFor, type Sink } from "./output";
import { noProgress, progressBars, type Terminal } from "./progress";
import { openSession, type Session } from "./session";
import { packageVersion } from "./version";

/** Why the run's signal was aborted: a signal from outside (Ctrl-C is SIGINT). */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(readonly signalName: NodeJS.Signals) {
    super(`interrupted by ${signalName}`);
  }
  /** The shell's convention: 128 + the signal's number (130 for SIGINT). */
  get exitCode(): number {
    return 128 + (os.constants.signals[this.signalName] ?? 2);
  }
}

export interface CliIO {
  /** The arguments after node and the script. */
  argv: readonly string[];
  stdout: Sink;
  stderr: Terminal;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted with an Interrupted reason when the process is told to stop. */
  signal: AbortSignal;
}

/** Every value given to --api-key on the command line, so that no message can echo one, even one that failed to parse. */
function keysIn(argv: readonly string[]): string[] {
  return argv.flatMap((arg, i) => (arg === "--api-key" ? [argv[i + 1] ?? ""] : arg.startsWith("--api-key=") ? [arg.slice("--api-key=".length)] : []));
}

const interruptedCode = (signal: AbortSignal) => (signal.reason instanceof Interrupted ? signal.reason.exitCode : 130);

export async function run(io: CliIO): Promise<number> {
  const scrub = scrubberFor([io.env["MINIMAX_API_KEY"], ...keysIn(io.argv)]);
  const plain = new Printer(io.stdout, io.stderr, scrub);
  let outcome: ReturnType<typeof parseCommandLine>;
  try {
    outcome = parseCommandLine(io.argv, packageVersion(), { writeOut: (t) => io.stdout.write(scrub(t)), writeErr: (t) => io.stderr.write(scrub(t)) });
  } catch (error) {
    plain.problem(error);
    return exitCodeFor(error);
  }
  if ("exitCode" in outcome) return outcome.exitCode;

  const invocation = outcome.run;
  const { json } = invocation.flags;
  const progress = io.stderr.isTTY && !json ? progressBars(io.stderr) : noProgress();
  const printer = new Printer(io.stdout, io.stderr, scrub, progress.gate);
  let session: Session | undefined;
  try {
    session = await openSession(invocation.flags, io.env);
    const code = await runCommand({ files: session.files, signal: io.signal, printer, progress, json }, invocation);
    if (!io.signal.aborted) return code;
  } catch (error) {
    // What an interrupt cut short is reported once, below, rather than as the abort error of a call.
    if (!io.signal.aborted) {
      printer.problem(error);
      return exitCodeFor(error);
    }
  } finally {
    progress.stop();
    await session?.close();
  }
  printer.note(`${io.signal.reason instanceof Interrupted ? io.signal.reason.message : "interrupted"}: cancelled what was in flight`);
  return interruptedCode(io.signal);
}
