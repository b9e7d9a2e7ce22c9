// Error classes as a caller meets them: each is named after itself the way built-in errors are
// (so logs, `String(error)` and subclasses that set their own name work), `is()` answers for any
// value without throwing, and every error says what to do.
import { fresh } from "../../helpers/fresh";
import {
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxInputError,
  MiniMaxResponseError,
  UnprocessableEntityError,
} from "../../../src";

// The classes are named in static blocks, module top-level code: loaded in each test (see
// tests/helpers/fresh.ts).
let errors: typeof import("../../../src/errors");
beforeEach(() => {
  errors = fresh(() => require("../../../src/errors") as typeof import("../../../src/errors"));
});

const request = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };
const answered = { ...request, status: 200, traceId: undefined };
const apiDetails = {
  ...answered,
  statusCode: 2013,
  statusMsg: "invalid params",
  retryAfter: undefined,
  body: undefined,
  retryable: false,
  remedy: "Fix it.",
};

function samples() {
  const {
    MiniMaxError,
    MiniMaxConfigError,
    MiniMaxInputError,
    MiniMaxConnectionError,
    MiniMaxTimeoutError,
    MiniMaxAbortError,
    MiniMaxResponseError,
    MiniMaxAPIError,
  } = errors;
  return [
    [MiniMaxError, new MiniMaxError("base")],
    [MiniMaxConfigError, new MiniMaxConfigError("apiKey", "apiKey is missing")],
    [MiniMaxInputError, new MiniMaxInputError("purpose", "purpose is wrong")],
    [
      MiniMaxConnectionError,
      new MiniMaxConnectionError({ ...request, requestSent: true, reason: "reset" }, { cause: undefined }),
    ],
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
    expect(Object.getOwnPropertyDescriptor(ErrorClass.prototype, "name")).toEqual({
      ...builtIn,
      value: ErrorClass.name,
    });
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

const details = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };

describe("error records", () => {
  it("toJSON gives name, message and fields, never the stack", () => {
    const error = new MiniMaxInputError("purpose", 'purpose must be one of a, b; got "c".');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "MiniMaxInputError",
      message: 'purpose must be one of a, b; got "c".',
      input: "purpose",
    });
  });
  it("MiniMaxResponseError and MiniMaxConnectionError messages", () => {
    expect(
      new MiniMaxResponseError({ ...details, status: 200, traceId: undefined, problem: "an empty body" }).message,
    ).toBe("listFiles (GET http://h/v1/files/list) answered HTTP 200 with an empty body");
    expect(
      new MiniMaxConnectionError({ ...details, requestSent: true, reason: "reset" }, { cause: undefined }).message,
    ).toBe("listFiles (GET http://h/v1/files/list) failed: reset");
  });
  it("reads Prism's validation findings into `validation` and the message", () => {
    const body = {
      title: "Invalid request",
      validation: [
        {
          location: ["query", "purpose"],
          severity: "Error",
          code: "enum",
          message: "must be equal to one of the allowed values",
        },
        { code: 7 },
        "junk",
      ],
    };
    const error = new UnprocessableEntityError({
      ...details,
      status: 422,
      traceId: undefined,
      statusCode: undefined,
      statusMsg: "Invalid request",
      retryAfter: undefined,
      body,
      retryable: false,
      remedy: "Fix it.",
    });
    expect(error.validation).toEqual([
      {
        location: ["query", "purpose"],
        severity: "Error",
        code: "enum",
        message: "must be equal to one of the allowed values",
      },
      { location: [], severity: "", code: 7, message: "" },
    ]);
    expect(error.message).toBe(
      'listFiles (GET http://h/v1/files/list) failed: HTTP 422 "Invalid request" (must be equal to one of the allowed values; ). Fix it.',
    );
    const plain = new MiniMaxAPIError({
      ...details,
      status: 500,
      traceId: "tr",
      statusCode: undefined,
      statusMsg: undefined,
      retryAfter: undefined,
      body: { validation: "no" },
      retryable: true,
      remedy: "Wait.",
    });
    expect(plain.validation).toBeUndefined();
    expect(plain.message).toBe("listFiles (GET http://h/v1/files/list) failed: HTTP 500. Wait. (Trace-Id tr)");
  });
});
