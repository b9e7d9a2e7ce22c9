// The sandbox's record of its exchanges (src/sandbox/exchange-log.ts), with the real validator:
// every exchange kept in order, and each finding filed by its side.
import { ExchangeLog } from "../../../src/sandbox/exchange-log";
import { ExchangeValidator, type SandboxExchange } from "../../../src/sandbox/validator";

const validator = new ExchangeValidator();
const ok = '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}';
const list = (headers: Record<string, string>, body = ok): SandboxExchange => ({
  operation: "listFiles",
  request: { method: "GET", path: "/v1/files/list", query: { purpose: ["voice_clone"] }, headers },
  response: { status: 200, headers: { "content-type": "application/json" }, body, bytes: body.length },
});
const refusedDownload: SandboxExchange = {
  operation: "retrieveFileContent",
  request: {
    method: "GET",
    path: "/v1/files/retrieve_content",
    query: { file_id: ["1"] },
    headers: { authorization: "Bearer k" },
  },
  response: {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"base_resp":{"status_code":2013,"status_msg":"file not found: 1"}}',
    bytes: 60,
  },
};

it("without a validator, only records", () => {
  const log = new ExchangeLog(undefined);
  log.record(list({}, "not even JSON"));
  expect(log.exchanges).toHaveLength(1);
  expect([log.findings, log.requestFindings]).toEqual([[], []]);
});

it("keeps every exchange in order, and files each finding by its side", () => {
  const log = new ExchangeLog(validator);
  const exchanges = [
    list({ authorization: "Bearer k" }),
    list({}),
    list({ authorization: "Bearer k" }, '{"files":[],"base_resp":{"status_code":"0","status_msg":"success"}}'),
  ];
  for (const exchange of exchanges) log.record(exchange);
  expect(log.exchanges).toEqual(exchanges);
  expect(log.requestFindings).toEqual([
    {
      operation: "listFiles",
      check: "request_security",
      finding: "the Authorization header is missing",
      side: "request",
    },
  ]);
  expect(log.findings).toEqual([
    {
      operation: "listFiles",
      check: "response_schema_conformance",
      finding: "/base_resp/status_code must be integer",
      side: "response",
    },
  ]);
});

it("passes on whether the answer was an in-band refusal: a refused download's JSON answer is the request's finding", () => {
  const answered = new ExchangeLog(validator);
  answered.record(refusedDownload);
  expect(answered.findings.map((f) => f.check)).toEqual(["content_type_conformance"]);
  const refused = new ExchangeLog(validator);
  refused.record(refusedDownload, { refused: true });
  expect(refused.findings).toEqual([]);
  expect(refused.requestFindings).toEqual([
    {
      operation: "retrieveFileContent",
      check: "content_type_conformance",
      finding: expect.stringMatching(/the in-band refusal of this request/),
      side: "request",
    },
  ]);
});

it("a validator that fails is the sandbox's finding, named by operation or by method and path", () => {
  const log = new ExchangeLog(validator);
  const broken = (operation: string | undefined) =>
    ({
      ...list({}),
      operation,
      request: { method: "GET", path: "/v1/files/list", query: {} },
    }) as unknown as SandboxExchange; // no headers: the checks throw
  log.record(broken("listFiles"));
  log.record(broken(undefined));
  expect(log.exchanges).toHaveLength(2);
  expect(log.findings).toEqual([
    {
      operation: "listFiles",
      check: "validator",
      finding: expect.stringMatching(/^the validator failed: TypeError: /),
      side: "response",
    },
    {
      operation: "GET /v1/files/list",
      check: "validator",
      finding: expect.stringMatching(/^the validator failed: TypeError: /),
      side: "response",
    },
  ]);
});
