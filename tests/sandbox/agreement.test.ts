// The sandbox and its validator read a file_id and an Authorization header with one definition
// (validator.ts: readInt64Query, readInt64Json, readBearer): each odd value below is sent raw to the
// sandbox over a real socket, and the sandbox refuses it exactly when the validator reports it, with
// the same words. The table says what the definition makes of each value.
import http from "node:http";
import { createSandbox, FIRST_FILE_ID, type InternalSandbox } from "../../src/sandbox/server";
import type { SandboxExchange } from "../../src/sandbox/validator";

let sandbox: InternalSandbox;
let storedId: string;
beforeAll(async () => {
  sandbox = await createSandbox();
  const form = new FormData();
  form.append("purpose", "t2a_async_input");
  form.append("file", new File(["a text"], "a.txt", { type: "text/plain" }));
  const answer = await fetch(`${sandbox.url}/v1/files/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${sandbox.apiKey}` },
    body: form,
  });
  expect(await answer.text()).toContain(`"file_id":${FIRST_FILE_ID}`);
  storedId = FIRST_FILE_ID.toString();
});
afterAll(async () => {
  await sandbox.close();
});

/** One raw request (node:http sends the header bytes as given); its answer and the sandbox's record of it. */
async function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  const before = sandbox.exchanges.length;
  const requestBefore = sandbox.requestFindings.length;
  const { text, type } = await new Promise<{ text: string; type: string | undefined }>((resolve, reject) => {
    const request = http.request(`${sandbox.url}${path}`, { method, headers }, (res) => {
      let received = "";
      res
        .setEncoding("utf8")
        .on("data", (piece: string) => (received += piece))
        .on("end", () => resolve({ text: received, type: res.headers["content-type"] }));
    });
    request.on("error", reject).end(body);
  });
  const exchange: SandboxExchange | undefined = sandbox.exchanges[before];
  // A download's bytes stand as a success; every other answer is JSON.
  const json =
    type === "application/octet-stream"
      ? { base_resp: { status_code: 0, status_msg: "success" }, bytes: text }
      : JSON.parse(text);
  return {
    body: json as { base_resp: { status_code: number; status_msg: string }; bytes?: string },
    exchange,
    requestFindings: sandbox.requestFindings.slice(requestBefore),
  };
}
const auth = () => ({ authorization: `Bearer ${sandbox.apiKey}` });

type Verdict = "valid" | "refused";

// file_id in the query: decimal digits, "-" for a negative one, no leading zero, within int64.
const QUERY_IDS: [string, Verdict][] = [
  ["9007199254740993", "valid"], // the stored file
  ["0", "valid"],
  ["-1", "valid"], // int64 has negatives; the spec sets no minimum
  ["9223372036854775807", "valid"], // int64's largest
  ["-9223372036854775808", "valid"], // int64's smallest
  ["9223372036854775808", "refused"], // one above
  ["-9223372036854775809", "refused"],
  ["99999999999999999999999", "refused"],
  ["01", "refused"],
  ["-0", "refused"],
  ["1e3", "refused"],
  ["1.0", "refused"],
  [" 1", "refused"],
  ["1 ", "refused"],
  ["+1", "refused"],
  ["0x10", "refused"],
  ["１", "refused"], // a fullwidth digit
  ["", "refused"],
  ["abc", "refused"],
];

describe.each(["retrieve", "retrieve_content"])("GET /v1/files/%s", (path) => {
  it.each(QUERY_IDS)("file_id=%j: %s by both", async (value, verdict) => {
    const { body, exchange, requestFindings } = await send(
      "GET",
      `/v1/files/${path}?file_id=${encodeURIComponent(value)}`,
      auth(),
    );
    expect(exchange?.request.query).toEqual({ file_id: [value] }); // what was judged is what was sent
    const parameterFindings = requestFindings.filter((f) => f.check === "request_parameters");
    if (verdict === "valid") {
      expect(parameterFindings).toEqual([]);
      if (value === storedId)
        expect(body).toMatchObject({
          base_resp: { status_code: 0, status_msg: "success" },
          ...(path === "retrieve_content" && { bytes: "a text" }),
        });
      else expect(body.base_resp).toEqual({ status_code: 2013, status_msg: `file not found: ${BigInt(value)}` });
    } else {
      expect(parameterFindings).toHaveLength(1);
      const problem = parameterFindings[0]!.finding.replace(/^query parameter file_id: /, "");
      expect(body.base_resp).toEqual({ status_code: 2013, status_msg: `invalid params, file_id ${problem}` });
    }
  });
});

// file_id in the delete body: any JSON number whose value is an integer within int64 (JSON Schema's integer).
const BODY_IDS: [string, Verdict][] = [
  ["9007199254740999", "valid"],
  ["1.0", "valid"],
  ["1e3", "valid"],
  ["1E+3", "valid"],
  ["0.1e1", "valid"],
  ["-0", "valid"],
  ["-1", "valid"],
  ["9223372036854775807", "valid"],
  ["9223372036854775807.0", "valid"],
  ["9223372036854775808", "refused"],
  ["-9223372036854775809", "refused"],
  ["1e400", "refused"],
  ["1.5", "refused"],
  ["9007199254740993.5", "refused"],
  ['"9007199254740999"', "refused"],
  ["null", "refused"],
  ["true", "refused"],
  ["[1]", "refused"],
];

describe("POST /v1/files/delete", () => {
  it.each(BODY_IDS)("file_id %s: %s by both", async (literal, verdict) => {
    const text = `{"file_id":${literal},"purpose":"voice_clone"}`;
    const { body, exchange, requestFindings } = await send(
      "POST",
      "/v1/files/delete",
      { ...auth(), "content-type": "application/json" },
      text,
    );
    expect(exchange?.request.body).toBe(text);
    const bodyFindings = requestFindings.filter((f) => f.check === "request_body");
    if (verdict === "valid") {
      expect(bodyFindings).toEqual([]);
      expect(body.base_resp.status_msg).toMatch(/^file not found: -?\d+$/);
      expect(body.base_resp.status_code).toBe(2013);
    } else {
      expect(bodyFindings.length).toBeGreaterThan(0);
      expect(bodyFindings.every((f) => f.finding.startsWith("/file_id "))).toBe(true);
      expect(body.base_resp).toEqual({
        status_code: 2013,
        status_msg: expect.stringMatching(/^invalid params, file_id /),
      });
    }
  });

  it("a body that is not JSON (01 is no JSON number) is refused by both", async () => {
    const { body, requestFindings } = await send(
      "POST",
      "/v1/files/delete",
      { ...auth(), "content-type": "application/json" },
      '{"file_id":01,"purpose":"voice_clone"}',
    );
    expect(body.base_resp).toEqual({ status_code: 2013, status_msg: "invalid params, the body must be JSON" });
    expect(requestFindings).toEqual([
      {
        operation: "deleteFile",
        check: "request_body",
        finding: expect.stringMatching(/^the body is not JSON/),
        side: "request",
      },
    ]);
  });

  it("a Content-Type the spec does not document is refused by both", async () => {
    const { body, requestFindings } = await send(
      "POST",
      "/v1/files/delete",
      { ...auth(), "content-type": "text/plain" },
      `{"file_id":${storedId},"purpose":"t2a_async_input"}`,
    );
    expect(body.base_resp).toEqual({
      status_code: 2013,
      status_msg: "invalid params, the body must be application/json",
    });
    expect(requestFindings).toEqual([
      {
        operation: "deleteFile",
        check: "request_body",
        finding: 'Content-Type "text/plain" is not one the spec documents (application/json)',
        side: "request",
      },
    ]);
  });
});

// Authorization: RFC 6750 `Bearer 1*SP b64token`, the scheme in any case; spaces and tabs around
// the value are not part of it (RFC 9110 §5.5). A well-formed header with another key is refused
// by the sandbox (1004) and passes the validator: the key's value is not the spec's business.
type AuthVerdict = "accepted" | "malformed" | "wrong key";
const AUTHORIZATIONS: { name: string; header: (key: string) => string | undefined; verdict: AuthVerdict }[] = [
  { name: "Bearer <key>", header: (key) => `Bearer ${key}`, verdict: "accepted" },
  { name: "bearer <key>", header: (key) => `bearer ${key}`, verdict: "accepted" },
  { name: "BEARER <key>", header: (key) => `BEARER ${key}`, verdict: "accepted" },
  { name: "Bearer  <key> (two spaces)", header: (key) => `Bearer  ${key}`, verdict: "accepted" },
  { name: "Bearer <key> with a tab after it", header: (key) => `Bearer ${key}\t`, verdict: "accepted" },
  { name: "Bearer<tab><key>", header: (key) => `Bearer\t${key}`, verdict: "malformed" },
  { name: "Bearer <tab><key>", header: (key) => `Bearer \t${key}`, verdict: "malformed" },
  { name: "Bearer <key> extra", header: (key) => `Bearer ${key} extra`, verdict: "malformed" },
  { name: "Bearer<key>", header: (key) => `Bearer${key}`, verdict: "malformed" },
  { name: "Bearer", header: () => "Bearer", verdict: "malformed" },
  { name: "Bearer <key>:x (not a b64token)", header: (key) => `Bearer ${key}:x`, verdict: "malformed" },
  {
    name: "Basic <base64 of user:key>",
    header: (key) => `Basic ${Buffer.from(`user:${key}`).toString("base64")}`,
    verdict: "malformed",
  },
  { name: "Token <key>", header: (key) => `Token ${key}`, verdict: "malformed" },
  { name: "missing", header: () => undefined, verdict: "malformed" },
  { name: "Bearer <key>= (well-formed, another key)", header: (key) => `Bearer ${key}=`, verdict: "wrong key" },
  { name: "Bearer other-key", header: () => "Bearer other-key", verdict: "wrong key" },
];

it.each(AUTHORIZATIONS)("Authorization $name: $verdict", async ({ header, verdict }) => {
  const value = header(sandbox.apiKey);
  const { body, exchange, requestFindings } = await send(
    "GET",
    "/v1/files/list?purpose=voice_clone",
    value === undefined ? {} : { authorization: value },
  );
  const security = requestFindings.filter((f) => f.check === "request_security");
  expect(body.base_resp.status_code).toBe(verdict === "accepted" ? 0 : 1004);
  expect(security.length > 0).toBe(verdict === "malformed"); // the validator flags exactly what the sandbox refuses as malformed
  if (verdict === "malformed" && value !== undefined) expect(exchange?.request.headers["authorization"]).toBeDefined();
});

it("refuses to start with a key that no request could send as a bearer token", async () => {
  await expect(createSandbox({ apiKey: "two words" })).rejects.toThrow(/apiKey must be a bearer token/);
  await expect(createSandbox({ apiKey: "" })).rejects.toThrow(/apiKey must be a bearer token/);
});
