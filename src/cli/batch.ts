// Commands over many items (upload, delete): at most n at a time, nothing new started after an
// interrupt, and one summary of what failed, was cut short or never started.
import { exitCodeFor, exitRowFor } from "./exit-codes";
import { errorJson, type Printer } from "./output";

/**
 * Runs `work` on each item, at most `limit` at a time; resolves when all have settled (work never
 * rejects here). Once `signal` is aborted no further item is started.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** An item of a batch that an interrupt kept from starting. */
export const NOT_STARTED = { skipped: "interrupted" } as const;

/** The outcomes of a batch sorted for its summary: failed, cut short by the interrupt, never started. */
export function tally<O extends object>(signal: AbortSignal, outcomes: readonly O[], name: (o: O) => string) {
  const cut = (o: O) => "error" in o && signal.aborted && exitRowFor(o.error).kind === "interrupted";
  return {
    failed: outcomes.filter((o) => "error" in o && !cut(o)).map(name),
    interrupted: outcomes.filter(cut).map(name),
    notStarted: outcomes.filter((o) => "skipped" in o && o.skipped === NOT_STARTED.skipped).map(name),
    /** Not sent by choice (upload --skip-existing: stored already). */
    skipped: outcomes.filter((o) => "skipped" in o && o.skipped !== NOT_STARTED.skipped).map(name),
  };
}

/** The summary lines of a batch (`what`: "uploads", "deletes"), nothing when everything was done. */
export function summarize(
  printer: Printer,
  what: string,
  total: number,
  { failed, interrupted, notStarted, skipped }: ReturnType<typeof tally>,
): void {
  if (skipped.length > 0)
    printer.note(`${skipped.length} of ${total} already stored, not sent again: ${skipped.join(", ")}`);
  // A batch of one has printed its one failure already: a summary would only say it again.
  if (failed.length > 0 && total > 1) printer.note(`${failed.length} of ${total} ${what} failed: ${failed.join(", ")}`);
  if (interrupted.length + notStarted.length > 0) {
    const parts = [
      interrupted.length > 0 && `${interrupted.length} interrupted (${interrupted.join(", ")})`,
      notStarted.length > 0 && `${notStarted.length} not started (${notStarted.join(", ")})`,
    ];
    printer.note(
      `${total - interrupted.length - notStarted.length - failed.length - skipped.length} of ${total} ${what} done, ${parts.filter(Boolean).join(", ")}`,
    );
  }
}

/** Exit code of a batch: 0, or that of its first failure in the order the items were given. */
export function batchExitCode(outcomes: readonly object[]): number {
  const failed = outcomes.find((o): o is { error: unknown } => "error" in o);
  return failed ? exitCodeFor(failed.error) : 0;
}

/** The end of a batch: its --json document (each error as errorJson), its summary, its exit code. */
export function finishBatch<O extends object>(
  ctx: { json: boolean; printer: Printer; signal: AbortSignal },
  what: string,
  outcomes: readonly O[],
  name: (o: O) => string,
): number {
  // printer.json scrubs the whole document (a path could hold the key).
  if (ctx.json)
    ctx.printer.json(
      outcomes.map((o) => ("error" in o ? { ...o, error: errorJson(o.error, ctx.printer.scrub, ctx.signal) } : o)),
    );
  summarize(ctx.printer, what, outcomes.length, tally(ctx.signal, outcomes, name));
  return batchExitCode(outcomes);
}
