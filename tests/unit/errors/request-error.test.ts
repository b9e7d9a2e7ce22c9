// The base of the errors about one request: operation, request, and a message that names both.
import {
  MiniMaxAbortError,
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxError,
  MiniMaxRequestError,
  MiniMaxResponseError,
  MiniMaxTimeoutError,
} from "../../../src";
import { traceSuffix } from "../../../src/errors/request-error";

const details = { operation: "listFiles", request: { method: "GET", url: "http://h/v1/files/list" } };

it("starts its message with the operation and the request, and keeps both", () => {
  const error = new MiniMaxRequestError(details, "did something");
  expect(error.message).toBe("listFiles (GET http://h/v1/files/list) did something");
  expect([error.operation, error.request]).toEqual([details.operation, details.request]);
  expect(error).toBeInstanceOf(MiniMaxError);
  expect(error.name).toBe("MiniMaxRequestError");
});

it("is the base of every request-level error, and of no other", () => {
  const answered = { ...details, status: 200, traceId: undefined };
  const requestLevel = [
    new MiniMaxConnectionError({ ...details, requestSent: false, reason: "refused" }, { cause: undefined }),
    new MiniMaxTimeoutError({ ...details, timeout: 5 }),
    new MiniMaxAbortError(details, { cause: undefined }),
    new MiniMaxResponseError({ ...answered, problem: "an empty body" }),
    new MiniMaxAPIError({
      ...answered,
      statusCode: 2013,
      statusMsg: undefined,
      retryAfter: undefined,
      body: undefined,
      retryable: false,
      remedy: "Fix it.",
    }),
  ];
  for (const error of requestLevel) {
    expect(MiniMaxRequestError.is(error)).toBe(true);
    expect(error.message.startsWith("listFiles (GET http://h/v1/files/list) ")).toBe(true);
  }
  expect(MiniMaxRequestError.is(new MiniMaxError("x"))).toBe(false);
});

it("ends messages with the Trace-Id only when there is one", () => {
  expect(traceSuffix("tr-9")).toBe(" (Trace-Id tr-9)");
  expect(traceSuffix(undefined)).toBe("");
  expect(traceSuffix("")).toBe("");
});
