// Commands over many items: a limit on how many run at once, no new item after an interrupt, and
// the summary of what failed, was cut short or never started.
import { MiniMaxInputError, MiniMaxAbortError } from "../../../src";
import { batchExitCode, eachLimited, NOT_STARTED, summarize, tally } from "../../../src/cli/batch";
import { exitCodeFor } from "../../../src/cli/exit-codes";
import type { Printer } from "../../../src/cli/output";
import { Interrupted } from "../../../src/cli/interrupted";

it("eachLimited runs at most `limit` items at once, every item once", async () => {
  let running = 0;
  let most = 0;
  const done: number[] = [];
  await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, new AbortController().signal, async (item) => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    done.push(item);
    running--;
  });
  expect(most).toBe(3);
  expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

it("eachLimited starts nothing once the signal is aborted", async () => {
  const controller = new AbortController();
  const started: number[] = [];
  await eachLimited([1, 2, 3, 4], 1, controller.signal, async (item) => {
    started.push(item);
    if (item === 2) controller.abort(new Interrupted("SIGINT"));
  });
  expect(started).toEqual([1, 2]);
});

const request = { operation: "uploadFile", request: { method: "POST", url: "http://h/v1/files/upload" } };

it("tally tells failures from items the interrupt cut short or kept from starting", () => {
  const controller = new AbortController();
  controller.abort(new Interrupted("SIGINT"));
  const outcomes = [
    { path: "a", file: {} },
    { path: "b", error: new MiniMaxInputError("file", "empty") },
    { path: "c", error: new MiniMaxAbortError(request, { cause: new Interrupted("SIGINT") }) },
    { path: "d", ...NOT_STARTED },
    { path: "e", skipped: "already stored", file_id: "1000" },
  ];
  expect(tally(controller.signal, outcomes, (o) => o.path)).toEqual({
    failed: ["b"],
    interrupted: ["c"],
    notStarted: ["d"],
    skipped: ["e"],
  });
});

it("summarize: one line for failures (none for a batch of one), one for what the interrupt left", () => {
  const notes: string[] = [];
  const printer = { note: (text: string) => notes.push(text) } as unknown as Printer;
  summarize(printer, "uploads", 4, { failed: ["b"], interrupted: ["c"], notStarted: ["d"], skipped: [] });
  expect(notes).toEqual(["1 of 4 uploads failed: b", "1 of 4 uploads done, 1 interrupted (c), 1 not started (d)"]);
  notes.length = 0;
  summarize(printer, "deletes", 1, { failed: ["x"], interrupted: [], notStarted: [], skipped: [] });
  expect(notes).toEqual([]);
  // Files --skip-existing left out are neither failures nor left undone.
  summarize(printer, "uploads", 3, { failed: [], interrupted: [], notStarted: ["c"], skipped: ["a", "b"] });
  expect(notes).toEqual(["2 of 3 already stored, not sent again: a, b", "0 of 3 uploads done, 1 not started (c)"]);
});

it("batchExitCode is 0, or the code of the first failure in the order given", () => {
  const first = new MiniMaxInputError("file", "empty");
  expect(batchExitCode([{ path: "a", file: {} }])).toBe(0);
  expect(
    batchExitCode([
      { path: "a", file: {} },
      { path: "b", error: first },
      { path: "c", error: new Error("x") },
    ]),
  ).toBe(exitCodeFor(first));
});
