// The sandbox's business errors, as MiniMax reports them (HTTP 200 + base_resp, openapi/reference-notes.md §2), and
// what its validator says about the requests that caused them.
import { documentedMaxBytes } from "../helpers/uploads";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuthenticationError, BadRequestError, MiniMaxFiles } from "../../src";
import { startSandbox, type Sandbox } from "../../src/sandbox";

let sandbox: Sandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await startSandbox({ apiKey: "sk-sandbox-errors" });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-sandbox-errors-"));
});
afterEach(async () => {
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = (apiKey = sandbox.apiKey) => new MiniMaxFiles({ apiKey, baseUrl: sandbox.url, maxRetries: 0 });
const traceIdOfLast = () => sandbox.exchanges.at(-1)!.response.headers["trace-id"];
const rawJson = async (response: Response) => ({
  status: response.status,
  traceId: response.headers.get("trace-id"),
  body: (await response.json()) as unknown,
});

it("a wrong key is 1004, an AuthenticationError carrying the Trace-Id; the spec is not broken by it", async () => {
  const error = await client("sk-wrong-key")
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ status: 200, statusCode: 1004, traceId: traceIdOfLast() });
  expect((error as Error).message).toContain(`(Trace-Id ${String(traceIdOfLast())})`);
  expect(sandbox.findings).toEqual([]);
  expect(sandbox.requestFindings).toEqual([]); // a well-formed key is the spec's business, its value is not
});

it("a wrong key on an upload is 1004 too, after the body was read (not a reset)", async () => {
  const file = path.join(dir, "a.mp3");
  fs.writeFileSync(file, Buffer.alloc(256 * 1024, 1));
  await expect(client("sk-wrong-key").upload({ file, purpose: "voice_clone" })).rejects.toMatchObject({
    name: "AuthenticationError",
    statusCode: 1004,
  });
});

it("a missing key is 1004, and a request finding: the spec requires bearer auth", async () => {
  const answer = await rawJson(await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`));
  expect(answer).toEqual({
    status: 200,
    traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    body: { base_resp: { status_code: 1004, status_msg: expect.any(String) } },
  });
  expect(sandbox.requestFindings).toEqual([
    {
      operation: "listFiles",
      check: "request_security",
      finding: "the Authorization header is missing",
      side: "request",
    },
  ]);
  expect(sandbox.findings).toEqual([]);
});

it("a purpose outside the enum, sent raw, is 2013, and the validator names the request's break", async () => {
  const form = new FormData();
  form.append("purpose", "fine-tune");
  form.append("file", new File(["ID3"], "a.mp3", { type: "audio/mpeg" }));
  const answer = await rawJson(
    await fetch(`${sandbox.url}/v1/files/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
      body: form,
    }),
  );
  expect(answer).toMatchObject({
    status: 200,
    body: {
      base_resp: {
        status_code: 2013,
        status_msg: expect.stringMatching(/^invalid params, purpose must be one of voice_clone, /),
      },
    },
  });
  expect(answer).not.toHaveProperty("body.file");
  expect(sandbox.requestFindings).toEqual([
    {
      operation: "uploadFile",
      check: "request_body",
      finding: expect.stringMatching(/^\/purpose must be equal to one of the allowed values/),
      side: "request",
    },
  ]);

  const listed = await rawJson(
    await fetch(`${sandbox.url}/v1/files/list?purpose=t2a_async`, {
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    }),
  );
  expect(listed).toMatchObject({ body: { base_resp: { status_code: 2013 } } });
  expect(sandbox.requestFindings[1]).toEqual({
    operation: "listFiles",
    check: "request_parameters",
    finding: expect.stringMatching(/^query parameter purpose: must be equal to one of the allowed values/),
    side: "request",
  });
  expect(sandbox.findings).toEqual([]);
});

it("a file_id that is not an integer, or is missing, is 2013 and a request finding", async () => {
  const get = (query: string) =>
    fetch(`${sandbox.url}/v1/files/retrieve${query}`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } }).then(
      rawJson,
    );
  expect(await get("?file_id=abc")).toMatchObject({ body: { base_resp: { status_code: 2013 } } });
  expect(await get("")).toMatchObject({ body: { base_resp: { status_code: 2013 } } });
  expect(await get("?file_id=9223372036854775808")).toMatchObject({ body: { base_resp: { status_code: 2013 } } });
  expect(sandbox.requestFindings).toEqual([
    {
      operation: "retrieveFile",
      check: "request_parameters",
      finding:
        'query parameter file_id: "abc" is not an integer in decimal (digits, "-" for a negative one, no leading zero)',
      side: "request",
    },
    {
      operation: "retrieveFile",
      check: "request_parameters",
      finding: "query parameter file_id is required and missing",
      side: "request",
    },
    {
      operation: "retrieveFile",
      check: "request_parameters",
      finding: "query parameter file_id: 9223372036854775808 is outside int64",
      side: "request",
    },
  ]);
  expect(sandbox.findings).toEqual([]);
});

it("a voice_clone file over the documented size is 2013 (a BadRequestError with the Trace-Id), and nothing is stored", async () => {
  const maxBytes = documentedMaxBytes("voice_clone");
  const file = path.join(dir, "long.mp3");
  fs.writeFileSync(file, "");
  fs.truncateSync(file, maxBytes + 1);
  const files = client();
  const error = await files.upload({ file, purpose: "voice_clone", checkLimits: false }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestError);
  expect(error).toMatchObject({
    statusCode: 2013,
    statusMsg: `invalid params, file too large: ${maxBytes + 1} bytes, voice_clone takes at most ${maxBytes}`,
    traceId: traceIdOfLast(),
  });
  expect(await files.list({ purpose: "voice_clone" })).toEqual([]);

  // At the limit it is taken.
  fs.truncateSync(file, maxBytes);
  await expect(files.upload({ file, purpose: "voice_clone" })).resolves.toMatchObject({ bytes: maxBytes });
  expect(sandbox.findings).toEqual([]);
});

it("a format the purpose does not take is 2013", async () => {
  const error = await client()
    .upload({ file: Buffer.from("hello"), filename: "notes.txt", purpose: "voice_clone", checkLimits: false })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({
    name: "BadRequestError",
    statusCode: 2013,
    statusMsg: 'invalid params, voice_clone takes mp3, m4a, wav files, not "notes.txt"',
  });
});

it("deleting with another purpose than the file's is refused, and the file stays", async () => {
  const files = client();
  const { file_id } = await files.upload({ file: Buffer.from("text"), filename: "a.txt", purpose: "t2a_async_input" });
  await expect(files.delete(file_id, { purpose: "voice_clone" })).rejects.toMatchObject({
    statusCode: 2013,
    statusMsg: "invalid params, purpose voice_clone is not the file's purpose",
  });
  await expect(files.retrieve(file_id)).resolves.toMatchObject({ file_id });
});

it("an unknown path is 404, a wrong method 405 with Allow, each a request finding", async () => {
  const auth = { authorization: `Bearer ${sandbox.apiKey}` };
  expect(await fetch(`${sandbox.url}/v1/files/nope`, { headers: auth }).then(rawJson)).toMatchObject({ status: 404 });
  const wrong = await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`, { method: "DELETE", headers: auth });
  expect(wrong.headers.get("allow")).toBe("GET");
  expect(await rawJson(wrong)).toMatchObject({ status: 405, traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
  expect(sandbox.requestFindings.map((f) => [f.check, f.side])).toEqual([
    ["operation_documented", "request"],
    ["operation_documented", "request"],
  ]);
  expect(sandbox.requestFindings[1]).toMatchObject({ operation: "DELETE /v1/files/list" });
  expect(sandbox.findings).toEqual([]);
});
