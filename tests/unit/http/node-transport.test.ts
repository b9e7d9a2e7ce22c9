// The default transport (src/node-transport.ts) carries every request over node:http(s) instead
// of fetch. What fetch did for us and this transport must do too, seen from a real server on
// 127.0.0.1: compressed bodies decoded, connections kept alive and reused, a JSON body sent with
// its Content-Length; and what it deliberately does differently: a redirect is not followed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { MiniMaxAPIError, MiniMaxFiles, toFile, MiniMaxConnectionError, MiniMaxInputError } from "../../../src";
import { createDefaultTransport } from "../../../src/http/node-transport";
import { TEST_API_KEY } from "../../helpers/observed-client";
import { getEventListeners } from "node:events";
import { encodeUpload } from "../../../src/transfer/multipart-body";
import { toUploadPart } from "../../../src/transfer/upload-params";
import { startFakeServer, uploadSuccess, type FakeServer } from "../../helpers/fake-server";
import { startFaultServer, type FaultServer } from "../../helpers/fault-server";
import { guardProcess } from "../../helpers/process-guard";
import { refusedUrl } from "../../helpers/refused-port";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Server {
  url: string;
  seen: Seen[];
  /** Connections opened to it. */
  connections: () => number;
  /** Request-body bytes received so far, as they arrive. */
  bytesIn: () => number;
  close(): Promise<void>;
}

async function serve(answer: (seen: Seen, res: http.ServerResponse) => void): Promise<Server> {
  const seen: Seen[] = [];
  let connections = 0;
  let bytesIn = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      chunks.push(c);
      bytesIn += c.length;
    });
    req.on("end", () => {
      const one = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(one);
      answer(one, res);
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    connections: () => connections,
    bytesIn: () => bytesIn,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const listed = (id: string) =>
  `{"files":[{"file_id":${id},"bytes":5,"created_at":1700000000,"filename":"a.mp3","purpose":"voice_clone"}],"base_resp":{"status_code":0,"status_msg":"success"}}`;
const client = (server: Server) => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0 });

let server: Server | undefined;
afterEach(() => server?.close());

it.each([
  ["gzip", zlib.gzipSync],
  ["deflate", zlib.deflateSync],
  ["br", zlib.brotliCompressSync],
] as const)("asks for compressed bodies and decodes a %s one, ids exact", async (encoding, compress) => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding });
    res.end(compress(Buffer.from(listed("9223372036854775807"))));
  });
  const files = await client(server).list({ purpose: "voice_clone" });
  expect(files.map((f) => f.file_id)).toEqual(["9223372036854775807"]);
  expect(server.seen[0]!.headers["accept-encoding"]).toContain(encoding);
});

it("a body that is not what its Content-Encoding says is a connection error, not garbage data", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    res.end(listed("1"));
  });
  await expect(client(server).list({ purpose: "voice_clone" })).rejects.toMatchObject({
    name: "MiniMaxConnectionError",
  });
});

it("a body read chunk by chunk ends when the answer ends, also when its end comes after the reader asked for more", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" }); // chunked: the end is a chunk of its own
    res.write('{"files":[],');
    setTimeout(() => res.write('"base_resp":{"status_code":0,"status_msg":"success"}}'), 30);
    setTimeout(() => res.end(), 60);
  });
  const response = await createDefaultTransport()(new Request(`${server.url}/v1/files/list`));
  const reader = response.body!.getReader();
  const parts: string[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(new TextDecoder().decode(value));
  }
  expect(parts).toEqual(['{"files":[],', '"base_resp":{"status_code":0,"status_msg":"success"}}']);
});

it("a body nobody reads is read ahead only so far: the socket is paused, and every byte still arrives", async () => {
  const total = 64 * 1024 * 1024;
  let flushed = 0; // bytes the server's socket has taken from it
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(total) });
    const chunk = Buffer.alloc(64 * 1024, 7);
    let written = 0;
    const more = () => {
      while (written < total) {
        written += chunk.length;
        const fits = res.write(chunk, () => void (flushed += chunk.length));
        if (!fits) return void res.once("drain", more);
      }
      res.end();
    };
    more();
  });
  const response = await createDefaultTransport()(new Request(`${server.url}/v1/files/retrieve_content`));
  await new Promise((resolve) => setTimeout(resolve, 400));
  const early = flushed;
  await new Promise((resolve) => setTimeout(resolve, 400));
  // The flow has stopped: what the kernel's socket buffers hold, plus the 1 MiB queued ahead.
  expect(flushed).toBe(early);
  expect(flushed).toBeLessThan(total);
  let received = 0;
  for await (const part of response.body! as unknown as AsyncIterable<Uint8Array>) received += part.byteLength;
  expect({ received, flushed }).toEqual({ received: total, flushed: total });
});

it("a reader that takes a chunk of a full queue and cancels at once ends the body cleanly", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(8 * 1024 * 1024) });
    res.end(Buffer.alloc(8 * 1024 * 1024, 1));
  });
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);
  process.on("uncaughtException", onUncaught);
  try {
    for (let round = 0; round < 5; round++) {
      const response = await createDefaultTransport()(new Request(`${server.url}/v1/files/retrieve_content`));
      await new Promise((resolve) => setTimeout(resolve, 100)); // the queue is full, the socket paused
      const reader = response.body!.getReader();
      await reader.read(); // the socket resumes on the next tick…
      await reader.cancel(); // …after the body is cancelled
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    process.off("uncaughtException", onUncaught);
  }
  expect(uncaught).toEqual([]);
});

it("a body that has arrived whole but is not yet taken by its reader still fails on an abort", async () => {
  server = await serve((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(listed("1")));
  const controller = new AbortController();
  const response = await createDefaultTransport()(
    new Request(`${server.url}/v1/files/list`, { signal: controller.signal }),
  );
  await new Promise((resolve) => setTimeout(resolve, 100)); // the answer's end has come
  const reason = new Error("user pressed cancel");
  controller.abort(reason);
  await expect(response.text()).rejects.toBe(reason);
});

it("keeps the connection alive: consecutive calls share one socket", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(listed("1"));
  });
  const files = client(server);
  for (let i = 0; i < 3; i++) await files.list({ purpose: "voice_clone" });
  expect(server.seen).toHaveLength(3);
  expect(server.connections()).toBe(1);
});

it("sends a JSON body whole, with its Content-Length (not chunked)", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"file_id":9223372036854775807,"base_resp":{"status_code":0,"status_msg":"success"}}');
  });
  await client(server).delete("9223372036854775807", { purpose: "voice_clone" });
  const [req] = server.seen;
  expect(req!.headers["transfer-encoding"]).toBeUndefined();
  expect(req!.headers["content-length"]).toBe(String(req!.body.length));
  expect(req!.body.toString()).toBe('{"file_id":9223372036854775807,"purpose":"voice_clone"}');
});

it("does not follow a redirect: the 3xx is reported, and only the first server is asked", async () => {
  const elsewhere = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(listed("1"));
  });
  try {
    server = await serve((_, res) => {
      res.writeHead(301, { location: `${elsewhere.url}/v1/files/list?purpose=voice_clone` });
      res.end();
    });
    const error = await client(server)
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxAPIError);
    expect((error as MiniMaxAPIError).status).toBe(301);
    expect(server.seen).toHaveLength(1);
    expect(elsewhere.seen).toHaveLength(0);
  } finally {
    await elsewhere.close();
  }
});

it("a raw call's response carries the URL asked, as fetch's does", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(listed("1"));
  });
  const { response } = await client(server).raw.GET("/v1/files/list", {
    params: { query: { purpose: "voice_clone" } },
  });
  expect(response.url).toBe(`${server.url}/v1/files/list?purpose=voice_clone`);
});

it("a request whose signal is already aborted is not sent: it rejects with the signal's reason", async () => {
  server = await serve((_, res) => res.end());
  const reason = new Error("stopped by the caller");
  const controller = new AbortController();
  controller.abort(reason);
  const request = new Request(`${server.url}/v1/files/delete`, {
    method: "POST",
    body: "{}",
    signal: controller.signal,
  });
  const settled = createDefaultTransport()(request).then(
    () => "answered",
    (error: unknown) => error,
  );
  const late = new Promise((resolve) => setTimeout(resolve, 1000, "still pending after 1 s").unref());
  expect(await Promise.race([settled, late])).toBe(reason);
  expect(server.seen).toHaveLength(0);
});

it("an empty body marked compressed is an empty body, not a decoding failure (and not retried)", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": "0" });
    res.end();
  });
  const files = new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    maxRetries: 2,
    backoff: { initialDelay: 1 },
  });
  await expect(files.list({ purpose: "voice_clone" })).rejects.toMatchObject({
    name: "MiniMaxResponseError",
    message: expect.stringContaining("an empty body instead of JSON"),
  });
  expect(server.seen).toHaveLength(1);
});

it("decodes stacked codings, undone last to first (gzip, then br)", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip, br" });
    res.end(zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(listed("9223372036854775807")))));
  });
  expect((await client(server).list({ purpose: "voice_clone" })).map((f) => f.file_id)).toEqual([
    "9223372036854775807",
  ]);
});

it.each([
  ["HEAD", 200],
  ["GET", 204],
  ["GET", 205],
  ["GET", 304],
] as const)("a %s answered %i has no body, whatever its headers say (as fetch gives it)", async (method, status) => {
  server = await serve((_, res) => {
    res.writeHead(status, { "content-type": "application/json", "content-encoding": "gzip", "content-length": "20" });
    res.end();
  });
  const response = await createDefaultTransport()(new Request(`${server.url}/v1/files/list`, { method }));
  expect(response.status).toBe(status);
  expect(response.body).toBeNull();
});

it("keeps the purpose it checked: changing the params object after the call sends what was checked", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(listed("1"));
  });
  const params: { purpose: "voice_clone" | "prompt_audio" } = { purpose: "voice_clone" };
  const listing = client(server).list(params);
  params.purpose = "prompt_audio";
  await listing;
  expect(server.seen[0]!.url).toBe("/v1/files/list?purpose=voice_clone");
});

it("an upload whose Request a middleware of the caller's rebuilt is still streamed, with its Content-Length", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        file: { file_id: 1, bytes: 1, created_at: 1, filename: "long.mp4", purpose: "video_understanding" },
        base_resp: { status_code: 0, status_msg: "success" },
      }),
    );
  });
  const files = client(server);
  files.raw.use({
    onRequest: ({ request }) =>
      new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-rebuilt": "yes" } }),
  });
  const MiB = 1024 * 1024;
  const arrivedFirst = { before: -1 };
  const live = server;
  async function* source() {
    yield new Uint8Array(MiB);
    // A transport that reads the whole body before sending lets nothing arrive while this waits.
    for (let waited = 0; live.bytesIn() < MiB && waited < 2000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    arrivedFirst.before = live.bytesIn();
    yield new Uint8Array(MiB);
  }
  await files.upload({ file: toFile(source(), "long.mp4", { size: 2 * MiB }), purpose: "video_understanding" });
  const [req] = server.seen;
  expect(req!.headers["x-rebuilt"]).toBe("yes");
  expect(req!.headers["transfer-encoding"]).toBeUndefined();
  expect(Number(req!.headers["content-length"])).toBe(req!.body.length);
  expect(arrivedFirst.before).toBeGreaterThanOrEqual(MiB);
});

describe("upload bodies and fetch-shaped answers", () => {
  // The default transport (src/node-transport.ts), which sends upload bodies over node:http(s) and
  // must look like fetch to the rest of the client: which protocol it speaks, the errors it rejects
  // with (fetch's TypeError "fetch failed" with the socket's cause; the signal's own reason on abort;
  // our own errors unwrapped), the Response it builds (204/304 without a body, headers as fetch gives
  // them, a status fetch's Response refuses), aborting a response body, listeners left on the
  // caller's signal. Real sockets on 127.0.0.1; nothing mocked.
  const guard = guardProcess();
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
    await guard.check();
  });

  const fake = async (...args: Parameters<typeof startFakeServer>): Promise<FakeServer> => {
    const server = await startFakeServer(...args);
    closers.push(() => server.close());
    return server;
  };
  const faulty = async (...args: Parameters<typeof startFaultServer>): Promise<FaultServer> => {
    const server = await startFaultServer(...args);
    closers.push(() => server.close());
    return server;
  };
  /** A plain node:http server for answers the helpers cannot give (repeated headers, a reason phrase). */
  const raw = async (handler: http.RequestListener) => {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, http: server };
  };

  const transport = createDefaultTransport();
  /** An upload request as the client builds it: its body is one the default transport sends itself. */
  const uploadRequest = async (url: string, options: { signal?: AbortSignal; file?: unknown } = {}) => {
    const part = await toUploadPart({
      file: options.file ?? toFile(Buffer.from("hello, upload"), "a.mp4"),
      purpose: "video_understanding",
    });
    const { headers, body } = encodeUpload(part);
    return new Request(`${url}/v1/files/upload`, {
      method: "POST",
      headers,
      body,
      duplex: "half",
      ...(options.signal ? { signal: options.signal } : {}),
    } as RequestInit);
  };
  /** Settles as `promise` does, or rejects after `ms` (a hang is a failure, not a stuck test). */
  const within = <T>(promise: Promise<T>, ms = 1000): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)),
    );
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  };
  const abortListeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;
  /** Closed sockets and streams let go of their listeners a tick or two later. */
  const settle = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setImmediate(r));
  };

  describe("protocol", () => {
    it("a URL neither http nor https is refused as fetch refuses it (TypeError 'fetch failed', cause ERR_INVALID_URL naming the protocol); nothing is sent", async () => {
      const server = await fake(() => ({ body: uploadSuccess("a.mp4", 13, "video_understanding") }));
      const request = await uploadRequest(server.url.replace(/^http:/, "ftp:"));
      const error = await transport(request).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({
        message: "fetch failed",
        cause: { code: "ERR_INVALID_URL", message: expect.stringContaining("ftp:") },
      });
      expect(server.requests).toHaveLength(0);
    });

    it("an https baseUrl speaks TLS: a plain-HTTP server gets a TLS handshake, no request, and the upload is a connection error", async () => {
      let firstBytes: Buffer | undefined;
      let requests = 0;
      const server = await raw(() => requests++);
      server.http.on("clientError", (error: Error & { rawPacket?: Buffer }, socket) => {
        firstBytes ??= error.rawPacket;
        socket.destroy();
      });
      const client = new MiniMaxFiles({
        apiKey: TEST_API_KEY,
        baseUrl: server.url.replace(/^http:/, "https:"),
        maxRetries: 0,
      });
      await expect(
        client.upload({ file: toFile(Buffer.from("hello"), "a.mp4"), purpose: "video_understanding" }),
      ).rejects.toBeInstanceOf(MiniMaxConnectionError);
      expect(requests).toBe(0);
      expect(firstBytes?.[0]).toBe(0x16); // a TLS handshake record (the ClientHello)
    });
  });

  describe("errors", () => {
    it("a refused connection is a MiniMaxConnectionError with requestSent false; its cause is fetch's TypeError carrying ECONNREFUSED", async () => {
      const client = new MiniMaxFiles({
        apiKey: TEST_API_KEY,
        baseUrl: await refusedUrl(),
        maxRetries: 0,
      });
      const error = await client
        .upload({ file: toFile(Buffer.from("hello"), "a.mp4"), purpose: "video_understanding" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiniMaxConnectionError);
      expect(error).toMatchObject({ requestSent: false, message: expect.stringContaining("ECONNREFUSED") });
      const cause = (error as MiniMaxConnectionError).cause;
      expect(cause).toBeInstanceOf(TypeError);
      expect(cause).toMatchObject({ message: "fetch failed", cause: { code: "ECONNREFUSED" } });
    });

    it("a failed request leaves no listener on the caller's signal", async () => {
      const controller = new AbortController();
      const request = await uploadRequest(await refusedUrl(), { signal: controller.signal });
      await expect(transport(request)).rejects.toMatchObject({ cause: { code: "ECONNREFUSED" } });
      expect(abortListeners(request.signal)).toBe(0);
    });

    it("aborted mid-request, it rejects with the signal's reason itself, as fetch does", async () => {
      const server = await faulty([{ kind: "delay", ms: 10_000, then: { kind: "respond", body: {} } }]);
      const controller = new AbortController();
      const request = await uploadRequest(server.url, { signal: controller.signal });
      const reason = new Error("user pressed cancel");
      const sent = transport(request);
      await settle(() => server.completed().length > 0);
      expect(server.completed()).toHaveLength(1);
      controller.abort(reason);
      await expect(within(sent)).rejects.toBe(reason);
    });

    it("a body failing with one of our errors rejects with that error, not fetch's TypeError around it", async () => {
      const server = await faulty([{ kind: "respond", body: {} }]);
      async function* failing() {
        yield Buffer.alloc(1000, 1);
        throw new Error("disk on fire");
      }
      const request = await uploadRequest(server.url, { file: toFile(failing(), "a.mp4") });
      const error = await within(transport(request)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiniMaxInputError);
      expect(error).toMatchObject({ input: "file", message: expect.stringContaining("disk on fire") });
      expect(server.completed()).toHaveLength(0);
    });

    it("a status fetch's Response cannot hold (600) rejects as 'fetch failed' with the RangeError as cause", async () => {
      const server = await fake(() => ({ status: 600, body: "odd" }));
      const error = await within(transport(await uploadRequest(server.url))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({
        message: "fetch failed",
        cause: expect.objectContaining({ name: "RangeError", message: expect.stringContaining("status") }),
      });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe("the Response", () => {
    it.each([204, 304])(
      "a %i answer resolves with that status and no body (fetch's Response allows none)",
      async (status) => {
        const server = await fake(() => ({ status }));
        const response = await within(transport(await uploadRequest(server.url)));
        expect(response.status).toBe(status);
        expect(response.body).toBeNull();
      },
    );

    it("headers are those fetch gives for the same answer: repeated Set-Cookie kept apart, nothing added; the reason phrase is the statusText", async () => {
      const server = await raw((req, res) => {
        req.resume();
        req.on("end", () => {
          res.setHeader("Set-Cookie", ["a=1; Path=/", "b=2; Path=/"]);
          res.setHeader("X-Request-Id", "abc-123");
          res.setHeader("Date", "Thu, 01 Jan 2026 00:00:00 GMT");
          res.writeHead(201, "Stored Fine", { "Content-Type": "application/json" });
          res.end("{}");
        });
      });
      const ours = await within(transport(await uploadRequest(server.url)));
      const theirs = await globalThis.fetch(`${server.url}/v1/files/upload`, { method: "POST", body: "x" });
      await Promise.all([ours.text(), theirs.text()]);
      expect([...ours.headers]).toEqual([...theirs.headers]);
      expect(ours.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
      expect(ours).toMatchObject({ status: 201, statusText: "Stored Fine" });
    });
  });

  describe("the caller's signal after the answer", () => {
    it("aborting while the response body is read fails the read with the abort reason and drops the connection", async () => {
      const server = await faulty([{ kind: "stall-body", first: "partial" }]);
      const controller = new AbortController();
      const response = await within(transport(await uploadRequest(server.url, { signal: controller.signal })));
      const reader = response.body!.getReader();
      expect(new TextDecoder().decode((await within(reader.read())).value)).toBe("partial");
      const reason = new Error("user pressed cancel");
      controller.abort(reason);
      await expect(within(reader.read())).rejects.toBe(reason);
    });

    it("once the response is read to the end, no listener is left on the caller's signal", async () => {
      const server = await fake(() => ({ body: uploadSuccess("a.mp4", 13, "video_understanding") }));
      const controller = new AbortController();
      const request = await uploadRequest(server.url, { signal: controller.signal });
      const response = await within(transport(request));
      expect(abortListeners(request.signal)).toBeGreaterThan(0); // still reading: an abort must reach the body
      await response.text();
      await settle(() => abortListeners(request.signal) === 0);
      expect(abortListeners(request.signal)).toBe(0);
    });
  });
});
