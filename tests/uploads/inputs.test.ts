// Every kind of upload input, through the default transport to a capture server on 127.0.0.1:
// the file part arrives byte-exact, with a Content-Length whenever the size can be known
// (chunked otherwise), named and typed as inferred or as overridden.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { MiniMaxFiles, toFile, type UploadableFile } from "../../src";
import { startFakeServer, uploadSuccess, type CapturedRequest, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../helpers/process-guard";

const guard = guardProcess();
let server: FakeServer;
let dir: string;
// Larger than the 64 KiB chunks, and not a multiple of them.
const content = randomBytes(200 * 1024 + 17);
let onDisk: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-uploads-"));
  onDisk = path.join(dir, "clip.mp4");
  fs.writeFileSync(onDisk, content);
  server = await startFakeServer((req) => ({
    body: uploadSuccess("clip.mp4", req.body.length, "video_understanding"),
  }));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // Node reports a FileHandleReadWrap after any read of a disk-backed Blob (fs.openAsBlob), even a
  // plain `for await` over blob.stream() (Node 20.20 and 24.21); it is not the client's.
  await guard.check(expect.getState().currentTestName?.includes("fs.openAsBlob") ? ["FileHandleReadWrap"] : []);
});

const files = (fetch?: (r: Request) => Promise<Response>) =>
  new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, ...(fetch ? { fetch } : {}) });
const formOf = async (req: CapturedRequest) =>
  new Response(new Uint8Array(req.body), { headers: { "content-type": req.headers["content-type"]! } }).formData();
const filePart = async (req: CapturedRequest) => (await formOf(req)).get("file") as File;
async function* generate(bytes: Uint8Array, step: number) {
  for (let at = 0; at < bytes.length; at += step) yield bytes.subarray(at, at + step);
}
// A view into a larger buffer, at an offset, longer than one chunk.
const offsetView = () =>
  Buffer.concat([Buffer.alloc(3, 1), content, Buffer.alloc(5, 2)]).subarray(3, 3 + content.length);

type Case = [label: string, make: () => UploadableFile | Promise<UploadableFile>, sized: boolean];
const cases: Case[] = [
  ["a path string", () => onDisk, true],
  ["a file: URL", () => pathToFileURL(onDisk), true],
  ["a Buffer", () => toFile(Buffer.from(content), "clip.mp4"), true],
  ["a Uint8Array view at an offset", () => toFile(offsetView(), "clip.mp4"), true],
  ["an ArrayBuffer", () => toFile(new Uint8Array(content).buffer, "clip.mp4"), true],
  ["a Blob", () => toFile(new Blob([content]), "clip.mp4"), true],
  ["a File", () => new File([content], "clip.mp4"), true],
  ["a disk-backed Blob (fs.openAsBlob)", async () => toFile(await fs.openAsBlob(onDisk), "clip.mp4"), true],
  ["an fs.ReadStream", () => fs.createReadStream(onDisk), true],
  ["a Node Readable of unknown size", () => toFile(Readable.from(generate(content, 10_000)), "clip.mp4"), false],
  [
    "a Node Readable with its size given",
    () => toFile(Readable.from(generate(content, 10_000)), "clip.mp4", { size: content.length }),
    true,
  ],
  [
    "a web ReadableStream",
    () => toFile(Readable.toWeb(Readable.from(generate(content, 70_000))) as ReadableStream<Uint8Array>, "clip.mp4"),
    false,
  ],
  [
    "an AsyncIterable with its size given",
    () => toFile(generate(content, 100_000), "clip.mp4", { size: content.length }),
    true,
  ],
  [
    "a fetch Response with Content-Length",
    () => toFile(new Response(content, { headers: { "content-length": String(content.length) } }), "clip.mp4"),
    true,
  ],
];

describe.each(cases)("%s", (_, make, sized) => {
  it(`round-trips byte-exact, ${sized ? "with Content-Length" : "chunked (size unknown)"}`, async () => {
    await files().upload({ file: await make(), purpose: "video_understanding" });
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    if (sized) {
      expect(req.headers["content-length"]).toBe(String(req.body.length));
      expect(req.headers["transfer-encoding"]).toBeUndefined();
    } else {
      expect(req.headers["content-length"]).toBeUndefined();
      expect(req.headers["transfer-encoding"]).toBe("chunked");
    }
    const form = await formOf(req);
    expect(form.get("purpose")).toBe("video_understanding");
    const part = form.get("file") as File;
    expect({ name: part.name, type: part.type }).toEqual({ name: "clip.mp4", type: "video/mp4" });
    expect(Buffer.from(await part.arrayBuffer()).equals(content)).toBe(true);
  });
});

it("takes the name from a Response URL and the type from its Content-Type; filename and contentType override", async () => {
  const response = await fetch(`${server.url}/media/take.wav`); // any answer: only URL and headers matter
  const inferred = toFile(new Response(content, { headers: { "content-type": "audio/wav; charset=binary" } }));
  Object.defineProperty(inferred.source, "url", { value: response.url });
  await response.arrayBuffer();
  await files().upload({ file: inferred, purpose: "voice_clone" });
  expect(await filePart(server.requests[1]!)).toMatchObject({ name: "take.wav", type: "audio/wav" });

  await files().upload({
    file: onDisk,
    filename: "renamed.mov",
    contentType: "video/x-custom",
    purpose: "video_understanding",
  });
  expect(await filePart(server.requests[2]!)).toMatchObject({ name: "renamed.mov", type: "video/x-custom" });
  await files().upload({
    file: toFile(Buffer.from(content), "a.wav", { type: "audio/x-wav" }),
    purpose: "voice_clone",
  });
  expect(await filePart(server.requests[3]!)).toMatchObject({ name: "a.wav", type: "audio/x-wav" });
});

it("works the same through a user-supplied fetch (Content-Length kept)", async () => {
  await files((request) => fetch(request)).upload({ file: onDisk, purpose: "video_understanding" });
  const req = server.requests[0]!;
  expect(req.headers["content-length"]).toBe(String(req.body.length));
  expect(Buffer.from(await (await filePart(req)).arrayBuffer()).equals(content)).toBe(true);
});

it("a stream is sent once: a retryable answer is not retried for it, but is for a path (body rebuilt)", async () => {
  await server.close();
  server = await startFakeServer(() => ({ status: 503, body: "busy" }));
  const client = new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    backoff: { initialDelay: 1, maxDelay: 1 },
  });
  await expect(
    client.upload({
      file: toFile(Readable.from(generate(content, 50_000)), "clip.mp4"),
      purpose: "video_understanding",
    }),
  ).rejects.toMatchObject({ name: "InternalServerError", status: 503 });
  expect(server.requests).toHaveLength(1);
  await expect(client.upload({ file: onDisk, purpose: "video_understanding" })).rejects.toMatchObject({
    name: "InternalServerError",
  });
  expect(server.requests).toHaveLength(4);
  for (const req of server.requests.slice(1))
    expect(Buffer.from(await (await filePart(req)).arrayBuffer()).equals(content)).toBe(true);
});

it("a stream already read from is refused before sending", async () => {
  const stream = fs.createReadStream(onDisk);
  for await (const _ of stream) break;
  await expect(
    files().upload({ file: stream, filename: "clip.mp4", purpose: "video_understanding" }),
  ).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "file",
    message: expect.stringMatching(/already been read/),
  });
  expect(server.requests).toHaveLength(0);
});

it("refuses what is not a file input, naming it", async () => {
  await expect(files().upload({ file: 42 as never, purpose: "voice_clone" })).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "file",
    message: expect.stringMatching(/got number 42\.$/),
  });
  expect(() => toFile(Buffer.from("x"), "a.mp3", { size: -1 })).toThrow(
    expect.objectContaining({ name: "MiniMaxInputError", input: "size" }),
  );
  await expect(
    files().upload({ file: onDisk, contentType: "not a type", purpose: "video_understanding" }),
  ).rejects.toMatchObject({ input: "contentType" });
  await expect(
    files().upload({ file: onDisk, purpose: "video_understanding" }, { onProgress: 5 as never }),
  ).rejects.toMatchObject({ input: "options.onProgress" });
  expect(server.requests).toHaveLength(0);
});

it("an fs.ReadStream of a missing file is a MiniMaxInputError, and its own 'error' event cannot crash the process", async () => {
  const stream = fs.createReadStream(path.join(dir, "missing.mp4"));
  await expect(files().upload({ file: stream, purpose: "video_understanding" })).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "file",
    message: expect.stringMatching(/ENOENT/),
  });
  await new Promise((r) => setTimeout(r, 20)); // the stream's ENOENT event fires now: it must find a listener
  expect(stream.destroyed).toBe(true);
  expect(server.requests).toHaveLength(0);
});

it("a stream refused before sending is closed, not leaked", async () => {
  const missingName = fs.createReadStream(onDisk);
  await expect(
    files().upload({ file: toFile(Readable.from(generate(content, 1000))), purpose: "video_understanding" }),
  ).rejects.toMatchObject({ input: "filename" });
  await expect(files().upload({ file: missingName, purpose: "nope" as never })).rejects.toMatchObject({
    input: "purpose",
  });
  expect(missingName.destroyed).toBe(true);
  const aborted = fs.createReadStream(onDisk);
  await expect(
    files().upload({ file: aborted, purpose: "video_understanding" }, { signal: AbortSignal.abort() }),
  ).rejects.toMatchObject({ name: "MiniMaxAbortError" });
  expect(aborted.destroyed).toBe(true);
  expect(server.requests).toHaveLength(0);
});

it("an fs.ReadStream on a file descriptor has no path: sent chunked under the given filename", async () => {
  const fd = fs.openSync(onDisk, "r");
  await files().upload({ file: fs.createReadStream("", { fd }), filename: "clip.mp4", purpose: "video_understanding" });
  const req = server.requests[0]!;
  expect(req.headers["transfer-encoding"]).toBe("chunked");
  expect(Buffer.from(await (await filePart(req)).arrayBuffer()).equals(content)).toBe(true);
});

it("a type with a line break cannot inject part headers", async () => {
  expect(() => toFile(Buffer.from("x"), "a.mp4", { type: "video/mp4\r\nX-Injected: yes" })).toThrow(
    expect.objectContaining({ name: "MiniMaxInputError", input: "type" }),
  );
  await expect(
    files().upload({ file: onDisk, contentType: "video/mp4; a=b\r\nX-Injected: yes", purpose: "video_understanding" }),
  ).rejects.toMatchObject({ input: "contentType" });
  expect(server.requests).toHaveLength(0);
});

it("requests other than uploads still go through fetch, with their Content-Length", async () => {
  await files().delete("123", { purpose: "voice_clone" });
  expect(server.requests[0]!.headers["content-length"]).toBe(String(server.requests[0]!.body.length));
});

it("a Node Readable that fails before the upload reads it is a MiniMaxInputError, not an uncaught error", async () => {
  const early = new Readable({ read() {} });
  const upload = files().upload({ file: toFile(early, "clip.mp4"), purpose: "video_understanding" });
  early.destroy(new Error("source went away")); // emitted before any read: someone must be listening
  await expect(upload).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "file",
    message: expect.stringMatching(/source went away/),
  });
  expect(server.requests).toHaveLength(0);
});
