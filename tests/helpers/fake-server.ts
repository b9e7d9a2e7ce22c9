// A real HTTP server on 127.0.0.1 standing in for MiniMax where Prism cannot help: it sees the
// raw bytes of a request and answers whatever a test needs (in-band errors, Trace-Id, garbage).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | object;
}

export interface FakeServer {
  url: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(respond: (request: CapturedRequest) => CannedResponse): Promise<FakeServer> {
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const captured = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(captured);
      const { status = 200, headers = {}, body = "" } = respond(captured);
      const isJson = typeof body === "object" && !(body instanceof Uint8Array);
      const payload = isJson ? JSON.stringify(body) : body;
      res.writeHead(status, { ...(isJson ? { "content-type": "application/json" } : {}), ...headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A fresh fake server for each test of the calling file, answering whatever `reply()` gives when
 * the request arrives (a test sets its answer before calling). Closed after each test.
 */
export function fakeServerEachTest(reply: () => CannedResponse): Pick<FakeServer, "url" | "requests"> {
  let current: FakeServer | undefined;
  beforeEach(async () => {
    current = await startFakeServer(() => reply());
  });
  afterEach(() => current?.close());
  const now = () => {
    if (!current) throw new Error("the fake server exists only while a test runs");
    return current;
  };
  return {
    get url() {
      return now().url;
    },
    get requests() {
      return now().requests;
    },
  };
}

export const uploadSuccess = (filename: string, bytes: number, purpose: string) => ({
  file: { file_id: 302892389810432, bytes, created_at: 1700469398, filename, purpose },
  base_resp: { status_code: 0, status_msg: "success" },
});
