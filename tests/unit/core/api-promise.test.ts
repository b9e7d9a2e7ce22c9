// APIPromise: awaiting gives the data, withResponse() the response too, and the work is shared.
import { APIPromise } from "../../../src";

describe("APIPromise", () => {
  const response = new Response(null, { status: 200, headers: { "trace-id": "t" } });
  it("awaits to the data; then/catch/finally give plain Promises; withResponse gives everything", async () => {
    const p = new APIPromise(Promise.resolve({ data: 7, response, traceId: "t" }));
    expect(await p).toBe(7);
    const chained = p.then((n) => n + 1);
    expect(chained).not.toBeInstanceOf(APIPromise);
    expect(await chained).toBe(8);
    expect(await p.finally(() => undefined)).toBe(7);
    expect(await p.withResponse()).toEqual({ data: 7, response, traceId: "t" });
  });
  it("rejections reach catch, then's second argument and withResponse", async () => {
    const error = new Error("no");
    const make = () => new APIPromise<number>(Promise.reject(error));
    expect(await make().catch((e: unknown) => e)).toBe(error);
    expect(await make().then(undefined, (e: unknown) => e)).toBe(error);
    expect(
      await make()
        .withResponse()
        .catch((e: unknown) => e),
    ).toBe(error);
    let ran = false;
    await make()
      .finally(() => (ran = true))
      .catch(() => undefined);
    expect(ran).toBe(true);
  });
});
