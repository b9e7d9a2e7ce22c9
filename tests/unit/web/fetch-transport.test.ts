// The web build's transport: the runtime's fetch, an upload's streamed body sent as a Blob with
// its length. Against a real server on 127.0.0.1.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MiniMaxFiles } from "../../../src";
import { createDefaultTransport } from "../../../src/web/fetch-transport";
import { TEST_API_KEY } from "../../helpers/observed-client";

let server: http.Server;
let seen: { headers: http.IncomingHttpHeaders; bytes: number }[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let bytes = 0;
    req.on("data", (c: Buffer) => (bytes += c.length));
    req.on("end", () => {
      seen.push({ headers: req.headers, bytes });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        req.url?.startsWith("/v1/files/upload")
          ? `{"file":{"file_id":9223372036854775807,"bytes":${bytes},"created_at":1,"filename":"a.txt","purpose":"t2a_async_input"},"base_resp":{"status_code":0,"status_msg":"success"}}`
          : '{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => (seen = []));

const client = () =>
  new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fetch: createDefaultTransport(),
    maxRetries: 0,
  });

it("sends an upload's multipart body whole, with its Content-Length, and reports progress to the end", async () => {
  const loaded: number[] = [];
  const file = await client().upload(
    { file: new Uint8Array(300_000).fill(7), filename: "a.txt", purpose: "t2a_async_input" },
    { onProgress: (p) => void loaded.push(p.loaded) },
  );
  expect(file.file_id).toBe("9223372036854775807");
  expect(seen[0]!.headers["content-length"]).toBe(String(seen[0]!.bytes));
  expect(seen[0]!.headers["transfer-encoding"]).toBeUndefined();
  expect(loaded.at(-1)).toBe(300_000); // the file's bytes, as on Node
});

it("sends other requests through fetch as they are", async () => {
  expect(await client().list({ purpose: "t2a_async_input" })).toEqual([]);
  expect(seen[0]!.headers["authorization"]).toBe(`Bearer ${TEST_API_KEY}`);
});
