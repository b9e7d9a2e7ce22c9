// The sandbox's validator catches a broken answer, names the operation and the JSON path, and
// judges int64 numbers by their exact text (never by a rounded JS number). Its parts one by one:
// tests/unit/sandbox/validator/.
import { LosslessNumber } from "lossless-json";
import { MiniMaxFiles } from "../../src";
import { createSandbox, type InternalSandbox, type SandboxHooks } from "../../src/sandbox/server";
import { ExchangeValidator } from "../../src/sandbox/validator";

let sandbox: InternalSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const start = async (hooks: SandboxHooks, validate = true) => {
  sandbox = await createSandbox({ validate }, hooks);
  return { sandbox, files: new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 }) };
};
type Body = Record<string, any>;

it("file_id served as a string: the client takes it, the validator names listFiles and /files/0/file_id", async () => {
  const { sandbox, files } = await start({
    transformResponse: (operation, body: Body) =>
      operation === "listFiles"
        ? { ...body, files: body["files"].map((f: Body) => ({ ...f, file_id: String(f["file_id"]) })) }
        : body,
  });
  const { file_id } = await files.upload({ file: Buffer.from("ID3"), filename: "a.mp3", purpose: "voice_clone" });
  await expect(files.list({ purpose: "voice_clone" })).resolves.toEqual([expect.objectContaining({ file_id })]);
  expect(sandbox.exchanges[1]!.response.body).toContain(`"file_id":"${file_id}"`);
  expect(sandbox.findings).toEqual([
    {
      operation: "listFiles",
      check: "response_schema_conformance",
      finding: "/files/0/file_id must be integer",
      side: "response",
    },
  ]);
});

it.each([
  ["an id beyond int64", "file_id", "9223372036854775808", ['/file/file_id must match format "int64"']],
  [
    "an id with a fraction lost to double rounding",
    "file_id",
    "9007199254740993.5",
    ["/file/file_id must be integer", '/file/file_id must match format "int64"'],
  ],
  ["bytes with a fraction", "bytes", "12.5", ["/file/bytes must be integer", '/file/bytes must match format "int64"']],
])("%s is caught from the exact text (%s %s)", async (_, field, text, expected) => {
  const { sandbox, files } = await start({
    transformResponse: (operation, body: Body) =>
      operation === "retrieveFile" ? { ...body, file: { ...body["file"], [field]: new LosslessNumber(text) } } : body,
  });
  const { file_id } = await files.upload({ file: Buffer.from("ID3"), filename: "a.mp3", purpose: "voice_clone" });
  await files.retrieve(file_id).catch(() => undefined); // the client may refuse it too; the finding is the point
  expect(sandbox.exchanges[1]!.response.body).toContain(`"${field}":${text}`);
  expect(sandbox.findings).toEqual(
    expected.map((finding) => ({
      operation: "retrieveFile",
      check: "response_schema_conformance",
      finding,
      side: "response",
    })),
  );
});

it("a JSON answer where the spec documents only bytes is the sandbox's content_type_conformance finding, unless it refuses the request", async () => {
  const { sandbox, files } = await start({});
  const { file_id } = await files.upload({ file: Buffer.from("ID3"), filename: "a.mp3", purpose: "voice_clone" });
  const download = (text: string) => ({
    operation: "retrieveFileContent",
    request: {
      method: "GET",
      path: "/v1/files/retrieve_content",
      query: { file_id: [file_id] },
      headers: { authorization: `Bearer ${sandbox.apiKey}` },
    },
    response: {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8" },
      body: text,
      bytes: text.length,
    },
  });
  const finding =
    'Content-Type "application/json; charset=utf-8" is not documented for HTTP 200 (documented: application/octet-stream)';
  const validator = new ExchangeValidator();
  // A success served as JSON is a break of the server's.
  expect(validator.validate(download('{"base_resp":{"status_code":0,"status_msg":"success"}}'))).toEqual([
    { operation: "retrieveFileContent", check: "content_type_conformance", finding, side: "response" },
  ]);
  // retrieve_content's documented 200 is application/octet-stream, with no error answer (openapi/reference-notes.md §3.8),
  // so the in-band refusal of a missing file cannot conform: that is put with the refused request.
  await files.retrieveContent("9007199254740999").catch(() => undefined);
  expect(sandbox.findings).toEqual([]);
  expect(sandbox.requestFindings).toEqual([
    {
      operation: "retrieveFileContent",
      check: "content_type_conformance",
      finding: expect.stringContaining(`${finding}: the in-band refusal of this request`),
      side: "request",
    },
  ]);
});

it("validate: false records the exchanges and reports nothing", async () => {
  const { sandbox, files } = await start(
    { transformResponse: (_, body) => ({ ...body, base_resp: { status_code: 0, status_msg: 7 } }) },
    false,
  );
  await files.list({ purpose: "voice_clone" });
  expect(sandbox.exchanges).toHaveLength(1);
  expect(sandbox.findings).toEqual([]);
});

it("without Ajv installed, starting with validation fails with what to install", async () => {
  let load!: typeof import("../../src/sandbox/server");
  jest.isolateModules(() => {
    jest.doMock("ajv/dist/2020", () => {
      throw new Error("Cannot find module 'ajv/dist/2020'");
    });
    load = require("../../src/sandbox/server");
  });
  await expect(load.createSandbox({ validate: true })).rejects.toThrow(
    /run `npm install ajv@8 ajv-formats@3`.*or start it with \{ validate: false \} or "auto"/,
  );
  jest.dontMock("ajv/dist/2020");
});
