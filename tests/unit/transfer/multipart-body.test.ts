// What the upload puts on the wire, seen by a capture server (Prism cannot see filenames or part
// headers). The multipart body is parsed with undici's own FormData parser, not by hand.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles, MiniMaxInputError, toFile, type MiniMaxFilesOptions } from "../../../src";
import { startFakeServer, uploadSuccess, type CapturedRequest, type FakeServer } from "../../helpers/fake-server";
import { TEST_API_KEY } from "../../helpers/observed-client";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { guardProcess } from "../../helpers/process-guard";

describe("what the upload puts on the wire", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer((req) => {
      const name = /filename="([^"]*)"/.exec(req.body.toString("latin1"))?.[1] ?? "?";
      return { body: uploadSuccess(name, req.body.length, "voice_clone"), headers: { "trace-id": "trace-upload-1" } };
    });
  });
  afterEach(() => server.close());

  async function parts(req: CapturedRequest) {
    const contentType = req.headers["content-type"] ?? "";
    return new Response(new Uint8Array(req.body), { headers: { "content-type": contentType } }).formData();
  }

  it("sends multipart/form-data with a boundary, the purpose, and the file's exact bytes, name and type", async () => {
    // Bytes that break naive encoders: CRLFs, dashes, NULs and every byte value.
    const content = Buffer.concat([
      Buffer.from("\r\n--\r\n--boundary\r\n\0"),
      randomBytes(64 * 1024),
      Buffer.from([...Array(256).keys()]),
    ]);
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    const file = await client.upload({ file: content, filename: "voice sample (1).mp3", purpose: "voice_clone" });

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/v1/files/upload");
    expect(req.headers["authorization"]).toBe(`Bearer ${TEST_API_KEY}`);
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);

    const form = await parts(req);
    expect([...form.keys()]).toEqual(["purpose", "file"]);
    expect(form.get("purpose")).toBe("voice_clone");
    const sent = form.get("file") as File;
    expect(sent.name).toBe("voice sample (1).mp3");
    expect(sent.type).toBe("audio/mpeg"); // from the extension
    expect(Buffer.from(await sent.arrayBuffer()).equals(content)).toBe(true);
    expect(req.body.toString("latin1")).toMatch(
      /Content-Disposition: form-data; name="file"; filename="voice sample \(1\)\.mp3"\r\nContent-Type: audio\/mpeg\r\n/,
    );
    expect(file.filename).toBe("voice sample (1).mp3");
  });

  it("keeps a File's own name and type, and uploads a file from disk via fs.openAsBlob", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-wire-"));
    try {
      const onDisk = path.join(dir, "chapter-1.txt");
      fs.writeFileSync(onDisk, "第一章\nLong text for async TTS.\n");
      const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });

      await client.upload({
        file: new File(["abc"], "notes.zip", { type: "application/zip" }),
        purpose: "t2a_async_input",
      });
      await client.upload({ file: await fs.openAsBlob(onDisk), filename: "chapter-1.txt", purpose: "t2a_async_input" });

      const [first, second] = await Promise.all(server.requests.map(parts));
      expect(first!.get("file")).toMatchObject({ name: "notes.zip", type: "application/zip" });
      const fromDisk = second!.get("file") as File;
      expect(fromDisk).toMatchObject({ name: "chapter-1.txt", type: "text/plain" });
      expect(Buffer.from(await fromDisk.arrayBuffer()).equals(fs.readFileSync(onDisk))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["no filename for bare bytes", { file: Buffer.from("x"), purpose: "voice_clone" }, "filename"],
    ["an empty file", { file: new Uint8Array(0), filename: "a.mp3", purpose: "voice_clone" }, "file"],
    ["a path that does not exist", { file: "./voice.mp3", purpose: "voice_clone" }, "file"],
    [
      "a filename with a path in it",
      { file: Buffer.from("x"), filename: "../etc/passwd", purpose: "voice_clone" },
      "filename",
    ],
    [
      "a filename with a line break",
      { file: Buffer.from("x"), filename: 'a.mp3"\r\nX-Evil: 1', purpose: "voice_clone" },
      "filename",
    ],
    ["no params at all", undefined, "params"],
  ])("rejects %s before sending anything", async (_, params, input) => {
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    await expect(client.upload(params as never)).rejects.toMatchObject({ name: "MiniMaxInputError", input });
    expect(server.requests).toHaveLength(0);
  });
});

describe("the body as a transport sees it", () => {
  // The upload body (src/multipart.ts) as a transport sees it: an onProgress that throws is reported
  // with what it threw; a caller's stream is released (its cleanup runs) when the body refuses it
  // mid-way, and when a caller-given fetch cancels the body stream. Real sockets on 127.0.0.1;
  // nothing mocked.
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

  const client = (options: Partial<MiniMaxFilesOptions> = {}) =>
    new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: url, maxRetries: 0, ...options });
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
    const upload = client().upload(
      { file: toFile(Buffer.alloc(1000, 1), "a.mp4"), purpose: "video_understanding" },
      {
        onProgress: () => {
          throw thrown;
        },
      },
    );
    const error = await upload.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxInputError);
    expect(error).toMatchObject({ input: "options.onProgress", cause: thrown });
    expect((error as Error).message).toContain(said);
    expect((error as Error).message).toMatch(/onProgress/);
  });

  it("a stream refused mid-way (more bytes than its declared size) is released: its cleanup runs, and it is read no further", async () => {
    const { state, source } = tracked(50, 1000);
    await expect(
      client().upload({ file: toFile(source, "a.mp4", { size: 1500 }), purpose: "video_understanding" }),
    ).rejects.toMatchObject({ name: "MiniMaxInputError", message: expect.stringMatching(/grew while being sent/) });
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
    await expect(
      client({ fetch }).upload({ file: toFile(source, "a.mp4"), purpose: "video_understanding" }),
    ).rejects.toMatchObject({ name: "MiniMaxConnectionError", cause: offline });
    expect(state.closed).toBe(true);
    expect(state.yielded).toBeLessThan(10);
    expect(received).toHaveLength(0);
  });
});
