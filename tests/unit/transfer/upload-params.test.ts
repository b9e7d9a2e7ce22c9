// Upload inputs from disk and the checks made before any byte is sent: each refusal names the
// input and the cause, and leaves the server with zero requests.
import { documentedMaxBytes } from "../../helpers/uploads";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { MiniMaxFiles } from "../../../src";
import { startFakeServer, uploadSuccess, type CapturedRequest, type FakeServer } from "../../helpers/fake-server";
import { TEST_API_KEY } from "../../helpers/observed-client";

let server: FakeServer;
let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-inputs-"));
  server = await startFakeServer((req) => ({ body: uploadSuccess("x", req.body.length, "voice_clone") }));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const files = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const filePart = async (req: CapturedRequest) =>
  (
    await new Response(new Uint8Array(req.body), {
      headers: { "content-type": req.headers["content-type"]! },
    }).formData()
  ).get("file") as File;

it.each([
  ["a path string", (p: string) => p],
  ["a file: URL", (p: string) => pathToFileURL(p)],
])("uploads %s: name from the path, type from the extension, exact bytes", async (_, as) => {
  const content = Buffer.concat([Buffer.from("ID3"), Buffer.alloc(4096, 0xab)]);
  const onDisk = write("voice sample.mp3", content);
  await files().upload({ file: as(onDisk), purpose: "voice_clone" });
  const sent = await filePart(server.requests[0]!);
  expect(sent).toMatchObject({ name: "voice sample.mp3", type: "audio/mpeg" });
  expect(Buffer.from(await sent.arrayBuffer()).equals(content)).toBe(true);
});

it("an explicit filename overrides the path's name", async () => {
  const onDisk = write("tmp-upload-1", "text for async TTS");
  await files().upload({ file: onDisk, filename: "chapter.txt", purpose: "t2a_async_input" });
  expect(await filePart(server.requests[0]!)).toMatchObject({ name: "chapter.txt", type: "text/plain" });
});

describe("refused before anything is sent", () => {
  it.each<[string, () => Record<string, unknown>, string, RegExp]>([
    [
      "a missing path",
      () => ({ file: path.join(dir, "nope.mp3"), purpose: "voice_clone" }),
      "file",
      /nope\.mp3" cannot be uploaded: there is no such file \(ENOENT\)\.$/,
    ],
    ["a directory", () => ({ file: dir, purpose: "voice_clone" }), "file", /cannot be uploaded: it is a directory\.$/],
    [
      "an empty file",
      () => ({ file: write("empty.mp3", ""), purpose: "voice_clone" }),
      "file",
      /empty\.mp3" is empty \(0 bytes\)/,
    ],
    [
      "a .txt for voice_clone",
      () => ({ file: write("notes.txt", "x"), purpose: "voice_clone" }),
      "filename",
      /^voice_clone takes mp3, m4a, wav files \(MiniMax's docs\); "notes\.txt" has \.txt\. .*checkLimits: false/,
    ],
    [
      "no extension for video_understanding",
      () => ({ file: Buffer.from("x"), filename: "clip", purpose: "video_understanding" }),
      "filename",
      /"clip" has no extension/,
    ],
    [
      "a .docx for t2a_async_input",
      () => ({ file: Buffer.from("x"), filename: "book.docx", purpose: "t2a_async_input" }),
      "filename",
      /t2a_async_input takes txt, zip files/,
    ],
    [
      "a file: URL of another host",
      () => ({ file: new URL("file://server/share/a.mp3"), purpose: "voice_clone" }),
      "file",
      /is not a file: URL or a path/,
    ],
    [
      "checkLimits that is not a boolean",
      () => ({ file: Buffer.from("x"), filename: "a.mp3", purpose: "voice_clone", checkLimits: "no" }),
      "checkLimits",
      /checkLimits must be true or false/,
    ],
  ])("%s", async (_, params, input, message) => {
    const error = await files()
      .upload(params() as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxInputError", input });
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it("a voice_clone file over the documented 20 MB (sparse, nothing read)", async () => {
    const big = path.join(dir, "long.wav");
    const fd = fs.openSync(big, "w");
    fs.ftruncateSync(fd, documentedMaxBytes("voice_clone") + 1);
    fs.closeSync(fd);
    const error = await files()
      .upload({ file: big, purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect((error as Error).message).toBe(
      `"long.wav" is 20971521 bytes (20.0 MiB); voice_clone files may be at most 20971520 bytes (20 MiB: MiniMax's docs say "20 MB", read as MiB), or pass checkLimits: false to send it anyway.`,
    );
    expect(server.requests).toHaveLength(0);
  });
});

it("checkLimits: false sends what the docs' limits would refuse", async () => {
  await files().upload({ file: write("notes.txt", "not audio"), purpose: "voice_clone", checkLimits: false });
  expect(await filePart(server.requests[0]!)).toMatchObject({ name: "notes.txt" });
});

it("the exact limit is accepted; one byte over is not", async () => {
  const limit = documentedMaxBytes("prompt_audio");
  const atLimit = path.join(dir, "exact.m4a");
  fs.writeFileSync(atLimit, Buffer.alloc(limit));
  await expect(files().upload({ file: atLimit, purpose: "prompt_audio" })).resolves.toBeDefined();
  fs.appendFileSync(atLimit, "x");
  await expect(files().upload({ file: atLimit, purpose: "prompt_audio" })).rejects.toMatchObject({ input: "file" });
  expect(server.requests).toHaveLength(1);
});
