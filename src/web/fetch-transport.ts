// The default transport of the web build: the runtime's own fetch. An upload's body (a stream of
// the multipart parts, src/transfer/multipart-body.ts) is gathered into a Blob first: not every
// runtime can send a streamed request body (browsers need HTTP/2 and duplex: "half"), and a Blob
// goes out with its Content-Length everywhere. So uploads here are held in memory while sent;
// progress is reported as the body is gathered.
import type { FetchLike } from "../core/options";
import { chunksOf } from "../http/body-chunks";

export function createDefaultTransport(): FetchLike {
  return async (request) => {
    const chunks = chunksOf(request.body);
    if (!chunks) return globalThis.fetch(request);
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    const headers = new Headers(request.headers);
    headers.delete("content-length"); // fetch sets it from the Blob
    return globalThis.fetch(request.url, {
      method: request.method,
      headers,
      body: new Blob(parts as Uint8Array<ArrayBuffer>[]),
      signal: request.signal,
    });
  };
}
