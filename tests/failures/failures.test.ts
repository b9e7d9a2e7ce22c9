// Failure semantics against a local fake MiniMax: in-band base_resp errors by meaning, HTTP
// errors, unusable bodies, dead servers, cancellation, and what errors look like.
import { refusedUrl } from "../helpers/refused-port";
import {
  AuthenticationError,
  InternalServerError,
  MiniMaxAbortError,
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxError,
  MiniMaxFiles,
  MiniMaxInputError,
  MiniMaxResponseError,
  RateLimitError,
} from "../../src";
import { startFakeServer, type CannedResponse, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { fresh } from "../helpers/fresh";

let server: FakeServer;
let reply: CannedResponse;
beforeEach(async () => {
  reply = { body: {} };
  server = await startFakeServer(() => reply);
});
afterEach(() => server.close());

const client = (options = {}) =>
  new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0, ...options });
const upload = { file: Buffer.from("hi"), filename: "a.txt", purpose: "t2a_async_input" } as const;
const FILE = {
  file_id: 302892389810432,
  bytes: 2,
  created_at: 1700469398,
  filename: "a.txt",
  purpose: "t2a_async_input",
};
const ok = (extra: object) => ({ body: { ...extra, base_resp: { status_code: 0, status_msg: "success" } } });

const operations: Array<[string, string, (c: MiniMaxFiles) => Promise<unknown>]> = [
  ["upload", "uploadFile", (c) => c.upload(upload)],
  ["list", "listFiles", (c) => c.list({ purpose: "voice_clone" })],
  ["retrieve", "retrieveFile", (c) => c.retrieve(42)],
  ["retrieveContent", "retrieveFileContent", (c) => c.retrieveContent(42)],
  ["delete", "deleteFile", (c) => c.delete(42, { purpose: "voice_clone" })],
];

describe.each(operations)("%s", (_, operation, call) => {
  it("HTTP 200 with base_resp 1004 is an AuthenticationError carrying operation, code, message, Trace-Id and body, on one line", async () => {
    reply = {
      body: { base_resp: { status_code: 1004, status_msg: "authentication failed" } },
      headers: { "Trace-Id": "0a1b2c3d" },
    };
    const error = await call(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      operation,
      request: { method: expect.stringMatching(/^(GET|POST)$/), url: expect.stringContaining(server.url) },
      status: 200,
      statusCode: 1004,
      statusMsg: "authentication failed",
      traceId: "0a1b2c3d",
      retryable: false,
      body: { base_resp: { status_code: 1004 } },
    });
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toContain(`${operation} (`);
    expect(message).toContain('MiniMax status 1004 "authentication failed"');
    expect(message).toContain("Trace-Id 0a1b2c3d");
    // Keys are tied to a region: the message says so.
    expect(message).toMatch(
      /region 'global' \(https:\/\/api\.minimax\.io\).*region 'cn' \(https:\/\/api\.minimaxi\.com\)/,
    );
  });

  it("a non-2xx answer is the error for its status, with the body and Trace-Id", async () => {
    reply = {
      status: 500,
      headers: { "content-type": "text/html", "Trace-Id": "t-500" },
      body: "<html>upstream down</html>",
    };
    const error = await call(client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      operation,
      status: 500,
      statusCode: undefined,
      body: "<html>upstream down</html>",
      traceId: "t-500",
      retryable: true,
    });
  });

  it("a caller's abort is a MiniMaxAbortError whose cause is the signal's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    controller.abort(reason);
    // Already aborted: nothing is sent at all.
    const aborted = await callWith(call, { signal: controller.signal });
    expect(aborted).toBeInstanceOf(MiniMaxAbortError);
    expect(aborted).toMatchObject({ operation, cause: reason });
    expect(server.requests).toHaveLength(0);
  });
});

/** Runs an operation with per-call options: a client whose methods get `options` as their last argument. */
async function callWith(call: (c: MiniMaxFiles) => Promise<unknown>, options: object): Promise<unknown> {
  const c = client();
  const withOptions = new Proxy(c, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const arity = key === "delete" ? 2 : 1;
        const args2 = [
          ...args.slice(0, arity),
          key === "retrieveContent" ? { ...(args[1] as object), ...options } : options,
        ];
        return (value as (...a: unknown[]) => unknown).apply(target, args2);
      };
    },
  });
  return call(withOptions).catch((e: unknown) => e);
}

it("aborting mid-request ends the call at once with MiniMaxAbortError", async () => {
  const controller = new AbortController();
  const slowFetch = (request: Request) =>
    new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
  const pending = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, fetch: slowFetch }).list(
    { purpose: "voice_clone" },
    { signal: controller.signal },
  );
  controller.abort("stop");
  const error = await pending.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxAbortError);
  expect((error as Error).cause).toBe("stop");
});

it("a fetch that ignores the signal still cannot outlive the time limit", async () => {
  const neverFetch = () => new Promise<Response>(() => undefined);
  const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, fetch: neverFetch })
    .retrieve(1, { timeout: 50 })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "MiniMaxTimeoutError", timeout: 50, operation: "retrieveFile" });
});

it("maps 401 and 429 to their classes and parses a JSON error body", async () => {
  reply = { status: 401, body: { error: "bad key" } };
  await expect(client().list({ purpose: "voice_clone" })).rejects.toBeInstanceOf(AuthenticationError);
  reply = { status: 429, body: { error: "slow down" }, headers: { "retry-after": "7" } };
  const error = await client()
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error).toMatchObject({
    status: 429,
    body: { error: "slow down" },
    statusMsg: "slow down",
    retryAfter: 7,
    retryable: true,
  });
});

describe("an HTTP error status decides the class, whatever code its body carries", () => {
  it.each([
    [429, 1003, "RateLimitError", 3],
    [503, 9999, "InternalServerError", 3],
    [401, 77, "AuthenticationError", 1],
    [500, "1002", "InternalServerError", 3],
  ] as const)(
    "HTTP %i with base_resp code %p is a %s (sent %i times for list), and reports the code",
    async (status, code, name, sent) => {
      reply = { status, body: { base_resp: { status_code: code, status_msg: "from the body" } } };
      const error = await client({ maxRetries: 2, backoff: { initialDelay: 1 } })
        .list({ purpose: "voice_clone" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name, status, statusCode: Number(code) });
      expect((error as Error).message).toContain(`HTTP ${status}, MiniMax status ${Number(code)}`);
      expect(server.requests).toHaveLength(sent);
    },
  );
});

it("connection, time-out and abort errors say whether retrying can help, and what to do", async () => {
  const deadUrl = await refusedUrl();
  const refused = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: deadUrl, maxRetries: 0 })
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({
    name: "MiniMaxConnectionError",
    retryable: true,
    remedy: expect.stringContaining("network"),
  });
  const timedOut = await new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    fetch: () => new Promise<Response>(() => undefined),
  })
    .list({ purpose: "voice_clone" }, { timeout: 20 })
    .catch((e: unknown) => e);
  expect(timedOut).toMatchObject({
    name: "MiniMaxTimeoutError",
    retryable: true,
    remedy: expect.stringContaining("larger timeout"),
  });
  const aborted = await client()
    .list({ purpose: "voice_clone" }, { signal: AbortSignal.abort() })
    .catch((e: unknown) => e);
  expect(aborted).toMatchObject({ name: "MiniMaxAbortError", retryable: false });
  expect(JSON.parse(JSON.stringify(timedOut))).toMatchObject({
    name: "MiniMaxTimeoutError",
    timeout: 20,
    retryable: true,
  });
});

it.each([
  ["retrieve", (c: MiniMaxFiles) => c.retrieve(Object.create(null) as never)],
  [
    "retrieveContent",
    (c: MiniMaxFiles) =>
      c.retrieveContent({
        toString: () => {
          throw new Error("boom");
        },
      } as never),
  ],
  ["list", (c: MiniMaxFiles) => c.list({ purpose: Object.create(null) as never })],
  ["list with an array as options", (c: MiniMaxFiles) => c.list({ purpose: "voice_clone" }, [] as never)],
])("%s with an odd JavaScript value rejects with MiniMaxInputError, never a synchronous TypeError", async (_, call) => {
  let result: Promise<unknown> | undefined;
  expect(() => (result = call(client()))).not.toThrow();
  await expect(result).rejects.toBeInstanceOf(MiniMaxInputError);
  expect(server.requests).toHaveLength(0);
});

it("an undocumented business code stays a typed MiniMaxAPIError, not retried", async () => {
  reply = { body: { base_resp: { status_code: 77777, status_msg: "something new" } } };
  const error = await client({ maxRetries: 2 })
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxAPIError);
  expect((error as object).constructor).toBe(MiniMaxAPIError);
  expect(error).toMatchObject({ statusCode: 77777, statusMsg: "something new", retryable: false });
  expect(server.requests).toHaveLength(1);
});

describe("base_resp.status_code that is not a plain integer", () => {
  it.each([["0"], [" 0 "]])("%p is success", async (code) => {
    reply = { body: { files: [FILE], base_resp: { status_code: code } } };
    await expect(client().list({ purpose: "voice_clone" })).resolves.toHaveLength(1);
  });

  it('"1004" is the code 1004', async () => {
    reply = { body: { base_resp: { status_code: "1004", status_msg: "auth" } } };
    await expect(client().list({ purpose: "voice_clone" })).rejects.toMatchObject({
      name: "AuthenticationError",
      statusCode: 1004,
    });
  });

  it.each([
    [null, "null"],
    ["abc", '"abc"'],
    [1.5, "1.5"],
    [undefined, "missing"],
    [true, "true"],
  ])("%p is a MiniMaxResponseError naming the value", async (code, shown) => {
    reply = { body: { files: [], base_resp: code === undefined ? {} : { status_code: code } } };
    const error = await client()
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxResponseError);
    expect((error as Error).message).toContain(`base_resp.status_code ${shown}, not an integer status code`);
  });
});

it("throws MiniMaxResponseError for a 200 that is not JSON", async () => {
  reply = { headers: { "content-type": "text/html" }, body: "<html>captive portal</html>" };
  const error = await client()
    .retrieve(42)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxResponseError);
  expect((error as Error).message).toContain('text/html instead of application/json: "<html>captive portal</html>"');
});

it.each([
  [{}, "no file"],
  [{ file: { ...FILE, filename: undefined } }, "file.filename missing"],
  [{ file: { ...FILE, bytes: "2" } }, 'file.bytes invalid ("2")'],
  [{ file: { ...FILE, file_id: "abc" } }, 'a malformed id: file_id is "abc", not an integer id'],
  [{ file: { ...FILE, file_id: 1.5 } }, "a malformed id: file_id is number 1.5, not an integer id"],
])("a success whose file is %p is a MiniMaxResponseError (%s)", async (extra, problem) => {
  reply = ok(extra);
  const error = await client()
    .retrieve(42)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxResponseError);
  expect((error as Error).message).toContain(problem);
  reply = ok(extra);
  await expect(client().upload(upload)).rejects.toBeInstanceOf(MiniMaxResponseError);
});

it("a listed file lacking a guaranteed field is a MiniMaxResponseError naming its index", async () => {
  reply = ok({ files: [FILE, { ...FILE, created_at: undefined }] });
  await expect(client().list({ purpose: "voice_clone" })).rejects.toThrow(/files\[1\]\.created_at missing/);
});

it("returns an empty list when MiniMax omits or nulls `files`", async () => {
  reply = ok({});
  await expect(client().list({ purpose: "voice_clone" })).resolves.toEqual([]);
  reply = ok({ files: null });
  await expect(client().list({ purpose: "voice_clone" })).resolves.toEqual([]);
});

describe("retrieveContent on a JSON body", () => {
  it("returns a JSON file that is not an envelope as its bytes, exactly", async () => {
    const text = '{"hello": "a JSON file\'s content", "big": 9223372036854775807}';
    reply = { headers: { "content-type": "application/json" }, body: text };
    const bytes = await client().retrieveContent(42);
    expect(Buffer.from(bytes).toString("utf8")).toBe(text);
    const stream = await client().retrieveContent(42, { as: "stream" });
    expect(Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8")).toBe(text);
  });

  it("throws the mapped error when the JSON is a failing envelope", async () => {
    reply = { body: { base_resp: { status_code: 1008, status_msg: "insufficient balance" } } };
    await expect(client().retrieveContent(42)).rejects.toMatchObject({
      name: "InsufficientBalanceError",
      statusCode: 1008,
    });
  });
});

it("throws MiniMaxConnectionError when nothing answers, naming the request; nothing was sent", async () => {
  const deadUrl = await refusedUrl();
  const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: deadUrl, maxRetries: 0 })
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxConnectionError);
  expect(error).toMatchObject({ operation: "listFiles", requestSent: false });
  expect((error as Error).message).toBe(
    `listFiles (GET ${deadUrl}/v1/files/list?purpose=voice_clone) failed: connect ECONNREFUSED ${new URL(deadUrl).host}`,
  );
  // The transport's fetch-shaped error, kept as the cause.
  expect((error as Error).cause).toMatchObject({
    name: "TypeError",
    message: "fetch failed",
    cause: { code: "ECONNREFUSED" },
  });
});

it("a refused connection is retried even for an upload (nothing reached a server)", async () => {
  const deadUrl = await refusedUrl();
  let attempts = 0;
  const countingFetch = (request: Request) => (attempts++, fetch(request));
  const files = new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: deadUrl,
    fetch: countingFetch,
    maxRetries: 2,
    backoff: { initialDelay: 1 },
  });
  await expect(files.upload(upload)).rejects.toBeInstanceOf(MiniMaxConnectionError);
  expect(attempts).toBe(3);
});

it("a custom fetch that throws something odd still gives a MiniMaxError", async () => {
  const weird = () => Promise.reject("a string, not an Error");
  const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, fetch: weird, maxRetries: 0 })
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxConnectionError);
  expect((error as Error).message).toContain("a string, not an Error");
});

it("bad per-call options are MiniMaxInputErrors naming the option, before anything is sent", async () => {
  for (const [options, input] of [
    [{ timeout: 0 }, "options.timeout"],
    [{ timeout: Number.NaN }, "options.timeout"],
    [{ maxRetries: -1 }, "options.maxRetries"],
    [{ maxRetries: 1.5 }, "options.maxRetries"],
    [{ signal: "stop" }, "options.signal"],
    ["fast", "options"],
  ] as const) {
    await expect(client().list({ purpose: "voice_clone" }, options as never)).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input,
    });
  }
  expect(server.requests).toHaveLength(0);
});

it("withResponse() gives the Response and Trace-Id with the result, from one request", async () => {
  reply = { ...ok({ files: [FILE] }), headers: { "Trace-Id": "trace-42", "x-extra": "yes" } };
  const promise = client().list({ purpose: "voice_clone" });
  const { data, response, traceId } = await promise.withResponse();
  expect(data).toEqual([{ ...FILE, file_id: String(FILE.file_id) }]);
  expect(traceId).toBe("trace-42");
  expect(response.status).toBe(200);
  expect(response.headers.get("x-extra")).toBe("yes");
  expect(response.url).toBe(`${server.url}/v1/files/list?purpose=voice_clone`);
  expect(await promise).toEqual(data);
  expect(server.requests).toHaveLength(1);
});

describe("error guards", () => {
  it("every class is named explicitly (survives minification) and is a MiniMaxError", async () => {
    reply = { status: 429, body: {} };
    const error = await client()
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(Object.hasOwn(Object.getPrototypeOf(error), "name")).toBe(true);
    expect((error as Error).name).toBe("RateLimitError");
    expect(String((error as Error).stack)).toMatch(/^RateLimitError: /);
    expect(error).toBeInstanceOf(MiniMaxError);
  });

  // The other copy is loaded with the file, not inside the test: module top-level code run inside
  // a test would be credited to this test alone by StrykerJS (see tests/helpers/fresh.ts).
  const other = fresh(() => require("../../src") as typeof import("../../src"));
  it("`is()` recognises an error from another copy of the package (another realm), by name", () => {
    const foreign = new other.RateLimitError({
      operation: "listFiles",
      request: { method: "GET", url: "u" },
      status: 429,
      traceId: undefined,
      statusCode: undefined,
      statusMsg: undefined,
      retryAfter: undefined,
      body: undefined,
      retryable: true,
      remedy: "",
    });
    expect(foreign).not.toBeInstanceOf(RateLimitError);
    expect(RateLimitError.is(foreign)).toBe(true);
    expect(MiniMaxAPIError.is(foreign)).toBe(true);
    expect(MiniMaxError.is(foreign)).toBe(true);
    expect(AuthenticationError.is(foreign)).toBe(false);
    expect(MiniMaxInputError.is(new Error("plain"))).toBe(false);
    expect(MiniMaxError.is({ name: "MiniMaxError" })).toBe(false);
  });
});
