// The default transport (the `fetch` option's default): every request goes over node:http(s),
// on Node's global agents (keep-alive), and comes back as a fetch Response.
//
// Why not globalThis.fetch:
// - Upload bodies. Node's fetch (undici) keeps a copy of a request body it may have to send again
//   after a redirect, and reads a FormData file part into memory. Measured for a 1 GiB upload:
//   1.16 GB RSS and 5.2 s, where http.request piping the same bytes takes 90 MB and 0.57 s. Here
//   an upload body built by multipart.ts is written as it is pulled (socket backpressure keeps
//   memory bounded), with the Content-Length it was built with.
// - Per-call cost. A fetch call builds a second Request, AbortController and body stream on top
//   of the ones openapi-fetch already built; http.request does not. On small calls this transport
//   costs less than fetch: 124 µs against 204 µs for a warm small call on loopback (this machine).
//
// What it does not do that fetch does: follow redirects (a 3xx comes back as it is, and so is
// reported as an HTTP error: the API does not redirect, and a redirected upload could not be sent
// again anyway), or use a proxy set up for fetch alone (undici's setGlobalDispatcher): pass
// `fetch` to go through one. NODE_USE_ENV_PROXY (Node 22.21+, 24.5+) does apply: Node gives its
// global agents the proxy too. It asks for and decodes gzip, deflate and br bodies (stacked ones
// too) as fetch does, keeping the Content-Encoding and Content-Length headers as they came. Errors are shaped as fetch's (a TypeError "fetch failed" whose cause carries the
// socket's code; the signal's reason on abort), so the rest of the client cannot tell the two
// transports apart. A `fetch` given in the options replaces all of this.
import http from "node:http";
import https from "node:https";
import { pipeline, Readable } from "node:stream";
import zlib from "node:zlib";
import { ourErrorIn } from "../errors";
import { contentCodings } from "../transfer/content-length";
import { chunksOf } from "./body-chunks";
import type { FetchLike } from "../core/options";

const ACCEPT_ENCODING = "gzip, deflate, br";

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: () => zlib.createGunzip(),
  "x-gzip": () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

export function createDefaultTransport(): FetchLike {
  return (request) => sendOverHttp(request);
}

async function bodyOf(request: Request): Promise<Readable | Uint8Array | undefined> {
  const chunks = chunksOf(request.body);
  // Written from the body's chunks directly: a web stream → Node stream bridge costs more per chunk.
  if (chunks) return Readable.from(chunks, { objectMode: false, highWaterMark: 0 });
  if (!request.body) return undefined;
  // A body that comes with its length (an upload whose Request a middleware of the caller's
  // rebuilt, so that its stream is another one) is streamed all the same.
  if (request.headers.has("content-length"))
    return Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>, { highWaterMark: 0 });
  // Anything else (JSON from the methods, a FormData from the raw client) is read whole, as fetch
  // does, so it goes out with a Content-Length.
  return new Uint8Array(await request.arrayBuffer());
}

async function sendOverHttp(request: Request): Promise<Response> {
  const { signal } = request;
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? https.request : url.protocol === "http:" ? http.request : undefined;
  if (!send)
    throw new TypeError("fetch failed", {
      cause: Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: "ERR_INVALID_URL" }),
    });
  const body = await bodyOf(request);
  // Aborted already (client.ts sendUnlessAborted checks before the call) or while the body was read.
  if (signal.aborted) throw signal.reason;

  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    headers["accept-encoding"] ??= ACCEPT_ENCODING;
    const req = send(url, { method: request.method, headers });
    const streamed = body instanceof Readable ? body : undefined;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      streamed?.destroy();
      req.destroy();
      if (signal.aborted) reject(signal.reason);
      else reject(ourErrorIn(error) ?? new TypeError("fetch failed", { cause: error }));
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    req.on("error", fail);
    if (streamed) {
      // The body failing (a file that changed, the caller's stream erroring) cuts the request. Once
      // an answer has come, fail does nothing: the body was stopped then, and the response's close
      // drops the connection (see below).
      streamed.on("error", fail);
      streamed.pipe(req);
    } else req.end(body);

    req.on("response", (res) => {
      // The server may answer before reading everything (a 413, say): stop sending the file, and
      // drop the connection once the answer is read (it is mid-request, so cannot be reused).
      if (streamed && !streamed.readableEnded) {
        streamed.unpipe(req);
        streamed.destroy();
        res.on("close", () => req.destroy());
      }
      settled = true;
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
        responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 0;
      signal.removeEventListener("abort", onAbort);
      // As fetch: these answers have no body, whatever their headers say.
      const empty = request.method === "HEAD" || status === 204 || status === 205 || status === 304;
      try {
        const response = new Response(empty ? null : webBodyOf(res, signal), {
          status,
          statusText: res.statusMessage ?? "",
          headers: responseHeaders,
        });
        // As fetch's: the URL answered (no redirect is followed, so the one asked).
        Object.defineProperty(response, "url", { value: request.url });
        resolve(response);
      } catch (error) {
        res.destroy();
        reject(new TypeError("fetch failed", { cause: error }));
      }
      // Read to its end all the same, so the socket goes back to the agent for the next call.
      if (empty) res.resume();
    });
  });
}

/**
 * The response body as a web stream, decoded when it came compressed (stacked codings too). The
 * signal aborting before the body is read to its end fails the read with its reason, as fetch's.
 */
function webBodyOf(res: http.IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  // Codings are listed in the order they were applied: undone last to first. An empty body has
  // nothing to decode (a decoder would fail on it), and an unknown coding is handed on as it came.
  const encoding = res.headers["content-encoding"];
  const codings = encoding === undefined ? [] : contentCodings(encoding).reverse();
  const decoders =
    res.headers["content-length"] === "0" || codings.some((c) => !DECODERS[c])
      ? []
      : codings.map((c) => DECODERS[c]!());
  if (!decoders.length) return webStreamOf(res, signal);
  const abortBody = () =>
    res.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
  signal.addEventListener("abort", abortBody, { once: true });
  res.on("close", () => signal.removeEventListener("abort", abortBody));
  // pipeline destroys the decoders when the socket fails mid-body, and the socket when the reader cancels.
  const source = pipeline([res, ...decoders], () => undefined) as unknown as Readable;
  return Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>;
}

/** Bytes of an answer read ahead of its reader before the socket is paused. */
const READ_AHEAD = 1024 * 1024;
/** What a queued chunk costs besides its bytes, so that a server's tiny chunks are bounded too. */
const CHUNK_COST = 256;

/**
 * An unencoded body as a web stream: the socket's chunks queued until READ_AHEAD bytes wait for
 * the reader, then the socket paused until it takes them. Pausing after every chunk instead made
 * each one wait for a pause, a read and a resume (docs/benchmarks.md). Lighter per
 * answer than Readable.toWeb, which most answers (small JSON) would pay for on every call. A body
 * cut short (the socket closed, the signal aborted) errors it; the stream ends only once the
 * reader has taken every queued chunk, so an abort until then still fails it.
 */
function webStreamOf(res: http.IncomingMessage, signal: AbortSignal): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  let ended = false;
  const settle = (how: () => void) => {
    if (!open) return;
    open = false;
    signal.removeEventListener("abort", onAbort);
    how();
  };
  const fail = (error: unknown) => settle(() => controller.error(error));
  // Nothing is queued: the reader has had every chunk.
  const drained = () => controller.desiredSize === READ_AHEAD;
  const closeIfDrained = () => {
    if (drained()) settle(() => controller.close());
  };
  const onAbort = () => {
    fail(signal.reason);
    res.destroy();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  res.on("data", (chunk: Buffer) => {
    // A resume the reader asked for can still hand on a buffered chunk after it cancelled.
    if (!open) return;
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) res.pause();
  });
  res.on("end", () => {
    ended = true;
    closeIfDrained();
  });
  res.on("error", fail);
  res.on("close", () => {
    if (!res.complete) fail(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
  });
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      // Called while fewer than READ_AHEAD bytes are queued, and as the reader takes the last one.
      pull() {
        if (ended) closeIfDrained();
        else res.resume();
      },
      cancel() {
        settle(() => undefined);
        res.destroy();
      },
    },
    { highWaterMark: READ_AHEAD, size: (chunk) => chunk.byteLength + CHUNK_COST },
  );
}
