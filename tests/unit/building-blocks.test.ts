// The small pieces the pipeline is made of: APIPromise, the deadline, body encoding, argument
// descriptions, error records.
import { APIPromise, MiniMaxAPIError, MiniMaxConnectionError, MiniMaxInputError, MiniMaxResponseError, UnprocessableEntityError } from "../../src";
import { serializeBody, toMultipart } from "../../src/body-serializer";
import { DeadlineReached, abortErrorFor, raceAbort, sleep, startDeadline } from "../../src/deadline";
import { describe as describeValue } from "../../src/inputs";

const details = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };

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
    expect(await make().withResponse().catch((e: unknown) => e)).toBe(error);
    let ran = false;
    await make()
      .finally(() => (ran = true))
      .catch(() => undefined);
    expect(ran).toBe(true);
  });
});

describe("deadline", () => {
  it("aborts with DeadlineReached when the time is up, and reports what remains", async () => {
    const d = startDeadline(30, undefined);
    expect(d.remaining()).toBeGreaterThan(0);
    expect(d.remaining()).toBeLessThanOrEqual(30);
    await new Promise((r) => setTimeout(r, 60));
    expect(d.signal.aborted).toBe(true);
    expect(d.signal.reason).toBeInstanceOf(DeadlineReached);
    expect(d.remaining()).toBe(0);
    expect(abortErrorFor(d.signal, details)).toMatchObject({ name: "MiniMaxTimeoutError", timeout: 30, message: "listFiles (GET http://h/v1/files/list) timed out after 30 ms" });
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
    expect(abortErrorFor(d2.signal, details)).toMatchObject({ name: "MiniMaxAbortError", cause: "later", message: "listFiles (GET http://h/v1/files/list) was aborted by its signal" });
  });
  it("sleep resolves after its time, or rejects at once on abort; raceAbort too", async () => {
    const c = new AbortController();
    await expect(sleep(5, c.signal, () => new Error("x"))).resolves.toBeUndefined();
    const slept = sleep(10_000, c.signal, () => new Error("stopped"));
    c.abort();
    await expect(slept).rejects.toThrow("stopped");
    await expect(sleep(1, c.signal, () => new Error("already"))).rejects.toThrow("already");
    await expect(raceAbort(Promise.resolve(1), new AbortController().signal, () => new Error("x"))).resolves.toBe(1);
    await expect(raceAbort(Promise.reject(new Error("own")), new AbortController().signal, () => new Error("x"))).rejects.toThrow("own");
    await expect(raceAbort(new Promise(() => undefined), c.signal, () => new Error("aborted"))).rejects.toThrow("aborted");
    const c2 = new AbortController();
    const raced = raceAbort(new Promise(() => undefined), c2.signal, () => new Error("late"));
    c2.abort();
    await expect(raced).rejects.toThrow("late");
  });
});

describe("serializeBody", () => {
  it("passes FormData, Blob and URLSearchParams through; nothing for no body", () => {
    const form = new FormData();
    const blob = new Blob(["x"]);
    const params = new URLSearchParams("a=1");
    expect(serializeBody(form)).toBe(form);
    expect(serializeBody(blob)).toBe(blob);
    expect(serializeBody(params)).toBe(params);
    expect(serializeBody(undefined)).toBeUndefined();
  });
  it("refuses a ReadableStream with a MiniMaxInputError naming body", () => {
    expect(() => serializeBody(new ReadableStream())).toThrow(expect.objectContaining({ name: "MiniMaxInputError", input: "body" }));
  });
  it("JSON with ids as integers; a body holding a Blob as multipart in field order", async () => {
    expect(serializeBody({ file_id: "123", purpose: "x" })).toBe('{"file_id":123,"purpose":"x"}');
    expect(serializeBody({ file_id: 5n })).toBe('{"file_id":5}');
    expect(serializeBody({ file_id: "abc" })).toBe('{"file_id":"abc"}');
    const form = serializeBody({ purpose: "voice_clone", skip: undefined, none: null, n: 3, file: new File(["abc"], "a.mp3") }) as FormData;
    expect([...form.keys()]).toEqual(["purpose", "n", "file"]);
    expect(form.get("n")).toBe("3");
    expect(toMultipart({ obj: { a: 1 } }).get("obj")).toBe('{"a":1}');
  });
});

it.each<[unknown, string]>([
  [undefined, "nothing (undefined)"],
  [null, "null"],
  ["abc", '"abc"'],
  ["z".repeat(61), JSON.stringify(`${"z".repeat(60)}…`)],
  [3, "number 3"],
  [true, "boolean true"],
  [5n, "bigint 5"],
  [[1], "an array"],
  [new Map(), "an object (Map)"],
  [Object.create(null), "an object (Object)"],
  [() => 1, "function"],
])("describe(%p) is %s", (value, text) => {
  expect(describeValue(value)).toBe(text);
});

describe("error records", () => {
  it("toJSON gives name, message and fields, never the stack", () => {
    const error = new MiniMaxInputError("purpose", "purpose must be one of a, b; got \"c\".");
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "MiniMaxInputError", message: 'purpose must be one of a, b; got "c".', input: "purpose" });
  });
  it("MiniMaxResponseError and MiniMaxConnectionError messages", () => {
    expect(new MiniMaxResponseError({ ...details, status: 200, traceId: undefined, problem: "an empty body" }).message).toBe("listFiles (GET http://h/v1/files/list) answered HTTP 200 with an empty body");
    expect(new MiniMaxConnectionError({ ...details, requestSent: true, reason: "reset" }, { cause: undefined }).message).toBe("listFiles (GET http://h/v1/files/list) failed: reset");
  });
  it("reads Prism's validation findings into `validation` and the message", () => {
    const body = { title: "Invalid request", validation: [{ location: ["query", "purpose"], severity: "Error", code: "enum", message: "must be equal to one of the allowed values" }, { code: 7 }, "junk"] };
    const error = new UnprocessableEntityError({ ...details, status: 422, traceId: undefined, statusCode: undefined, statusMsg: "Invalid request", retryAfter: undefined, body, retryable: false, remedy: "Fix it." });
    expect(error.validation).toEqual([
      { location: ["query", "purpose"], severity: "Error", code: "enum", message: "must be equal to one of the allowed values" },
      { location: [], severity: "", code: 7, message: "" },
    ]);
    expect(error.message).toBe('listFiles (GET http://h/v1/files/list) failed: HTTP 422 "Invalid request" (must be equal to one of the allowed values; ). Fix it.');
    const plain = new MiniMaxAPIError({ ...details, status: 500, traceId: "tr", statusCode: undefined, statusMsg: undefined, retryAfter: undefined, body: { validation: "no" }, retryable: true, remedy: "Wait." });
    expect(plain.validation).toBeUndefined();
    expect(plain.message).toBe("listFiles (GET http://h/v1/files/list) failed: HTTP 500. Wait. (Trace-Id tr)");
  });
});
