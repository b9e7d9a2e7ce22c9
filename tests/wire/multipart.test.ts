// What the upload puts on the wire, seen by a capture server (Prism cannot see filenames or part
// headers). The multipart body is parsed with undici's own FormData parser, not by hand.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles } from "../../src";
import { startFakeServer, uploadSuccess, type CapturedRequest, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";

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
  const content = Buffer.concat([Buffer.from("\r\n--\r\n--boundary\r\n\0"), randomBytes(64 * 1024), Buffer.from([...Array(256).keys()])]);
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
  expect(req.body.toString("latin1")).toMatch(/Content-Disposition: form-data; name="file"; filename="voice sample \(1\)\.mp3"\r\nContent-Type: audio\/mpeg\r\n/);
  expect(file.filename).toBe("voice sample (1).mp3");
});

it("keeps a File's own name and type, and uploads a file from disk via fs.openAsBlob", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-wire-"));
  try {
    const onDisk = path.join(dir, "chapter-1.txt");
    fs.writeFileSync(onDisk, "第一章\nLong text for async TTS.\n");
    const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });

    await client.upload({ file: new File(["abc"], "notes.zip", { type: "application/zip" }), purpose: "t2a_async_input" });
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
  ["a filename with a path in it", { file: Buffer.from("x"), filename: "../etc/passwd", purpose: "voice_clone" }, "filename"],
  ["a filename with a line break", { file: Buffer.from("x"), filename: 'a.mp3"\r\nX-Evil: 1', purpose: "voice_clone" }, "filename"],
  ["no params at all", undefined, "params"],
])("rejects %s before sending anything", async (_, params, input) => {
  const client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
  await expect(client.upload(params as never)).rejects.toMatchObject({ name: "MiniMaxInputError", input });
  expect(server.requests).toHaveLength(0);
});
