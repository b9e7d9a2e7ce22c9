// The default transport (src/node-transport.ts), which sends upload bodies over node:http(s) and
// must look like fetch to the rest of the client: which protocol it speaks, the errors it rejects
// with (fetch's TypeError "fetch failed" with the socket's cause; the signal's own reason on abort;
// our own errors unwrapped), the Response it builds (204/304 without a body, headers as fetch gives
// them, a status fetch's Response refuses), aborting a response body, listeners left on the
// caller's signal. Real sockets on 127.0.0.1; nothing mocked.
import { getEventListeners } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MiniMaxConnectionError, MiniMaxFiles, MiniMaxInputError, toFile } from "../../src";
import { encodeUpload } from "../../src/multipart";
import { createDefaultTransport } from "../../src/node-transport";
import { toUploadPart } from "../../src/upload-body";
import { startFakeServer, uploadSuccess, type FakeServer } from "../helpers/fake-server";
import { startFaultServer, type FaultServer } from "../helpers/fault-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../faults/guard";

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
/** A port nothing listens on (a server bound and closed again). */
const closedPort = async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const transport = createDefaultTransport();
/** An upload request as the client builds it: its body is one the default transport sends itself. */
const uploadRequest = async (url: string, options: { signal?: AbortSignal; file?: unknown } = {}) => {
  const part = await toUploadPart({ file: options.file ?? toFile(Buffer.from("hello, upload"), "a.mp4"), purpose: "video_understanding" });
  const { headers, body } = encodeUpload(part);
  return new Request(`${url}/v1/files/upload`, { method: "POST", headers, body, duplex: "half", ...(options.signal ? { signal: options.signal } : {}) } as RequestInit);
};
/** Settles as `promise` does, or rejects after `ms` (a hang is a failure, not a stuck test). */
const within = <T>(promise: Promise<T>, ms = 1000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms)));
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
    expect(error).toMatchObject({ message: "fetch failed", cause: { code: "ERR_INVALID_URL", message: expect.stringContaining("ftp:") } });
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
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url.replace(/^http:/, "https:"), maxRetries: 0 });
    await expect(client.upload({ file: toFile(Buffer.from("hello"), "a.mp4"), purpose: "video_understanding" })).rejects.toBeInstanceOf(MiniMaxConnectionError);
    expect(requests).toBe(0);
    expect(firstBytes?.[0]).toBe(0x16); // a TLS handshake record (the ClientHello)
  });
});

describe("errors", () => {
  it("a refused connection is a MiniMaxConnectionError with requestSent false; its cause is fetch's TypeError carrying ECONNREFUSED", async () => {
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 0 });
    const error = await client.upload({ file: toFile(Buffer.from("hello"), "a.mp4"), purpose: "video_understanding" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxConnectionError);
    expect(error).toMatchObject({ requestSent: false, message: expect.stringContaining("ECONNREFUSED") });
    const cause = (error as MiniMaxConnectionError).cause;
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause).toMatchObject({ message: "fetch failed", cause: { code: "ECONNREFUSED" } });
  });

  it("a failed request leaves no listener on the caller's signal", async () => {
    const controller = new AbortController();
    const request = await uploadRequest(`http://127.0.0.1:${await closedPort()}`, { signal: controller.signal });
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
    expect(error).toMatchObject({ message: "fetch failed", cause: expect.objectContaining({ name: "RangeError", message: expect.stringContaining("status") }) });
    expect(server.requests).toHaveLength(1);
  });
});

describe("the Response", () => {
  it.each([204, 304])("a %i answer resolves with that status and no body (fetch's Response allows none)", async (status) => {
    const server = await fake(() => ({ status }));
    const response = await within(transport(await uploadRequest(server.url)));
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });

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
