// Failure semantics against a local fake MiniMax: in-band base_resp errors, HTTP errors,
// unusable bodies, dead servers, and the API key kept out of all of them.
import { inspect } from "node:util";
import {
  AuthenticationError,
  InternalServerError,
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxError,
  MiniMaxFiles,
  MiniMaxHTTPError,
  MiniMaxResponseError,
  RateLimitError,
} from "../../src";
import { startFakeServer, type CannedResponse, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";

let server: FakeServer;
let reply: CannedResponse;
beforeEach(async () => {
  reply = { body: {} };
  server = await startFakeServer(() => reply);
});
afterEach(() => server.close());

const client = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
const upload = { file: Buffer.from("hi"), filename: "a.txt", purpose: "t2a_async_input" } as const;

const operations: Array<[string, (c: MiniMaxFiles) => Promise<unknown>]> = [
  ["upload", (c) => c.upload(upload)],
  ["list", (c) => c.list({ purpose: "voice_clone" })],
  ["retrieve", (c) => c.retrieve(42)],
  ["retrieveContent", (c) => c.retrieveContent(42)],
  ["delete", (c) => c.delete(42, { purpose: "voice_clone" })],
];

describe.each(operations)("%s", (_, call) => {
  it("throws MiniMaxAPIError for HTTP 200 with base_resp.status_code ≠ 0, with code, message and Trace-Id", async () => {
    reply = { body: { base_resp: { status_code: 1004, status_msg: "authentication failed" } }, headers: { "Trace-Id": "0a1b2c3d" } };
    const error = await call(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxAPIError);
    expect(error).toMatchObject({ statusCode: 1004, statusMsg: "authentication failed", traceId: "0a1b2c3d", status: 200 });
    expect((error as Error).message).toContain("1004");
    expect((error as Error).message).toContain("0a1b2c3d");
  });

  it("throws a status-mapped MiniMaxHTTPError for a non-2xx answer, with the body", async () => {
    reply = { status: 503, headers: { "content-type": "text/html", "Trace-Id": "t-503" }, body: "<html>upstream down</html>" };
    const error = await call(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toBeInstanceOf(MiniMaxHTTPError);
    expect(error).toMatchObject({ status: 503, body: "<html>upstream down</html>", traceId: "t-503" });
  });
});

it("maps 401 and 429 to their classes and parses a JSON error body", async () => {
  reply = { status: 401, body: { error: "bad key" } };
  await expect(client().list({ purpose: "voice_clone" })).rejects.toBeInstanceOf(AuthenticationError);
  reply = { status: 429, body: { error: "slow down" } };
  await expect(client().list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "RateLimitError", body: { error: "slow down" } });
  await expect(client().list({ purpose: "voice_clone" })).rejects.toBeInstanceOf(RateLimitError);
});

it("throws MiniMaxResponseError for a 200 that is not JSON", async () => {
  reply = { headers: { "content-type": "text/html" }, body: "<html>captive portal</html>" };
  const error = await client().retrieve(42).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxResponseError);
  expect((error as Error).message).toMatch(/expected a JSON body, got "<html>captive portal<\/html>" \(text\/html\)/);
});

it("throws MiniMaxResponseError for a success without the file it promises", async () => {
  reply = { body: { base_resp: { status_code: 0, status_msg: "success" } } };
  await expect(client().retrieve(42)).rejects.toThrow(/the response has no file/);
  await expect(client().upload(upload)).rejects.toBeInstanceOf(MiniMaxResponseError);
});

it("returns an empty list when MiniMax omits or nulls `files`", async () => {
  reply = { body: { base_resp: { status_code: 0, status_msg: "success" } } };
  await expect(client().list({ purpose: "voice_clone" })).resolves.toEqual([]);
  reply = { body: { files: null, base_resp: { status_code: 0, status_msg: "success" } } };
  await expect(client().list({ purpose: "voice_clone" })).resolves.toEqual([]);
});

it("returns a JSON file from retrieveContent when it is not an error envelope", async () => {
  reply = { body: { hello: "a JSON file's content" } };
  const bytes = await client().retrieveContent(42);
  expect(JSON.parse(Buffer.from(bytes).toString("utf8"))).toEqual({ hello: "a JSON file's content" });
});

it("throws MiniMaxConnectionError when nothing answers, naming the request", async () => {
  const deadUrl = server.url;
  await server.close();
  server = await startFakeServer(() => reply); // for afterEach
  const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: deadUrl }).list({ purpose: "voice_clone" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxConnectionError);
  expect((error as Error).message).toContain(`GET ${deadUrl}/v1/files/list?purpose=voice_clone failed before a response arrived`);
  expect((error as Error).cause).toBeDefined();
});

describe("the API key never leaks", () => {
  const everywhere = (value: unknown) => [
    String(value),
    (value as Error).stack ?? "",
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
  ];

  it("from errors built from bodies that echo it", async () => {
    const echo = `Bearer ${TEST_API_KEY} is not valid`;
    const cases: CannedResponse[] = [
      { status: 401, body: { title: echo, detail: { headers: { authorization: echo } } } },
      { status: 500, headers: { "content-type": "text/plain" }, body: echo },
      { body: { base_resp: { status_code: 2049, status_msg: echo } } },
      { headers: { "content-type": "text/plain" }, body: echo },
    ];
    for (const c of cases) {
      reply = c;
      const error = await client().retrieve(42).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiniMaxError);
      for (const text of everywhere(error)) expect(text).not.toContain(TEST_API_KEY);
      expect(JSON.stringify(error)).toContain("[REDACTED]");
    }
  });

  it("from connection errors", async () => {
    const deadUrl = server.url;
    await server.close();
    server = await startFakeServer(() => reply);
    const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: deadUrl }).retrieve(1).catch((e: unknown) => e);
    for (const text of everywhere(error)) expect(text).not.toContain(TEST_API_KEY);
  });

  it("from the client object itself", () => {
    const c = client();
    for (const text of [inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c)]) expect(text).not.toContain(TEST_API_KEY);
  });
});
