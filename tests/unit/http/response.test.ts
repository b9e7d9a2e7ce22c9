// Reading answers: error reasons, body quotes, JSON bodies, content types.
import {
  checkBaseResp,
  isJsonContentType,
  notJson,
  parseJsonBody,
  quote,
  reasonOf,
  statusCodeOf,
  traceIdOf,
} from "../../../src/http/response";
import { JsonTextParser } from "../../../src/http/json";
import { createRedactor } from "../../../src/errors/redact";

const redact = createRedactor("sk-0123456789abcdef");
const details = {
  operation: "listFiles",
  request: { method: "GET", url: "http://h/v1/files/list" },
  status: 200,
  traceId: "t-9",
};
const withType = (type: string | null) =>
  new Response(null, type === null ? {} : { headers: { "content-type": type } });

it.each<[unknown, string | undefined]>([
  ["<html><head><title> 502 Bad\n Gateway </title></head><h1>ignored</h1></html>", "502 Bad Gateway"],
  ["<html><body><h1>Service Unavailable</h1></body></html>", "Service Unavailable"],
  ["<html><body>no title</body></html>", undefined],
  ["  plain   text\nreason ", "plain text reason"],
  ["x".repeat(250), `${"x".repeat(200)}…`],
  ["x".repeat(200), "x".repeat(200)], // exactly 200: no ellipsis
  ['<html><head><title lang="en">Bad Gateway</title></head></html>', "Bad Gateway"], // attributes
  ['<html><body><h1 class="err">Too Many Requests</h1></body></html>', "Too Many Requests"],
  ["   \n <html><body>no title, leading blanks</body></html>", undefined], // markup, not a reason
  ["quota < limit: try later", "quota < limit: try later"], // a "<" inside text is not markup
  ["", undefined],
  [{ title: "Body exceeded 10mb limit", detail: "Body exceeded 10mb limit" }, "Body exceeded 10mb limit"],
  [{ title: "Invalid request", detail: "Your request is not valid" }, "Invalid request: Your request is not valid"],
  [{ message: "m" }, "m"],
  [{ error: "e" }, "e"],
  [{ error: { message: "nested" } }, "nested"],
  [{ base_resp: { status_msg: "from base_resp" } }, "from base_resp"],
  [{ title: "  ", other: 1 }, undefined],
  [["array"], undefined],
  [42, undefined],
])("reasonOf(%p) → %p", (body, reason) => {
  expect(reasonOf(body)).toBe(reason);
});

it("quote() is one line, redacted, JSON-quoted and cut at 200 characters", () => {
  expect(quote("a\n  b\tc", redact)).toBe('"a b c"');
  expect(quote("  padded \n", redact)).toBe('"padded"');
  expect(quote("Bearer sk-0123456789abcdef", redact)).toBe('"Bearer [REDACTED]"');
  expect(quote("y".repeat(201), redact)).toBe(JSON.stringify(`${"y".repeat(200)}…`));
  expect(quote("y".repeat(200), redact)).toBe(JSON.stringify("y".repeat(200)));
});

it.each<[string | null, boolean]>([
  ["application/json", true],
  ["application/json; charset=utf-8", true],
  ["Application/JSON", true],
  ["application/problem+json", true],
  ["application/vnd.minimax.v1+json", true],
  ["application/jsonx", false],
  ["text/json", false],
  ["text/plain", false],
  ["text/plain; note=application/json", false], // the media type, not a parameter, decides
  [null, false],
])("isJsonContentType(%p) is %p", (type, json) => {
  expect(isJsonContentType(withType(type))).toBe(json);
});

describe("parseJsonBody", () => {
  // As the middleware does: the Content-Type first, then the body.
  const parse = async (text: string, type: string | null = "application/json") => {
    try {
      const refusal = notJson(
        withType(type),
        () => Promise.resolve(text),
        () => details,
        redact,
      );
      if (refusal) throw await refusal;
      const parser = new JsonTextParser();
      parser.push(text);
      return parseJsonBody(parser, () => details, redact);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  it("parses JSON, also without a content type", async () => {
    expect(await parse('{"a": 1}')).toEqual({ a: 1 });
    expect(await parse('{"a": 1}', null)).toEqual({ a: 1 });
  });
  it.each<[string, string | null, string]>([
    ["{}", "text/html", 'text/html instead of application/json: "{}"'],
    ["", "text/html", "text/html instead of application/json: an empty body"],
    ["   ", "application/json", "an empty body instead of JSON"],
    ["{oops", "application/json", 'a body that is not JSON: "{oops"'],
    ['{"file_id": "x"}', "application/json", 'a malformed id: file_id is "x", not an integer id'],
    // An error quotes the body as it came, not as quoted for the parse.
    [
      '{"file_id": 9007199254740993, oops',
      "application/json",
      'a body that is not JSON: "{\\"file_id\\": 9007199254740993, oops"',
    ],
  ])("%p (%s) is a MiniMaxResponseError with %s", async (text, type, problem) => {
    expect(await parse(text, type)).toBe(
      `MiniMaxResponseError: listFiles (GET http://h/v1/files/list) answered HTTP 200 with ${problem} (Trace-Id t-9)`,
    );
  });
});

it("statusCodeOf and traceIdOf", () => {
  expect([0, 1004, "2013", " 7 ", "-1", "1.0", "x", null, undefined, 1.5, 2 ** 60].map(statusCodeOf)).toEqual([
    0,
    1004,
    2013,
    7,
    -1,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect(traceIdOf(new Response("", { headers: { "Trace-Id": "abc" } }))).toBe("abc");
  expect(traceIdOf(new Response(""))).toBeUndefined();
});

it.each<[unknown, string]>([
  [5, "base_resp 5, not an integer status code"],
  ["ok", 'base_resp "ok", not an integer status code'],
  [{}, "base_resp.status_code missing, not an integer status code"],
])("a base_resp of %p is a MiniMaxResponseError naming it", (baseResp, problem) => {
  expect(() => checkBaseResp({ base_resp: baseResp }, withType("application/json"), () => details, redact)).toThrow(
    expect.objectContaining({ name: "MiniMaxResponseError", message: expect.stringContaining(problem) }),
  );
});
