// Why the run's signal was aborted, and what must still be cleaned if a second signal cannot wait
// for the first one's cleanup. bin.ts aborts with an Interrupted; run.ts and commands.ts use it.
import os from "node:os";

/** Why the run's signal was aborted: a signal from outside (Ctrl-C is SIGINT, closing the terminal SIGHUP). */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
  constructor(readonly signalName: NodeJS.Signals) {
    super(`interrupted by ${signalName}`);
  }
  /** The shell's convention: 128 + the signal's number (130 for SIGINT, 129 SIGHUP, 143 SIGTERM). */
  get exitCode(): number {
    return 128 + (os.constants.signals[this.signalName] ?? 2);
  }
}

/** The exit code of a run whose signal was aborted: the signal's own, 130 when the reason is no Interrupted. */
export const interruptedCode = (signal: AbortSignal): number =>
  signal.reason instanceof Interrupted ? signal.reason.exitCode : 130;

/**
 * Synchronous clean-ups run when a second signal ends the process at once (process.exit), before
 * the first one's asynchronous clean-up (a download's temporary file, the --mock sandbox's
 * folder) could finish. Each is added while there is something to clean and removed afterwards.
 */
export class ForcedExitCleanups {
  private readonly cleanups = new Set<() => void>();

  /** Adds `cleanup`; the function returned removes it again. */
  add(cleanup: () => void): () => void {
    this.cleanups.add(cleanup);
    return () => void this.cleanups.delete(cleanup);
  }

  /** Runs every clean-up still registered; one that throws does not stop the others. */
  runNow(): void {
    for (const cleanup of [...this.cleanups]) {
      try {
        cleanup();
      } catch {
        // best effort: the process is exiting
      }
    }
    this.cleanups.clear();
  }
}
