import { guardBody } from "../../../src/http/guard-body";

describe("guardBody reports the stream's end once, however it ends", () => {
  it("cancelled while a read is pending", async () => {
    let ends = 0;
    let release: (() => void) | undefined;
    const source = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const guarded = guardBody(
      source,
      (e) => e as Error,
      () => ends++,
    );
    const reader = guarded.getReader();
    const pending = reader.read();
    await new Promise((r) => setImmediate(r));
    await reader.cancel("done with it");
    release?.();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    await new Promise((r) => setImmediate(r));
    expect(ends).toBe(1);
  });

  it("read to its end, or failed", async () => {
    let ends = 0;
    const whole = guardBody(
      new Blob(["abc"]).stream(),
      (e) => e as Error,
      () => ends++,
    );
    expect(await new Response(whole).text()).toBe("abc");
    expect(ends).toBe(1);
    const failing = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error("cut")) });
    const mapped = guardBody(
      failing,
      () => new Error("mapped"),
      () => ends++,
    );
    await expect(new Response(mapped).text()).rejects.toThrow("mapped");
    expect(ends).toBe(2);
  });
});
