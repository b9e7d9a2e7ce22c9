// Error classes as a caller meets them: each is named after itself the way built-in errors are
// (so logs, `String(error)` and subclasses that set their own name work), `is()` answers for any
// value without throwing, and every error says what to do. Also guardBody's promise that a
// stream's end is reported once, however it ends.
import { fresh } from "../helpers/fresh";
import { guardBody } from "../../src/middleware";

// The classes are named in static blocks, module top-level code: loaded in each test (see
// tests/helpers/fresh.ts).
let errors: typeof import("../../src/errors");
beforeEach(() => {
  errors = fresh(() => require("../../src/errors") as typeof import("../../src/errors"));
});

const request = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };
const answered = { ...request, status: 200, traceId: undefined };
const apiDetails = { ...answered, statusCode: 2013, statusMsg: "invalid params", retryAfter: undefined, body: undefined, retryable: false, remedy: "Fix it." };

function samples() {
  const { MiniMaxError, MiniMaxConfigError, MiniMaxInputError, MiniMaxConnectionError, MiniMaxTimeoutError, MiniMaxAbortError, MiniMaxResponseError, MiniMaxAPIError } = errors;
  return [
    [MiniMaxError, new MiniMaxError("base")],
    [MiniMaxConfigError, new MiniMaxConfigError("apiKey", "apiKey is missing")],
    [MiniMaxInputError, new MiniMaxInputError("purpose", "purpose is wrong")],
    [MiniMaxConnectionError, new MiniMaxConnectionError({ ...request, requestSent: true, reason: "reset" }, { cause: undefined })],
    [MiniMaxTimeoutError, new MiniMaxTimeoutError({ ...request, timeout: 5 })],
    [MiniMaxAbortError, new MiniMaxAbortError(request, { cause: "stop" })],
    [MiniMaxResponseError, new MiniMaxResponseError({ ...answered, problem: "an empty body" })],
    [MiniMaxAPIError, new MiniMaxAPIError(apiDetails)],
  ] as const;
}

it("every error is named after its class, as String(error) and the stack show it", () => {
  for (const [ErrorClass, error] of samples()) {
    expect(error.name).toBe(ErrorClass.name);
    expect(String(error)).toBe(`${ErrorClass.name}: ${error.message}`);
    expect(String(error.stack)).toMatch(new RegExp(`^${ErrorClass.name}: `));
  }
});

it("the name sits on the prototype like Error.prototype.name: writable, configurable, not enumerable", () => {
  const builtIn = Object.getOwnPropertyDescriptor(Error.prototype, "name");
  for (const [ErrorClass, error] of samples()) {
    expect(Object.getOwnPropertyDescriptor(ErrorClass.prototype, "name")).toEqual({ ...builtIn, value: ErrorClass.name });
    expect(Object.keys(error)).not.toContain("name");
  }
  // So a caller's subclass can name its instances the usual way.
  class LoggedInputError extends errors.MiniMaxInputError {
    constructor(input: string, message: string) {
      super(input, message);
      this.name = "LoggedInputError";
    }
  }
  const mine = new LoggedInputError("purpose", "no");
  expect(String(mine)).toBe("LoggedInputError: no");
  expect(errors.MiniMaxInputError.is(mine)).toBe(true);
});

it("is() is true for this package's own errors and false, without throwing, for anything else", () => {
  const { MiniMaxError, MiniMaxAPIError, MiniMaxTimeoutError, MiniMaxInputError } = errors;
  const timeout = new MiniMaxTimeoutError({ ...request, timeout: 5 });
  expect(MiniMaxTimeoutError.is(timeout)).toBe(true);
  expect(MiniMaxError.is(timeout)).toBe(true);
  expect(MiniMaxAPIError.is(timeout)).toBe(false);
  for (const value of [null, undefined, "MiniMaxError", 7, Symbol("x"), () => undefined, new Error("plain")]) {
    expect(MiniMaxError.is(value)).toBe(false);
    expect(MiniMaxInputError.is(value)).toBe(false);
  }
});

it("every error says what to do, and only retryable ones say retrying may help", () => {
  for (const [, error] of samples().slice(3)) {
    const { remedy, retryable } = error as unknown as { remedy: string; retryable: boolean };
    expect(remedy.trim()).not.toBe("");
    expect(typeof retryable).toBe("boolean");
  }
  expect(new errors.MiniMaxAbortError(request, { cause: "stop" }).remedy).toMatch(/caller/);
  // An answer the client cannot use will not be different next time.
  expect(new errors.MiniMaxResponseError({ ...answered, problem: "an empty body" }).retryable).toBe(false);
});

describe("guardBody reports the stream's end once, however it ends", () => {
  it("cancelled while a read is pending", async () => {
    let ends = 0;
    let release: (() => void) | undefined;
    const source = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>((resolve) => (release = resolve)),
    });
    const guarded = guardBody(source, (e) => e as Error, () => ends++);
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
    const whole = guardBody(new Blob(["abc"]).stream(), (e) => e as Error, () => ends++);
    expect(await new Response(whole).text()).toBe("abc");
    expect(ends).toBe(1);
    const failing = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new Error("cut")) });
    const mapped = guardBody(failing, () => new Error("mapped"), () => ends++);
    await expect(new Response(mapped).text()).rejects.toThrow("mapped");
    expect(ends).toBe(2);
  });
});
