// Real node:http requests for the unit tests of the sandbox's request-level modules (request-body,
// upload-receiver, routes, reply): a server on 127.0.0.1 hands each request to the code under test
// as it arrives (nothing read before), and a raw client sends exactly the bytes a test gives, or
// cuts its body off.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Served<T> {
  url: string;
  /** What each request's handler returned or threw, in arrival order. */
  results: Promise<T>[];
  close(): Promise<void>;
}

/**
 * Serves each request with `handle`. A response the handler leaves unanswered is ended for it (204
 * when it returned, 500 with the message when it threw), so the client always gets an answer.
 */
export async function serveRequests<T>(
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<T>,
): Promise<Served<T>> {
  const results: Promise<T>[] = [];
  const server = http.createServer((req, res) => {
    const result = Promise.resolve().then(() => handle(req, res));
    results.push(result);
    result.then(
      () => void (res.headersSent || res.destroyed ? undefined : res.writeHead(204).end()),
      (error: unknown) =>
        void (res.headersSent || res.destroyed ? res.destroy() : res.writeHead(500).end(String(error))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    results,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface RawAnswer {
  status: number | undefined;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with these headers and body (its Content-Length added unless given); resolves with the whole answer. */
export function sendRaw(
  url: string,
  {
    method = "POST",
    headers = {},
    body,
  }: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  // Node sends a GET's or DELETE's body without a length unless told one, which no server can read.
  const sent =
    body === undefined || "content-length" in headers
      ? headers
      : { ...headers, "content-length": Buffer.byteLength(body) };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res
        .on("data", (chunk: Buffer) => chunks.push(chunk))
        .on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.once("error", reject);
    });
    request.once("error", reject).end(body);
  });
}

/** Sends the head and the first part of a body that announces more, then cuts the connection. */
export function sendCut(
  url: string,
  { headers = {}, body, announced }: { headers?: http.OutgoingHttpHeaders; body: string | Buffer; announced: number },
): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request(url, { method: "POST", headers: { ...headers, "content-length": announced } });
    request.once("error", () => resolve()); // the cut itself
    request.write(body, () => setTimeout(() => request.destroy(), 50));
    request.once("close", () => resolve());
  });
}
