// Fault injection: a server on 127.0.0.1 that resets, hangs, cuts bodies and answers garbage.
// For each fault: the error class (or the retry outcome), how many requests the server saw and
// how many it could have acted on (an upload is never stored twice), and no open handle afterwards.
// (Jest 30 fails the test in which a promise rejection goes unhandled.)
import {
  BUSINESS_CODES,
  InternalServerError,
  MiniMaxAPIError,
  MiniMaxConnectionError,
  MiniMaxFiles,
  MiniMaxResponseError,
  MiniMaxTimeoutError,
  RateLimitError,
  type MiniMaxFilesOptions,
} from "../../src";
import { envelope, json, startFaultServer, type FaultServer, type Step } from "../helpers/fault-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../helpers/process-guard";

const guard = guardProcess();
let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await guard.check();
});

const FILE = {
  file_id: 302892389810432,
  bytes: 2,
  created_at: 1700469398,
  filename: "a.txt",
  purpose: "t2a_async_input",
};
const OPS = ["upload", "list", "retrieve", "retrieveContent", "delete"] as const;
type Op = (typeof OPS)[number];
const OK: Record<Op, Step> = {
  upload: envelope(0, { file: FILE }),
  list: envelope(0, { files: [FILE] }),
  retrieve: envelope(0, { file: FILE }),
  retrieveContent: { kind: "respond", headers: { "content-type": "application/octet-stream" }, body: "bytes!" },
  delete: envelope(0, { file_id: FILE.file_id }),
};

const calls: Record<Op, (c: MiniMaxFiles) => Promise<unknown>> = {
  // 256 KiB, so a reset after the first bytes really happens mid-body.
  upload: (c) => c.upload({ file: new Uint8Array(256 * 1024).fill(7), filename: "a.txt", purpose: "t2a_async_input" }),
  list: (c) => c.list({ purpose: "voice_clone" }),
  retrieve: (c) => c.retrieve("302892389810432"),
  retrieveContent: (c) => c.retrieveContent("302892389810432"),
  delete: (c) => c.delete("302892389810432", { purpose: "t2a_async_input" }),
};
const IDEMPOTENT = OPS.filter((op) => op !== "upload");

async function run(op: Op, script: Step[], options: MiniMaxFilesOptions = {}) {
  server = await startFaultServer(script);
  const client = new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    maxRetries: 2,
    backoff: { initialDelay: 1, maxDelay: 5 },
    ...options,
  });
  const outcome = await calls[op](client).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, requests: server.requests.length, acted: server.completed().length };
}

describe("a connection reset while the upload body is being sent", () => {
  it("is a MiniMaxConnectionError, and the upload is not retried", async () => {
    const r = await run("upload", [{ kind: "reset-mid-body", afterBytes: 1000 }, OK.upload]);
    expect(r.error).toBeInstanceOf(MiniMaxConnectionError);
    expect(r.error).toMatchObject({ operation: "uploadFile", requestSent: true });
    expect(r).toMatchObject({ requests: 1, acted: 0 });
  });
});

describe("the connection closed after the request, before any answer", () => {
  it("upload: MiniMaxConnectionError after one request (the server may have stored it)", async () => {
    const r = await run("upload", [{ kind: "close-before-headers" }, OK.upload]);
    expect(r.error).toBeInstanceOf(MiniMaxConnectionError);
    expect(r).toMatchObject({ requests: 1, acted: 1 });
  });

  it.each(IDEMPOTENT)("%s: retried, and succeeds on the next attempt", async (op) => {
    const r = await run(op, [{ kind: "close-before-headers" }, OK[op]]);
    expect(r.error).toBeUndefined();
    expect(r.requests).toBe(2);
  });

  it.each(IDEMPOTENT)("%s: gives up after maxRetries with MiniMaxConnectionError", async (op) => {
    const r = await run(op, [{ kind: "close-before-headers" }]);
    expect(r.error).toBeInstanceOf(MiniMaxConnectionError);
    expect(r.requests).toBe(3);
  });
});

describe("the response body cut off after the headers", () => {
  it.each(OPS)("%s: MiniMaxConnectionError saying the body was lost (not a bare TypeError)", async (op) => {
    const r = await run(op, [{ kind: "cut-body", partial: '{"file": {"file_id": 3028923' }], { maxRetries: 0 });
    expect(r.error).toBeInstanceOf(MiniMaxConnectionError);
    expect((r.error as Error).message).toMatch(/lost while reading the response body/);
    expect(r.requests).toBe(1);
  });

  it("upload: not retried", async () => {
    expect(await run("upload", [{ kind: "cut-body", partial: "{" }, OK.upload])).toMatchObject({
      requests: 1,
      acted: 1,
    });
  });

  it("list: retried, then succeeds", async () => {
    expect(await run("list", [{ kind: "cut-body", partial: "{" }, OK.list])).toMatchObject({
      requests: 2,
      error: undefined,
    });
  });

  it("a streamed download cut off fails the stream with MiniMaxConnectionError", async () => {
    server = await startFaultServer([
      { kind: "cut-body", headers: { "content-type": "application/octet-stream" }, partial: "part of a file" },
    ]);
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const stream = await client.retrieveContent("1", { as: "stream" });
    const error = await new Response(stream).arrayBuffer().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
  });
});

describe("headers slower than the time limit", () => {
  it.each(OPS)("%s: MiniMaxTimeoutError after the limit, one request, no retry", async (op) => {
    const started = Date.now();
    const r = await run(op, [{ kind: "delay", ms: 10_000, then: OK[op] }], { timeout: 300 });
    expect(r.error).toBeInstanceOf(MiniMaxTimeoutError);
    expect(r.error).toMatchObject({ timeout: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.requests).toBe(1);
  });
});

it.each(OPS.filter((op) => op !== "retrieveContent"))(
  "%s: a JSON body that stalls past the time limit is a MiniMaxTimeoutError",
  async (op) => {
    const r = await run(
      op,
      [{ kind: "stall-body", headers: { "content-type": "application/json" }, first: '{"base_resp": ' }],
      { timeout: 300 },
    );
    expect(r.error).toBeInstanceOf(MiniMaxTimeoutError);
    expect(r.requests).toBe(1);
  },
);

describe("5xx answers", () => {
  it.each([500, 502, 504])("upload: HTTP %i is not retried (the server may have stored the file)", async (status) => {
    const r = await run("upload", [json({ error: "boom" }, status), OK.upload]);
    expect(r.error).toBeInstanceOf(InternalServerError);
    expect(r).toMatchObject({ requests: 1 });
  });

  it.each([503, 429, 408])(
    "upload: HTTP %i (not processed) is retried with the body rebuilt whole, and then succeeds",
    async (status) => {
      const r = await run("upload", [json({ error: "busy" }, status), OK.upload]);
      expect(r.error).toBeUndefined();
      expect(r.requests).toBe(2);
      const [first, second] = server!.requests;
      expect(second!.body.length).toBeGreaterThan(256 * 1024);
      // Same parts, same bytes (only the multipart boundary differs).
      const boundary = (req: typeof first) => /boundary=(\S+)/.exec(String(req!.headers["content-type"]))![1]!;
      expect(second!.body.toString("latin1").split(boundary(second)).join("B")).toBe(
        first!.body.toString("latin1").split(boundary(first)).join("B"),
      );
    },
  );

  it.each(IDEMPOTENT.flatMap((op) => [500, 502, 503].map((status) => [op, status] as const)))(
    "%s: HTTP %i is retried until maxRetries",
    async (op, status) => {
      const r = await run(op, [json({ error: "boom" }, status)]);
      expect(r.error).toBeInstanceOf(InternalServerError);
      expect(r.error).toMatchObject({ status, retryable: true });
      expect(r.requests).toBe(3);
    },
  );

  it("honours Retry-After (seconds) before the next attempt", async () => {
    const r = await run("list", [json({}, 503, { "retry-after": "1" }), OK.list]);
    expect(r.error).toBeUndefined();
    const [first, second] = server!.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it("honours retry-after-ms", async () => {
    const r = await run("list", [json({}, 429, { "retry-after-ms": "300" }), OK.list], {
      backoff: { initialDelay: 0, maxDelay: 0 },
    });
    expect(r.error).toBeUndefined();
    const [first, second] = server!.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(280);
  });

  it("does not retry when Retry-After exceeds backoff.maxRetryAfter, and reports it", async () => {
    const r = await run("list", [json({}, 503, { "retry-after": "120" }), OK.list]);
    expect(r.error).toBeInstanceOf(InternalServerError);
    expect(r.error).toMatchObject({ retryAfter: 120 });
    expect(r.requests).toBe(1);
  });

  it("does not retry when the wait would outlast the time limit", async () => {
    const r = await run("list", [json({}, 503, { "retry-after": "5" }), OK.list], { timeout: 1000 });
    expect(r.error).toBeInstanceOf(InternalServerError);
    expect(r.requests).toBe(1);
  });

  it("maxRetries: 0 on the call sends once", async () => {
    server = await startFaultServer([json({}, 503), OK.list]);
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, backoff: { initialDelay: 1 } });
    await expect(client.list({ purpose: "voice_clone" }, { maxRetries: 0 })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it("an HTML error page is an InternalServerError whose message gives the page's title", async () => {
    const r = await run(
      "retrieve",
      [
        {
          kind: "respond",
          status: 502,
          headers: { "content-type": "text/html" },
          body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        },
      ],
      { maxRetries: 0 },
    );
    expect(r.error).toBeInstanceOf(InternalServerError);
    expect(r.error).toMatchObject({ status: 502, statusMsg: "502 Bad Gateway" });
    expect((r.error as Error).message).toContain('HTTP 502 "502 Bad Gateway"');
  });
});

describe("2xx bodies the client cannot use", () => {
  it.each(OPS.filter((op) => op !== "retrieveContent"))(
    "%s: invalid JSON is a MiniMaxResponseError quoting it, not retried",
    async (op) => {
      const r = await run(op, [
        { kind: "respond", headers: { "content-type": "application/json" }, body: "{not json" },
      ]);
      expect(r.error).toBeInstanceOf(MiniMaxResponseError);
      expect((r.error as Error).message).toContain('"{not json"');
      expect(r.requests).toBe(1);
    },
  );

  it.each(OPS.filter((op) => op !== "retrieveContent"))(
    "%s: a wrong Content-Type is a MiniMaxResponseError naming it",
    async (op) => {
      const r = await run(op, [
        {
          kind: "respond",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ base_resp: { status_code: 0 } }),
        },
      ]);
      expect(r.error).toBeInstanceOf(MiniMaxResponseError);
      expect((r.error as Error).message).toContain("text/plain instead of application/json");
    },
  );
});

describe("HTTP 200 with each documented business code", () => {
  const cases = Object.entries(BUSINESS_CODES).flatMap(([code, info]) =>
    OPS.map((op) => [Number(code), info.kind, info.retry, op] as const),
  );
  it.each(cases)("code %i (%s, retry %s) on %s", async (code, _kind, rule, op) => {
    const r = await run(op, [envelope(code)]);
    expect(r.error).toBeInstanceOf(MiniMaxAPIError);
    expect(r.error).toMatchObject({ statusCode: code, status: 200, retryable: rule !== "never" });
    const retried = rule === "always" || (rule === "idempotent" && op !== "upload");
    expect(r.requests).toBe(retried ? 3 : 1);
  });

  it("a rate-limit code followed by success: the upload goes through once", async () => {
    const r = await run("upload", [envelope(1002), OK.upload]);
    expect(r.error).toBeUndefined();
    expect(r.requests).toBe(2);
  });

  it("RateLimitError carries Retry-After from an in-band failure", async () => {
    const r = await run("list", [envelope(1039, {}, { "retry-after": "90" })]);
    expect(r.error).toBeInstanceOf(RateLimitError);
    expect(r.error).toMatchObject({ retryAfter: 90 });
    expect(r.requests).toBe(1); // 90 s is above maxRetryAfter
  });
});

describe("cancel and time limits release everything", () => {
  it.each(OPS)(
    "%s: aborting while waiting for the answer is a MiniMaxAbortError with the signal's reason, one request",
    async (op) => {
      server = await startFaultServer([{ kind: "delay", ms: 10_000, then: OK[op] }]);
      const controller = new AbortController();
      const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
      const call = {
        upload: () =>
          files.upload(
            { file: Buffer.alloc(1024), filename: "a.txt", purpose: "t2a_async_input" },
            { signal: controller.signal },
          ),
        list: () => files.list({ purpose: "voice_clone" }, { signal: controller.signal }),
        retrieve: () => files.retrieve("1", { signal: controller.signal }),
        retrieveContent: () => files.retrieveContent("1", { signal: controller.signal }),
        delete: () => files.delete("1", { purpose: "voice_clone" }, { signal: controller.signal }),
      }[op];
      const pending = call().catch((e: unknown) => e);
      while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      const reason = new Error("user cancelled");
      controller.abort(reason);
      const error = await pending;
      expect(error).toMatchObject({ name: "MiniMaxAbortError", cause: reason });
      expect(server.requests).toHaveLength(1);
    },
  );

  it("aborting during the wait between retries ends the call at once", async () => {
    server = await startFaultServer([json({}, 503, { "retry-after": "30" })]);
    const controller = new AbortController();
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, backoff: { maxRetryAfter: 60_000 } });
    const pending = files.list({ purpose: "voice_clone" }, { signal: controller.signal }).catch((e: unknown) => e);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    controller.abort("enough");
    expect(await pending).toMatchObject({ name: "MiniMaxAbortError", cause: "enough" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(1);
  });

  it("a streamed download that stalls past the time limit fails its stream with MiniMaxTimeoutError", async () => {
    server = await startFaultServer([{ kind: "stall-body", first: "the first bytes" }]);
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const stream = await files.retrieveContent("1", { as: "stream", timeout: 300 });
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("the first bytes");
    await expect(reader.read()).rejects.toMatchObject({ name: "MiniMaxTimeoutError", timeout: 300 });
  });

  it("upload aborted in the same tick as the call: MiniMaxAbortError, nothing sent, no crash (Node 24's fetch throws an uncaught error for an aborted FormData request)", async () => {
    server = await startFaultServer([OK.upload]);
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const pending = files.upload(
        { file: Buffer.alloc(64 * 1024), filename: "a.txt", purpose: "t2a_async_input" },
        { signal: controller.signal },
      );
      controller.abort("changed my mind");
      await expect(pending).rejects.toMatchObject({ name: "MiniMaxAbortError", cause: "changed my mind" });
      const raw = files.raw.POST("/v1/files/upload", {
        body: { purpose: "t2a_async_input", file: new Blob(["x"]) },
        signal: controller.signal,
      });
      await expect(raw).rejects.toMatchObject({ name: "MiniMaxAbortError" });
    }
    await new Promise((r) => setTimeout(r, 50)); // an uncaught error would surface here
    expect(server.requests).toHaveLength(0);
  });

  it("a streamed download abandoned after the caller aborts keeps no timer; one that times out keeps no listener on the caller's signal", async () => {
    server = await startFaultServer([{ kind: "stall-body", first: "x" }]);
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const controller = new AbortController();
    await files.retrieveContent("1", { as: "stream", signal: controller.signal, timeout: 60_000 });
    controller.abort(); // the stream is never read nor cancelled; guard.check() finds a left timer

    const shared = new AbortController();
    let listeners = 0;
    const add = shared.signal.addEventListener.bind(shared.signal);
    const remove = shared.signal.removeEventListener.bind(shared.signal);
    shared.signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    shared.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      listeners--, remove(...args)
    )) as typeof remove;
    for (let i = 0; i < 3; i++) await files.retrieveContent("1", { as: "stream", signal: shared.signal, timeout: 30 });
    await new Promise((r) => setTimeout(r, 100)); // all three time out, unread
    expect(listeners).toBe(0);
  });

  it("a streamed download read to its end, or cancelled, clears the time limit", async () => {
    server = await startFaultServer([OK.retrieveContent]);
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const read = await files.retrieveContent("1", { as: "stream", timeout: 60_000 });
    expect(await new Response(read).text()).toBe("bytes!");
    const cancelled = await files.retrieveContent("1", { as: "stream", timeout: 60_000 });
    await cancelled.cancel();
    // guard.check() in afterEach fails if either left its 60 s timer behind.
  });
});
