// With a fetch of the caller's (here Node's own), an abort must still stop reading the file:
// Node's fetch goes on pulling a request body after its request was aborted, to the body's end.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { MiniMaxFiles, toFile } from "../../src";
import { TEST_API_KEY } from "../helpers/observed-client";

const MiB = 1024 * 1024;

it("an abort mid-upload stops reading the source, though the caller's fetch would read on", async () => {
  // Takes the request's headers, then reads nothing and never answers.
  const server = http.createServer((req) => req.pause());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const chunks = 256;
  let produced = 0;
  let closed = false;
  async function* source() {
    try {
      for (; produced < chunks; produced++) yield new Uint8Array(MiB);
    } finally {
      closed = true;
    }
  }
  try {
    const controller = new AbortController();
    const files = new MiniMaxFiles({
      apiKey: TEST_API_KEY,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      fetch: (request) => globalThis.fetch(request),
      maxRetries: 0,
    });
    const upload = files.upload(
      { file: toFile(source(), "long.mp4", { size: chunks * MiB }), purpose: "video_understanding" },
      { signal: controller.signal, onProgress: ({ loaded }) => loaded >= MiB && controller.abort() },
    );
    await expect(upload).rejects.toMatchObject({ name: "MiniMaxAbortError" });
    // Time for a fetch that reads on to get through the rest (256 MiB takes it about 0.2 s here).
    for (let waited = 0; waited < 1000 && !closed; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(chunks / 4);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
