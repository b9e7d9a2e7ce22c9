// MiniMaxAPIError's message: what failed (an HTTP status, a MiniMax code, or both), the server's
// message on one line, Prism's findings, the remedy and the Trace-Id.
import { MiniMaxAPIError } from "../../../src";

const base = {
  operation: "uploadFile",
  request: { method: "POST", url: "http://h/v1/files/upload" },
  traceId: undefined,
  retryAfter: undefined,
  body: undefined,
  retryable: false,
  remedy: "Fix it.",
};

it("an in-band failure says the MiniMax code, not HTTP 200", () => {
  const error = new MiniMaxAPIError({ ...base, status: 200, statusCode: 2013, statusMsg: "invalid\n  params" });
  expect(error.message).toBe(
    'uploadFile (POST http://h/v1/files/upload) failed: MiniMax status 2013 "invalid params". Fix it.',
  );
  expect([error.status, error.statusCode, error.statusMsg]).toEqual([200, 2013, "invalid\n  params"]);
});

it("an HTTP failure says the status, and the code too when the body carried one", () => {
  expect(new MiniMaxAPIError({ ...base, status: 429, statusCode: 1002, statusMsg: undefined }).message).toBe(
    "uploadFile (POST http://h/v1/files/upload) failed: HTTP 429, MiniMax status 1002. Fix it.",
  );
  expect(
    new MiniMaxAPIError({ ...base, status: 502, statusCode: undefined, statusMsg: "Bad Gateway", traceId: "tr" })
      .message,
  ).toBe('uploadFile (POST http://h/v1/files/upload) failed: HTTP 502 "Bad Gateway". Fix it. (Trace-Id tr)');
});

it("keeps every detail it was given", () => {
  const error = new MiniMaxAPIError({
    ...base,
    status: 503,
    statusCode: undefined,
    statusMsg: undefined,
    retryAfter: 2,
    body: { a: 1 },
    retryable: true,
    traceId: "t",
  });
  expect({
    retryAfter: error.retryAfter,
    body: error.body,
    retryable: error.retryable,
    remedy: error.remedy,
    traceId: error.traceId,
    validation: error.validation,
  }).toEqual({
    retryAfter: 2,
    body: { a: 1 },
    retryable: true,
    remedy: "Fix it.",
    traceId: "t",
    validation: undefined,
  });
});
