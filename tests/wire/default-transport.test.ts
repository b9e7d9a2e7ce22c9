// The default transport (src/node-transport.ts) carries every request over node:http(s) instead
// of fetch. What fetch did for us and this transport must do too, seen from a real server on
// 127.0.0.1: compressed bodies decoded, connections kept alive and reused, a JSON body sent with
// its Content-Length; and what it deliberately does differently: a redirect is not followed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { MiniMaxAPIError, MiniMaxFiles, toFile } from "../../src";
import { createDefaultTransport } from "../../src/node-transport";
import { TEST_API_KEY } from "../helpers/observed-client";

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

const listed = (id: string) => `{"files":[{"file_id":${id},"bytes":5,"created_at":1700000000,"filename":"a.mp3","purpose":"voice_clone"}],"base_resp":{"status_code":0,"status_msg":"success"}}`;
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
  await expect(client(server).list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "MiniMaxConnectionError" });
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
  const { response } = await client(server).raw.GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } } });
  expect(response.url).toBe(`${server.url}/v1/files/list?purpose=voice_clone`);
});

it("a request whose signal is already aborted is not sent: it rejects with the signal's reason", async () => {
  server = await serve((_, res) => res.end());
  const reason = new Error("stopped by the caller");
  const controller = new AbortController();
  controller.abort(reason);
  const request = new Request(`${server.url}/v1/files/delete`, { method: "POST", body: "{}", signal: controller.signal });
  const settled = createDefaultTransport()(request).then(() => "answered", (error: unknown) => error);
  const late = new Promise((resolve) => setTimeout(resolve, 1000, "still pending after 1 s").unref());
  expect(await Promise.race([settled, late])).toBe(reason);
  expect(server.seen).toHaveLength(0);
});

it("an empty body marked compressed is an empty body, not a decoding failure (and not retried)", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": "0" });
    res.end();
  });
  const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 2, backoff: { initialDelay: 1 } });
  await expect(files.list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "MiniMaxResponseError", message: expect.stringContaining("an empty body instead of JSON") });
  expect(server.seen).toHaveLength(1);
});

it("decodes stacked codings, undone last to first (gzip, then br)", async () => {
  server = await serve((_, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip, br" });
    res.end(zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(listed("9223372036854775807")))));
  });
  expect((await client(server).list({ purpose: "voice_clone" })).map((f) => f.file_id)).toEqual(["9223372036854775807"]);
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
    res.end(JSON.stringify({ file: { file_id: 1, bytes: 1, created_at: 1, filename: "long.mp4", purpose: "video_understanding" }, base_resp: { status_code: 0, status_msg: "success" } }));
  });
  const files = client(server);
  files.raw.use({ onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-rebuilt": "yes" } }) });
  const MiB = 1024 * 1024;
  const arrivedFirst = { before: -1 };
  const live = server;
  async function* source() {
    yield new Uint8Array(MiB);
    // A transport that reads the whole body before sending lets nothing arrive while this waits.
    for (let waited = 0; live.bytesIn() < MiB && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
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
