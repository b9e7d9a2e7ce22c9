// Guards src/client.ts, method by method: each argument checked before anything is sent (the
// error names it), the URL the errors show before any answer (query included), and answers that
// do not match the API (not an object, no body, `files` not a list, a non-id `file_id`) as
// MiniMaxResponseError, while retrieve_content hands back JSON files, empty files and streams.
// A real server on 127.0.0.1 stands in for MiniMax.
import { MiniMaxFiles } from "../../src";
import { startFakeServer, type CannedResponse, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";

const ok = { status_code: 0, status_msg: "success" };
let answer: (url: string) => CannedResponse;
let server: FakeServer;
let client: MiniMaxFiles;
beforeEach(async () => {
  answer = () => ({ body: { files: [], base_resp: ok } });
  server = await startFakeServer((request) => answer(request.url));
  client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0 });
});
afterEach(() => server.close());

const upload = { file: Buffer.from("ID3 some audio"), filename: "a.mp3", purpose: "voice_clone" as const };

describe("arguments are checked before anything is sent, the error naming the argument", () => {
  afterEach(() => expect(server.requests).toEqual([]));

  it.each([
    ["list without params", () => client.list(null as never), "params"],
    ["list with a purpose it does not take", () => client.list({ purpose: "t2a_async" as never }), "purpose"],
    ["delete without params", () => client.delete("123", null as never), "params"],
    ["delete with an unknown purpose", () => client.delete("123", { purpose: "archive" as never }), "purpose"],
    ["upload with options that are not an object", () => client.upload(upload, "fast" as never), "options"],
    ["upload with options null", () => client.upload(upload, null as never), "options"],
    [
      "retrieveContent with options that are not an object",
      () => client.retrieveContent("123", "fast" as never),
      "options",
    ],
    ["retrieveContent with options null", () => client.retrieveContent("123", null as never), "options"],
    // An array is an object to typeof, not an options object: every method refuses it alike.
    ["list with params that are an array", () => client.list([] as never), "params"],
    ["upload with options that are an array", () => client.upload(upload, [] as never), "options"],
    ["retrieveContent with options that are an array", () => client.retrieveContent("123", [] as never), "options"],
    [
      "downloadTo with options that are an array",
      () => client.downloadTo("123", "/nonexistent-folder-minimax-files/x.bin", [] as never),
      "options",
    ],
  ])("%s", async (_, call, input) => {
    await expect(call()).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input,
      message: expect.stringContaining(input),
    });
  });

  it("upload with an onProgress that is not a function: named, with what was given", async () => {
    await expect(client.upload(upload, { onProgress: "yes" as never })).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "options.onProgress",
      message: expect.stringMatching(/options\.onProgress must be a function, got "yes"/),
    });
  });
});

describe("an error before any answer shows the URL that was asked for, query included", () => {
  const aborted = () => ({ signal: AbortSignal.abort() });
  it.each([
    ["list", () => client.list({ purpose: "voice_clone" }, aborted()), "/v1/files/list?purpose=voice_clone"],
    ["retrieve", () => client.retrieve("123", aborted()), "/v1/files/retrieve?file_id=123"],
    ["retrieveContent", () => client.retrieveContent("123", aborted()), "/v1/files/retrieve_content?file_id=123"],
  ])("%s", async (_, call, url) => {
    await expect(call()).rejects.toMatchObject({ name: "MiniMaxAbortError", request: { url: `${server.url}${url}` } });
  });
});

describe("an answer that does not match the API is a MiniMaxResponseError saying what came", () => {
  const json = (body: string): CannedResponse => ({ headers: { "content-type": "application/json" }, body });

  it.each([
    ["a number", "5", "5 instead of a JSON object"],
    ["null", "null", "null instead of a JSON object"],
    ["a list", "[]", "[] instead of a JSON object"],
  ])("list answered with %s", async (_, body, said) => {
    answer = () => json(body);
    await expect(client.list({ purpose: "voice_clone" })).rejects.toMatchObject({
      name: "MiniMaxResponseError",
      message: expect.stringContaining(said),
    });
  });

  it("list whose files is not a list", async () => {
    answer = () => ({ body: { files: "none", base_resp: ok } });
    await expect(client.list({ purpose: "voice_clone" })).rejects.toMatchObject({
      name: "MiniMaxResponseError",
      message: expect.stringContaining('files "none", not a list'),
    });
  });

  it("list answered 204 No Content: no body, where an object was due", async () => {
    answer = () => ({ status: 204 });
    await expect(client.list({ purpose: "voice_clone" })).rejects.toMatchObject({
      name: "MiniMaxResponseError",
      message: expect.stringContaining("HTTP 204 with no body instead of a JSON object"),
    });
  });

  it("delete returns the id MiniMax echoes, else the one asked for", async () => {
    answer = () => ({ body: { file_id: "302892389810432", base_resp: ok } });
    expect(await client.delete("123", { purpose: "voice_clone" })).toEqual({ file_id: "302892389810432" });
    answer = () => ({ body: { base_resp: ok } });
    expect(await client.delete("123", { purpose: "voice_clone" })).toEqual({ file_id: "123" });
  });
});

describe("retrieveContent", () => {
  const read = async (stream: ReadableStream<Uint8Array>) => Buffer.from(await new Response(stream).arrayBuffer());

  it("a JSON file served as application/json, but not JSON after all, comes back as its bytes", async () => {
    answer = () => ({ headers: { "content-type": "application/json" }, body: '{"a": 1,' });
    expect(Buffer.from(await client.retrieveContent("123")).toString()).toBe('{"a": 1,');
  });

  it("a JSON file asked for as a stream comes back as a stream of its bytes", async () => {
    const file = '{"voices": ["a", "b"]}';
    answer = () => ({ headers: { "content-type": "application/json" }, body: file });
    const stream = await client.retrieveContent("123", { as: "stream" });
    expect(stream).toBeInstanceOf(ReadableStream);
    expect((await read(stream)).toString()).toBe(file);
  });

  it("an empty file asked for as a stream is a stream that ends at once", async () => {
    answer = () => ({ headers: { "content-type": "application/octet-stream", "content-length": "0" }, body: "" });
    expect((await read(await client.retrieveContent("123", { as: "stream" }))).length).toBe(0);
  });
});
