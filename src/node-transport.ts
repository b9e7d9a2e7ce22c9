// The default transport (the `fetch` option's default): upload bodies built by this package
// (multipart.ts) go over node:http(s), every other request through globalThis.fetch.
//
// Why not fetch for bodies: Node's fetch (undici) keeps a copy of a request body it may have to
// send again after a redirect, and reads a FormData file part into memory. Measured for a 1 GiB
// upload: 1.16 GB RSS and 5.2 s, where http.request piping the same bytes takes 90 MB and 0.57 s.
// http.request writes the body as it is pulled (socket backpressure keeps memory bounded), sends
// the Content-Length the body was built with, and cannot follow a redirect with a body it no
// longer has. (It also does not use a proxy set up for fetch, such as undici's global dispatcher
// or Node 24's NODE_USE_ENV_PROXY: pass `fetch` to go through one.) Responses are handed back as a fetch Response, errors shaped as fetch's (a
// TypeError "fetch failed" whose cause carries the socket's code; the signal's reason on abort),
// so the rest of the client cannot tell the two transports apart. A `fetch` given in the options
// replaces all of this.
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { ourErrorIn } from "./errors";
import { chunksOf } from "./multipart";
import type { FetchLike } from "./options";

export function createDefaultTransport(fetchOthers: FetchLike): FetchLike {
  return (request) => {
    const chunks = chunksOf(request.body);
    return chunks ? sendOverHttp(request, chunks) : fetchOthers(request);
  };
}

function sendOverHttp(request: Request, chunks: AsyncGenerator<Uint8Array>): Promise<Response> {
  // An already-aborted request never gets here (client.ts sendUnlessAborted).
  const { signal } = request;
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? https.request : url.protocol === "http:" ? http.request : undefined;
  if (!send) return Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: "ERR_INVALID_URL" }) }));

  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const req = send(url, { method: request.method, headers });
    // Written from the body's chunks directly: a web stream → Node stream bridge costs more per chunk.
    const body = Readable.from(chunks, { objectMode: false, highWaterMark: 0 });

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      body.destroy();
      req.destroy();
      if (signal.aborted) reject(signal.reason);
      else reject(ourErrorIn(error) ?? new TypeError("fetch failed", { cause: error }));
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });

    req.on("error", fail);
    // The body failing (a file that changed, the caller's stream erroring) cuts the request. Once
    // an answer has come, fail does nothing: the body was stopped then, and the response's close
    // drops the connection (see below).
    body.on("error", fail);
    body.pipe(req);

    req.on("response", (res) => {
      // The server may answer before reading everything (a 413, say): stop sending the file, and
      // drop the connection once the answer is read (it is mid-request, so cannot be reused).
      if (!body.readableEnded) {
        body.unpipe(req);
        body.destroy();
        res.on("close", () => req.destroy());
      }
      settled = true;
      const stream = Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>;
      const responseHeaders = new Headers();
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const status = res.statusCode ?? 0;
      const abortBody = () => res.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      signal.addEventListener("abort", abortBody, { once: true });
      res.on("close", () => {
        signal.removeEventListener("abort", onAbort);
        signal.removeEventListener("abort", abortBody);
      });
      try {
        resolve(new Response(status === 204 || status === 304 ? null : stream, { status, statusText: res.statusMessage ?? "", headers: responseHeaders }));
      } catch (error) {
        res.destroy();
        reject(new TypeError("fetch failed", { cause: error }));
      }
    });
  });
}
