// What an error says when its status or code has no entry of its own: still a meaning and a
// remedy, in the message and on the error.
import { fresh } from "../helpers/fresh";

type ErrorMap = typeof import("../../src/error-map");
// The fallbacks are top-level code: loaded in each test (see tests/helpers/fresh.ts).
let apiErrorFor: ErrorMap["apiErrorFor"];
beforeEach(() => {
  ({ apiErrorFor } = fresh(() => require("../../src/error-map") as ErrorMap));
});

const details = { operation: "listFiles", request: { method: "GET", url: "https://api.minimax.io/v1/files/list" }, traceId: undefined, retryAfter: undefined, body: undefined, statusMsg: undefined };

it.each([
  ["an undocumented 5xx", 502, undefined, "server error", /retry your requests later/],
  ["an undocumented 4xx", 418, undefined, "unexpected HTTP status", /response body/],
  ["an undocumented business code", 200, 987654, "undocumented status code", /error-code list.*Trace-Id/],
])("%s says what it is and what to do", (_, status, statusCode, meaning, remedy) => {
  const error = apiErrorFor({ ...details, status, statusCode });
  expect(error.statusMsg).toBe(meaning);
  expect(error.message).toContain(meaning);
  expect(error.remedy).toMatch(remedy);
});
