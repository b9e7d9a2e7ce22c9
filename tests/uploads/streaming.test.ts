// Uploads as streams: progress, bytes reaching the server before the file is read, cancel and time
// limits mid-upload, and files that change or misbehave while being sent. Real sockets on
// 127.0.0.1, real files; each test leaves no handle open.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { MiniMaxFiles, toFile, type UploadProgress } from "../../src";
import { uploadSuccess } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../helpers/process-guard";

const guard = guardProcess();
const MiB = 1024 * 1024;

/** What the server saw of each request: bytes received, and whether the body ended or was cut. */
interface Seen {
  received: number;
  ended: boolean;
  cut: boolean;
}

let server: http.Server;
let url: string;
let seen: Seen[];
let dir: string;
/** How the server treats a request body: read it and answer, or read a trickle and never answer. */
let mode: "read" | "trickle" | "refuse";
let onFirstByte: (() => void) | undefined;
let socketClosed = false;

beforeEach(async () => {
  seen = [];
  mode = "read";
  onFirstByte = undefined;
  socketClosed = false;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-stream-"));
  server = http.createServer((req, res) => {
    const entry: Seen = { received: 0, ended: false, cut: false };
    seen.push(entry);
    req.on("aborted", () => (entry.cut = true));
    req.on("close", () => {
      if (!entry.ended) entry.cut = true;
    });
    if (mode === "refuse") {
      // Answers at once, without reading the body (as a gateway enforcing a size limit does).
      res.writeHead(413, { "content-type": "text/plain" });
      res.end("Body exceeded 10mb limit");
      req.socket.on("close", () => (socketClosed = true));
      return;
    }
    req.on("data", (chunk: Buffer) => {
      if (entry.received === 0) onFirstByte?.();
      entry.received += chunk.length;
      if (mode === "trickle") {
        // Still reading (so a cut connection is noticed), but slowly: the client stays mid-upload.
        req.pause();
        setTimeout(() => req.resume(), 5);
      }
    });
    if (mode === "trickle") return;
    req.on("end", () => {
      entry.ended = true;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(uploadSuccess("f", entry.received, "video_understanding")));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  await guard.check();
});

const client = (options: { timeout?: number; maxRetries?: number } = {}) =>
  new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: url, ...options });
const fileOf = (name: string, bytes: number) => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, Buffer.alloc(bytes, 7));
  return where;
};
const cutRequests = async () => {
  // The server learns of the cut a moment after the client gives up.
  for (let i = 0; i < 500 && !seen.every((s) => s.cut || s.ended); i++) await new Promise((r) => setTimeout(r, 10));
  return seen;
};

it("progress counts the file's bytes: increasing, ending at the file's size; bodyTotal is the Content-Length sent", async () => {
  const events: UploadProgress[] = [];
  let contentLength: string | undefined;
  server.prependListener("request", (req: http.IncomingMessage) => (contentLength = req.headers["content-length"]));
  const size = 16 * MiB + 5;
  await client().upload(
    { file: fileOf("a.mp4", size), purpose: "video_understanding" },
    { onProgress: (p) => events.push({ ...p }) },
  );
  expect(events.length).toBeGreaterThan(16); // at least one per MiB read
  const bodyTotal = Number(contentLength);
  expect(bodyTotal).toBe(seen[0]!.received);
  expect(bodyTotal).toBeGreaterThan(size); // the multipart framing
  for (const [i, event] of events.entries()) {
    expect(event.total).toBe(size);
    expect(event.bodyTotal).toBe(bodyTotal);
    expect(event.loaded).toBeLessThanOrEqual(size);
    expect(event.bodyLoaded).toBeGreaterThan(event.loaded);
    if (i > 0) expect(event.loaded).toBeGreaterThan(events[i - 1]!.loaded);
  }
  expect(events.at(-1)!.loaded).toBe(size);
});

it("progress of a stream of unknown size has no total and ends at the file's bytes", async () => {
  const events: UploadProgress[] = [];
  await client().upload(
    {
      file: toFile(Readable.from([Buffer.alloc(300_000, 1), Buffer.alloc(5, 2)]), "a.mp4"),
      purpose: "video_understanding",
    },
    { onProgress: (p) => events.push({ ...p }) },
  );
  expect(events.every((e) => e.total === undefined && e.bodyTotal === undefined)).toBe(true);
  expect(events.at(-1)!.loaded).toBe(300_005);
  expect(events.at(-1)!.bodyLoaded).toBeLessThan(seen[0]!.received); // the closing boundary follows the last file byte
});

it("empty chunks move no progress: every report is larger than the last", async () => {
  const events: UploadProgress[] = [];
  await client().upload(
    {
      file: toFile(
        Readable.from([Buffer.alloc(0), Buffer.alloc(10, 1), "", Buffer.alloc(0), Buffer.alloc(3, 2)]),
        "a.mp4",
      ),
      purpose: "video_understanding",
    },
    { onProgress: (p) => events.push({ ...p }) },
  );
  for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
});

it("an onProgress that throws stops the upload with MiniMaxInputError naming it, not a connection error", async () => {
  const boom = new Error("progress bar broke");
  const upload = client().upload(
    { file: fileOf("a.mp4", 4 * MiB), purpose: "video_understanding" },
    {
      onProgress: () => {
        throw boom;
      },
    },
  );
  await expect(upload).rejects.toMatchObject({ name: "MiniMaxInputError", input: "options.onProgress", cause: boom });
  expect(seen.filter((s) => s.ended)).toHaveLength(0);
});

it("a 64 MiB upload reaches the server long before the client has read the whole file", async () => {
  let produced = 0;
  let producedAtFirstByte: number | undefined;
  onFirstByte = () => (producedAtFirstByte = produced);
  async function* source() {
    for (let i = 0; i < 64; i++) {
      produced += MiB;
      yield Buffer.alloc(MiB, i);
    }
  }
  await client().upload({ file: toFile(source(), "big.mp4", { size: 64 * MiB }), purpose: "video_understanding" });
  expect(produced).toBe(64 * MiB);
  expect(seen[0]!.ended).toBe(true);
  expect(producedAtFirstByte).toBeLessThanOrEqual(4 * MiB);
});

it("aborting mid-upload stops reading the file, cuts the connection and is a MiniMaxAbortError", async () => {
  mode = "trickle";
  const controller = new AbortController();
  const events: UploadProgress[] = [];
  const reason = new Error("user pressed cancel");
  onFirstByte = () => setTimeout(() => controller.abort(reason), 50);
  const upload = client().upload(
    { file: fileOf("a.mp4", 64 * MiB), purpose: "video_understanding" },
    {
      signal: controller.signal,
      onProgress: (p) => void events.push({ ...p }),
    },
  );
  await expect(upload).rejects.toMatchObject({ name: "MiniMaxAbortError", cause: reason });
  const loaded = events.at(-1)!.loaded;
  await new Promise((r) => setTimeout(r, 50));
  expect(events.at(-1)!.loaded).toBe(loaded); // nothing read after the abort
  expect(loaded).toBeLessThan(8 * MiB);
  expect((await cutRequests())[0]).toMatchObject({ ended: false, cut: true });
});

it("a time limit mid-upload is a MiniMaxTimeoutError and cuts the connection", async () => {
  mode = "trickle";
  await expect(
    client({ timeout: 300 }).upload({ file: fileOf("a.mp4", 64 * MiB), purpose: "video_understanding" }),
  ).rejects.toMatchObject({ name: "MiniMaxTimeoutError" });
  expect((await cutRequests())[0]).toMatchObject({ ended: false, cut: true });
});

it.each([
  ["grows", (where: string) => fs.appendFileSync(where, Buffer.alloc(MiB, 1)), /grew while being sent/],
  ["shrinks", (where: string) => fs.truncateSync(where, 1000), /shrank while being sent/],
])(
  "a file that %s while being sent is a MiniMaxInputError; the request is cut, nothing stored, no retry",
  async (_, change, message) => {
    const where = fileOf("a.mp4", 4 * MiB);
    let changed = false;
    const upload = client().upload(
      { file: where, purpose: "video_understanding" },
      {
        onProgress: () => {
          if (!changed) (changed = true), change(where);
        },
      },
    );
    await expect(upload).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "file",
      message: expect.stringMatching(message),
    });
    expect(await cutRequests()).toEqual([expect.objectContaining({ ended: false, cut: true })]);
  },
);

it("a disk-backed Blob whose file changed is a MiniMaxInputError, not a crash (Node 24 used to die here)", async () => {
  const where = fileOf("a.mp4", 2 * MiB);
  const blob = await fs.openAsBlob(where);
  fs.writeFileSync(where, Buffer.alloc(3 * MiB, 9));
  await expect(client().upload({ file: toFile(blob, "a.mp4"), purpose: "video_understanding" })).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "file",
  });
  expect((await cutRequests()).every((s) => !s.ended)).toBe(true);
  // Node's own reader of a disk-backed Blob stays listed (see inputs.test.ts); the guard runs in afterEach.
  await new Promise((r) => setTimeout(r, 10));
});

it("a stream that fails mid-way is a MiniMaxInputError naming the cause; the request is cut", async () => {
  async function* failing() {
    yield Buffer.alloc(200_000, 1);
    throw new Error("disk on fire");
  }
  await expect(
    client().upload({ file: toFile(failing(), "a.mp4"), purpose: "video_understanding" }),
  ).rejects.toMatchObject({ name: "MiniMaxInputError", message: expect.stringMatching(/disk on fire/) });
  expect((await cutRequests()).every((s) => !s.ended)).toBe(true);
});

it("a stream of unknown size is refused once it passes the documented limit, and when it turns out empty", async () => {
  async function* big() {
    for (let i = 0; i < 25; i++) yield Buffer.alloc(MiB, 1);
  }
  await expect(client().upload({ file: toFile(big(), "voice.mp3"), purpose: "voice_clone" })).rejects.toMatchObject({
    name: "MiniMaxInputError",
    message: expect.stringMatching(/larger than 20971520 bytes/),
  });
  await expect(
    client().upload({ file: toFile(Readable.from([]), "voice.mp3"), purpose: "voice_clone" }),
  ).rejects.toMatchObject({ name: "MiniMaxInputError", message: expect.stringMatching(/is empty/) });
  expect((await cutRequests()).every((s) => !s.ended)).toBe(true);
});

it("an answer before the body is read (413) stops reading the file and says why; the connection is dropped", async () => {
  mode = "refuse";
  const events: UploadProgress[] = [];
  const upload = client().upload(
    { file: fileOf("a.mp4", 64 * MiB), purpose: "video_understanding" },
    { onProgress: (p) => void events.push({ ...p }) },
  );
  await expect(upload).rejects.toMatchObject({
    name: "BadRequestError",
    status: 413,
    message: expect.stringMatching(/Body exceeded 10mb limit/),
  });
  const loaded = events.at(-1)?.loaded ?? 0;
  await new Promise((r) => setTimeout(r, 50));
  expect(events.at(-1)?.loaded ?? 0).toBe(loaded);
  expect(loaded).toBeLessThan(32 * MiB);
  // The client drops the connection: it is mid-request, so it can serve no other.
  for (let i = 0; i < 100 && !socketClosed; i++) await new Promise((r) => setTimeout(r, 10));
  expect(socketClosed).toBe(true);
});
