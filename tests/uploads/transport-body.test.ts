// The upload body (src/multipart.ts) as a transport sees it: an onProgress that throws is reported
// with what it threw; a caller's stream is released (its cleanup runs) when the body refuses it
// mid-way, and when a caller-given fetch cancels the body stream. Real sockets on 127.0.0.1;
// nothing mocked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MiniMaxFiles, MiniMaxInputError, toFile, type MiniMaxFilesOptions } from "../../src";
import { uploadSuccess } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../faults/guard";

const guard = guardProcess();
let server: http.Server;
let url: string;
/** Bytes the server has read of each request. */
let received: number[];

beforeEach(async () => {
  received = [];
  server = http.createServer((req, res) => {
    const at = received.push(0) - 1;
    req.on("data", (chunk: Buffer) => (received[at]! += chunk.length));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(uploadSuccess("a.mp4", received[at]!, "video_understanding")));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await guard.check();
});

const client = (options: Partial<MiniMaxFilesOptions> = {}) => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: url, maxRetries: 0, ...options });
/** A caller's stream of `chunks` chunks of `size` bytes that records whether its cleanup ran. */
const tracked = (chunks: number, size: number) => {
  const state = { yielded: 0, closed: false };
  async function* source() {
    try {
      for (; state.yielded < chunks; state.yielded++) yield Buffer.alloc(size, 1);
    } finally {
      state.closed = true;
    }
  }
  return { state, source: source() };
};

it.each([
  ["an Error", new Error("progress bar broke"), "progress bar broke"],
  ["a string", "no room left on the screen", "no room left on the screen"],
])("an onProgress that throws %s stops the upload with a message saying what it threw", async (_, thrown, said) => {
  const upload = client().upload({ file: toFile(Buffer.alloc(1000, 1), "a.mp4"), purpose: "video_understanding" }, {
    onProgress: () => {
      throw thrown;
    },
  });
  const error = await upload.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxInputError);
  expect(error).toMatchObject({ input: "options.onProgress", cause: thrown });
  expect((error as Error).message).toContain(said);
  expect((error as Error).message).toMatch(/onProgress/);
});

it("a stream refused mid-way (more bytes than its declared size) is released: its cleanup runs, and it is read no further", async () => {
  const { state, source } = tracked(50, 1000);
  await expect(client().upload({ file: toFile(source, "a.mp4", { size: 1500 }), purpose: "video_understanding" })).rejects.toMatchObject({ name: "MiniMaxInputError", message: expect.stringMatching(/grew while being sent/) });
  expect(state.closed).toBe(true);
  expect(state.yielded).toBeLessThan(50);
});

it("a caller's fetch that cancels the body stream mid-way releases the caller's stream (its cleanup runs)", async () => {
  const { state, source } = tracked(2000, 64 * 1024);
  const offline = new Error("proxy refused the upload");
  // A transport that reads some of the body, then gives up on it (as one refusing a request does).
  const fetch = async (request: Request) => {
    const reader = request.body!.getReader();
    while (state.yielded < 3) if ((await reader.read()).done) break;
    await reader.cancel(offline);
    throw offline;
  };
  await expect(client({ fetch }).upload({ file: toFile(source, "a.mp4"), purpose: "video_understanding" })).rejects.toMatchObject({ name: "MiniMaxConnectionError", cause: offline });
  expect(state.closed).toBe(true);
  expect(state.yielded).toBeLessThan(10);
  expect(received).toHaveLength(0);
});
