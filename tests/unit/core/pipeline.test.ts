// The request pipeline's edges, seen from a caller against a local fake MiniMax: what the errors
// say (URLs before a response exists, codes, server messages, long values cut), which failures
// count as "nothing sent" (and so may repeat an upload), how errors found in cause chains are
// reported, argument checks before sending, Retry-After values, and that a caller's signal is
// left without listeners once a call ends.
import { getEventListeners } from "node:events";
import {
  InternalServerError,
  LIST_PURPOSES,
  MiniMaxAbortError,
  MiniMaxConnectionError,
  MiniMaxFiles,
  MiniMaxInputError,
  MiniMaxResponseError,
  NotFoundError,
  type MiniMaxFilesOptions,
} from "../../../src";
import { fakeServerEachTest, type CannedResponse } from "../../helpers/fake-server";
import { startFaultServer } from "../../helpers/fault-server";
import { fresh } from "../../helpers/fresh";
import { TEST_API_KEY } from "../../helpers/observed-client";

let reply: CannedResponse;
beforeEach(() => {
  reply = { body: {} };
});
const server = fakeServerEachTest(() => reply);

const client = (options: Partial<MiniMaxFilesOptions> = {}) =>
  new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0, ...options });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const upload = { file: Buffer.from("hi"), filename: "a.txt", purpose: "t2a_async_input" } as const;
const FILE = {
  file_id: 302892389810432,
  bytes: 2,
  created_at: 1700469398,
  filename: "a.txt",
  purpose: "t2a_async_input",
};

describe("errors before a response exists name the request the call makes", () => {
  const never = () => new Promise<Response>(() => undefined);
  it("with its query when it has one, and nothing appended when it has none", async () => {
    const listed = await failure(client({ fetch: never, timeout: 20 }).list({ purpose: "voice_clone" }));
    expect(listed).toMatchObject({
      name: "MiniMaxTimeoutError",
      request: { method: "GET", url: `${server.url}/v1/files/list?purpose=voice_clone` },
    });
    const deleted = await failure(client({ fetch: never, timeout: 20 }).delete(42, { purpose: "voice_clone" }));
    expect(deleted).toMatchObject({
      name: "MiniMaxTimeoutError",
      request: { method: "POST", url: `${server.url}/v1/files/delete` },
    });
    expect((deleted as Error).message).toBe(`deleteFile (POST ${server.url}/v1/files/delete) timed out after 20 ms`);
  });
});

describe("what MiniMax's failures look like", () => {
  it("an in-band failure is reported by its code, not as HTTP 200; the server's message on one trimmed line", async () => {
    reply = { body: { base_resp: { status_code: 2013, status_msg: "  invalid\n\n  params \t" } } };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "BadRequestError", status: 200, statusCode: 2013 });
    expect((error as Error).message).toContain('failed: MiniMax status 2013 "invalid params". ');
  });

  it("a 3xx that reaches the client is named by its HTTP status as well as the body's code", async () => {
    reply = { status: 300, body: { base_resp: { status_code: 1002, status_msg: "rpm" } } };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toMatchObject({ status: 300, statusCode: 1002 });
    expect((error as Error).message).toContain('failed: HTTP 300, MiniMax status 1002 "rpm"');
  });

  it("an HTTP error whose body carries a success code has no status code of MiniMax's", async () => {
    reply = { status: 500, body: { base_resp: { status_code: 0, status_msg: "success" } } };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, statusCode: undefined });
    expect((error as Error).message).not.toContain("MiniMax status");
  });

  it("a finding of Prism's without a code reads as an empty code", async () => {
    reply = {
      status: 422,
      body: { title: "Invalid request", validation: [{ location: ["query"], severity: "Error", message: "bad" }] },
    };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toMatchObject({
      name: "UnprocessableEntityError",
      validation: [{ location: ["query"], severity: "Error", code: "", message: "bad" }],
    });
  });

  it("a value quoted in a message is shown whole up to 120 characters, and cut with … beyond", async () => {
    const fits = "x".repeat(118); // 120 characters as JSON
    reply = { body: { files: [], base_resp: { status_code: fits } } };
    expect(((await failure(client().list({ purpose: "voice_clone" }))) as Error).message).toContain(
      `base_resp.status_code ${JSON.stringify(fits)}, not an integer status code`,
    );
    const long = "x".repeat(119);
    reply = { body: { files: [], base_resp: { status_code: long } } };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(MiniMaxResponseError);
    expect((error as Error).message).toContain(`base_resp.status_code "${long}…, not an integer status code`);
  });

  it("a 200 the client cannot use is not retryable and says what to do", async () => {
    reply = { headers: { "content-type": "text/html" }, body: "<html>portal</html>" };
    const error = await failure(client({ maxRetries: 2 }).list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(MiniMaxResponseError);
    expect(error).toMatchObject({ retryable: false, remedy: expect.stringContaining("Trace-Id") });
    expect(server.requests).toHaveLength(1);
  });

  it("a delete answered with a null file_id returns the id asked for", async () => {
    reply = { body: { file_id: null, base_resp: { status_code: 0 } } };
    await expect(client().delete("302892389810432", { purpose: "voice_clone" })).resolves.toEqual({
      file_id: "302892389810432",
    });
  });
});

describe("Retry-After values the error reports", () => {
  it.each<[Record<string, string>, number | undefined]>([
    [{ "retry-after": "2.25" }, 2.25],
    [{ "retry-after": "x5" }, undefined],
    [{ "retry-after": "5 seconds" }, undefined],
    [{ "retry-after-ms": "1.25" }, 0.00125],
    [{ "retry-after-ms": "x250" }, undefined],
    [{ "retry-after-ms": "250ms" }, undefined],
    [{ "retry-after-ms": "-250", "retry-after": "3" }, 3],
  ])("%p → retryAfter %p", async (headers, seconds) => {
    reply = { status: 429, headers, body: {} };
    const error = await failure(client().list({ purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "RateLimitError" });
    expect((error as { retryAfter?: number }).retryAfter).toBe(seconds);
  });
});

describe("argument checks, before anything is sent", () => {
  afterEach(() => expect(server.requests).toHaveLength(0));

  it("params that are null name params and say what was given", async () => {
    const error = await failure(client().list(null as never));
    expect(error).toBeInstanceOf(MiniMaxInputError);
    expect(error).toMatchObject({ input: "params", message: expect.stringContaining("got null") });
  });

  it("an unknown purpose lists each allowed one and quotes what was given, whole up to 60 characters", async () => {
    const given = "p".repeat(60);
    const error = await failure(client().list({ purpose: given as never }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "purpose" });
    const message = (error as Error).message;
    for (const purpose of LIST_PURPOSES) expect(message).toMatch(new RegExp(`(^|[^\\w])${purpose}([^\\w]|$)`));
    expect(message).toContain(`got ${JSON.stringify(given)}.`);
  });

  it("a file id that is not one names fileId and quotes it", async () => {
    const error = await failure(client().retrieve("abc"));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "fileId" });
    expect((error as Error).message).toMatch(/^fileId .*"abc"/);
  });

  it("a contentType with a line break (header injection) is refused, naming contentType", async () => {
    const error = await failure(client().upload({ ...upload, contentType: "text/plain\r\nX-Injected: audio/mpeg" }));
    expect(error).toMatchObject({
      name: "MiniMaxInputError",
      input: "contentType",
      message: expect.stringContaining("media type"),
    });
  });

  it("a raw ReadableStream body is refused, saying to pass a Blob", async () => {
    const error = await failure(client().raw.POST("/v1/files/upload", { body: new ReadableStream() as never }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "body", message: expect.stringContaining("Blob") });
  });

  it("raw retrieve_content without parseAs is refused, naming the route and what to pass", async () => {
    // The route list is module top-level code: loaded in the test (see tests/helpers/fresh.ts).
    const pkg = fresh(() => require("../../../src") as typeof import("../../../src"));
    const raw = new pkg.MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url }).raw;
    const error = await failure(raw.GET("/v1/files/retrieve_content", { params: { query: { file_id: "1" } } }));
    expect(error).toBeInstanceOf(pkg.MiniMaxInputError);
    expect(error).toMatchObject({ input: "parseAs" });
    expect((error as Error).message).toContain("/v1/files/retrieve_content");
    expect((error as Error).message).toContain('"arrayBuffer"');
  });
});

it.each(["text/plain;charset=utf-8", "text/plain ; charset=utf-8", "text/plain  ;charset=utf-8"])(
  "a contentType with parameters (%p) is sent as the part's Content-Type",
  async (contentType) => {
    reply = { body: { file: FILE, base_resp: { status_code: 0 } } };
    await client().upload({ ...upload, contentType });
    expect(server.requests[0]!.body.toString("latin1")).toContain(`\r\nContent-Type: ${contentType}\r\n`);
  },
);

describe("failures to send or read, as the caller sees them", () => {
  const failWith = (error: unknown) => client({ fetch: () => Promise.reject(error) });

  it("a cause that is a plain object with a not-sent code counts as nothing sent", async () => {
    const error = await failure(
      failWith(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } })).list({ purpose: "voice_clone" }),
    );
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false });
  });

  it("codes and this package's errors are looked for five levels deep", async () => {
    const chain = (inner: Error, levels: number) => {
      let e = inner;
      for (let i = 0; i < levels; i++) e = new Error(`level ${i}`, { cause: e });
      return e;
    };
    const refused = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(await failure(failWith(chain(refused(), 4)).list({ purpose: "voice_clone" }))).toMatchObject({
      requestSent: false,
    });
    const ours = new MiniMaxInputError("file", "file changed while it was being sent");
    expect(await failure(failWith(chain(ours, 4)).list({ purpose: "voice_clone" }))).toBe(ours);
    expect(await failure(failWith(chain(ours, 5)).list({ purpose: "voice_clone" }))).toBeInstanceOf(
      MiniMaxConnectionError,
    );
  });

  it("a cause chain that loops back on itself ends in a MiniMaxConnectionError", async () => {
    const loop: Error = new Error("loop");
    (loop as { cause?: unknown }).cause = loop;
    const error = await failure(failWith(loop).list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
    expect((error as Error).message).toMatch(/failed: loop$/);
  });

  it("a fetch that rejects with null says null", async () => {
    const error = await failure(failWith(null).list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
    expect((error as Error).message).toMatch(/failed: null$/);
  });

  it("a rejection that is an object without a message is not described as `undefined`", async () => {
    const error = await failure(failWith({ name: "ProxyError", code: "EPROXY" }).list({ purpose: "voice_clone" }));
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
    expect((error as Error).message).not.toContain("undefined");
  });

  it("a fetch that resolves to no Response is a connection error that may have been sent: an upload is not repeated", async () => {
    let calls = 0;
    const forgetful = async () => void calls++ as unknown as Response;
    const error = await failure(
      client({ fetch: forgetful, maxRetries: 2, backoff: { initialDelay: 1 } }).upload(upload),
    );
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: true });
    expect((error as Error).message).toMatch(/failed: TypeError: /);
    expect(calls).toBe(1);
  });

  it("a response body that fails with a connect code still counts as sent: an upload is not repeated", async () => {
    let calls = 0;
    const lostAnswer = async () => {
      calls++;
      const body = new ReadableStream({
        pull: (c) => c.error(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
      });
      return new Response(body, { headers: { "content-type": "application/json" } });
    };
    const error = await failure(
      client({ fetch: lostAnswer, maxRetries: 2, backoff: { initialDelay: 1 } }).upload(upload),
    );
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: true });
    expect(calls).toBe(1);
  });

  it("an error answer whose body is cut off is still the error for its status", async () => {
    const faulty = await startFaultServer([{ kind: "cut-body", status: 503, partial: '{"base_resp": ' }]);
    try {
      const error = await failure(
        new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: faulty.url, maxRetries: 0 }).list({ purpose: "voice_clone" }),
      );
      expect(error).toBeInstanceOf(InternalServerError);
      expect(error).toMatchObject({ status: 503, body: undefined });
    } finally {
      await faulty.close();
    }
  });

  it("raw: aborting while an error answer's body is read is an abort, not the HTTP error", async () => {
    reply = { status: 500, body: { error: "upstream down" } };
    const controller = new AbortController();
    const abortAfterHeaders = async (request: Request) => {
      const response = await fetch(request);
      controller.abort("user left");
      return response;
    };
    const error = await failure(
      client({ fetch: abortAfterHeaders }).raw.GET("/v1/files/list", {
        params: { query: { purpose: "voice_clone" } },
        signal: controller.signal,
      }),
    );
    expect(error).toBeInstanceOf(MiniMaxAbortError);
    expect((error as Error).cause).toBe("user left");
  });

  it("raw: a path outside the spec is named by method and path in its errors", async () => {
    reply = { status: 404, body: { error: "no such route" } };
    const error = await failure(client().raw.GET("/v1/files/unknown" as never));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operation: "GET /v1/files/unknown" });
    expect((error as Error).message).toMatch(/^GET \/v1\/files\/unknown \(GET /);
  });
});

it("a caller's signal used for many calls keeps no listener once they have ended", async () => {
  const controller = new AbortController();
  reply = { body: { files: [], base_resp: { status_code: 0 } } };
  const files = client();
  for (let i = 0; i < 3; i++) await files.list({ purpose: "voice_clone" }, { signal: controller.signal });
  reply = { status: 503, body: {} };
  await failure(files.list({ purpose: "voice_clone" }, { signal: controller.signal }));
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
});
