import { DeadlineReached, abortErrorFor, raceAbort, sleep, startDeadline } from "../../../src/core/deadline";

const details = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };

describe("deadline", () => {
  it("aborts with DeadlineReached when the time is up, and reports what remains", async () => {
    const d = startDeadline(30, undefined);
    expect(d.remaining()).toBeGreaterThan(0);
    expect(d.remaining()).toBeLessThanOrEqual(30);
    await new Promise((r) => setTimeout(r, 60));
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(DeadlineReached);
    expect(d.remaining()).toBe(0);
    expect(abortErrorFor(d.signal, details)).toMatchObject({
      name: "MiniMaxTimeoutError",
      timeout: 30,
      message: "listFiles (GET http://h/v1/files/list) timed out after 30 ms",
    });
    d.dispose();
  });
  it("follows the caller's signal, already aborted or later, with its reason", () => {
    const d = startDeadline(10_000, AbortSignal.abort("early"));
    expect(d.signal.reason).toBe("early");
    const c = new AbortController();
    const d2 = startDeadline(10_000, c.signal);
    expect(d2.signal.aborted).toBe(false);
    c.abort("later");
    expect(d2.signal.reason).toBe("later");
    expect(abortErrorFor(d2.signal, details)).toMatchObject({
      name: "MiniMaxAbortError",
      cause: "later",
      message: "listFiles (GET http://h/v1/files/list) was aborted by its signal",
    });
  });
  it("sleep resolves after its time, or rejects at once on abort; raceAbort too", async () => {
    const c = new AbortController();
    await expect(sleep(5, c.signal, () => new Error("x"))).resolves.toBeUndefined();
    const slept = sleep(10_000, c.signal, () => new Error("stopped"));
    c.abort();
    await expect(slept).rejects.toThrow("stopped");
    await expect(sleep(1, c.signal, () => new Error("already"))).rejects.toThrow("already");
    await expect(raceAbort(Promise.resolve(1), new AbortController().signal, () => new Error("x"))).resolves.toBe(1);
    await expect(
      raceAbort(Promise.reject(new Error("own")), new AbortController().signal, () => new Error("x")),
    ).rejects.toThrow("own");
    await expect(raceAbort(new Promise(() => undefined), c.signal, () => new Error("aborted"))).rejects.toThrow(
      "aborted",
    );
    const c2 = new AbortController();
    const raced = raceAbort(new Promise(() => undefined), c2.signal, () => new Error("late"));
    c2.abort();
    await expect(raced).rejects.toThrow("late");
  });
});
