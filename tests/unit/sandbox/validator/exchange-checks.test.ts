// The checks of a recorded exchange (src/sandbox/validator/exchange-checks.ts). First the
// response_headers_conformance check (ExchangeValidator.responseHeaderFindings).
// The effective spec documents no response headers today, so the contract suite reports that
// check as not applicable; this test keeps the check itself honest for when one is documented.
import { ExchangeValidator, sharedExchangeValidator } from "../../../../src/sandbox/validator/exchange-checks";

const documented = {
  description: "OK",
  headers: {
    "Trace-Id": { required: true, schema: { type: "string", pattern: "^[0-9a-f]{32}$" } },
    "X-RateLimit-Remaining": { schema: { type: "integer", minimum: 0 } },
    "Content-Type": { required: true, schema: { type: "string" } }, // ignored, as OAS says
  },
};
const validator = new ExchangeValidator();

it("passes documented headers that are present and valid, and optional ones left out", () => {
  expect(validator.responseHeaderFindings(documented, { "trace-id": "0123456789abcdef0123456789abcdef" })).toEqual([]);
  expect(
    validator.responseHeaderFindings(documented, {
      "trace-id": "0123456789abcdef0123456789abcdef",
      "x-ratelimit-remaining": "7",
    }),
  ).toEqual([]);
});

it("names a required header that is missing, and values the header's schema refuses", () => {
  expect(validator.responseHeaderFindings(documented, {})).toEqual(["header Trace-Id is required and missing"]);
  expect(validator.responseHeaderFindings(documented, { "trace-id": "nope", "x-ratelimit-remaining": "-1" })).toEqual([
    'header Trace-Id: must match pattern "^[0-9a-f]{32}$"',
    "header X-RateLimit-Remaining: must be >= 0",
  ]);
  expect(
    validator.responseHeaderFindings(documented, {
      "trace-id": "0123456789abcdef0123456789abcdef",
      "x-ratelimit-remaining": "many",
    }),
  ).toEqual(['header X-RateLimit-Remaining: "many" is not a number']);
});

it("a response that documents no headers has nothing to check", () => {
  expect(validator.responseHeaderFindings({ description: "OK" }, { anything: "x" })).toEqual([]);
});

describe("validate: an exchange's breaks of the spec, each with its side", () => {
  const listExchange = ({
    headers = { authorization: "Bearer k" },
    query = { purpose: ["voice_clone"] },
    status = 200,
    body = '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}',
  }: {
    headers?: Record<string, string>;
    query?: Record<string, string[]>;
    status?: number;
    body?: string;
  } = {}) => ({
    operation: "listFiles",
    request: { method: "GET", path: "/v1/files/list", query, headers },
    response: { status, headers: { "content-type": "application/json; charset=utf-8" }, body, bytes: body.length },
  });

  it("a conforming exchange has none", () => {
    expect(validator.validate(listExchange())).toEqual([]);
  });

  it("what the request got wrong is the request's: its key, its parameters", () => {
    expect(
      validator.validate(listExchange({ headers: {}, query: { purpose: ["voice_clone", "voice_clone"] } })),
    ).toEqual([
      {
        operation: "listFiles",
        check: "request_security",
        finding: "the Authorization header is missing",
        side: "request",
      },
      {
        operation: "listFiles",
        check: "request_parameters",
        finding: "query parameter purpose is given 2 times",
        side: "request",
      },
    ]);
    expect(validator.validate(listExchange({ query: {} }))).toEqual([
      {
        operation: "listFiles",
        check: "request_parameters",
        finding: "query parameter purpose is required and missing",
        side: "request",
      },
    ]);
  });

  it("what the answer got wrong is the response's: its status, its body", () => {
    expect(validator.validate(listExchange({ status: 201 }))).toEqual([
      {
        operation: "listFiles",
        check: "status_code_conformance",
        finding: "HTTP 201 is not a documented response (documented: 200)",
        side: "response",
      },
    ]);
    expect(
      validator.validate(listExchange({ body: '{"files":[],"base_resp":{"status_code":"0","status_msg":"success"}}' })),
    ).toEqual([
      {
        operation: "listFiles",
        check: "response_schema_conformance",
        finding: "/base_resp/status_code must be integer",
        side: "response",
      },
    ]);
    expect(validator.validate(listExchange({ body: "{" }))).toEqual([
      {
        operation: "listFiles",
        check: "response_schema_conformance",
        finding: expect.stringMatching(/^the body is not JSON: /),
        side: "response",
      },
    ]);
  });

  it("a request to no documented operation is the request's", () => {
    const exchange = {
      operation: undefined,
      request: { method: "PUT", path: "/v1/files/list", query: {}, headers: {} },
      response: { status: 405, headers: {}, body: "{}", bytes: 2 },
    };
    expect(validator.validate(exchange)).toEqual([
      {
        operation: "PUT /v1/files/list",
        check: "operation_documented",
        finding: "the spec documents no PUT on /v1/files/list",
        side: "request",
      },
    ]);
  });

  it("a body left unread (refused first) is not judged; a multipart body is judged by its parts", () => {
    const upload = (request: Record<string, unknown>) => ({
      operation: "uploadFile",
      request: {
        method: "POST",
        path: "/v1/files/upload",
        query: {},
        headers: { authorization: "Bearer k", "content-type": "multipart/form-data; boundary=x" },
        ...request,
      },
      response: {
        status: 200,
        headers: { "content-type": "application/json" },
        body: '{"base_resp":{"status_code":1004,"status_msg":"no"}}',
        bytes: 10,
      },
    });
    expect(
      validator.validate(upload({ unreadBody: "refused for its key before it was read" }), { refused: true }),
    ).toEqual([]);
    expect(
      validator
        .validate(upload({ form: { purpose: { filename: "a", type: "text/plain", bytes: 1 }, file: "text" } }), {
          refused: true,
        })
        .map((f) => [f.check, f.finding, f.side]),
    ).toEqual([
      ["request_body", "/purpose must be a text field, not a file part", "request"],
      ["request_body", "/file must be a file part, not a text field", "request"],
      ["request_body", expect.stringMatching(/^\/purpose must be equal to one of the allowed values/), "request"], // a file part stands as "" in the schema's view
    ]);
    expect(validator.validate(upload({ formError: "Unexpected end of form" }), { refused: true })).toEqual([
      {
        operation: "uploadFile",
        check: "request_body",
        finding: "the multipart body could not be read: Unexpected end of form",
        side: "request",
      },
    ]);
  });
});

it("sharedExchangeValidator is one validator for the whole process", () => {
  expect(sharedExchangeValidator()).toBe(sharedExchangeValidator());
  expect(sharedExchangeValidator()).toBeInstanceOf(ExchangeValidator);
});
