// The sandbox's stateful chain through the real client, over real sockets, with every exchange
// validated: upload → list → retrieve → retrieveContent → delete → retrieve fails. Ids start above
// 2^53, so any step that let an id pass through a JS number would change it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BadRequestError, MiniMaxFiles } from "../../src";
import { startSandbox, FIRST_FILE_ID, type Sandbox } from "../../src/sandbox";
import { createSandbox } from "../../src/sandbox/server";

let sandbox: Sandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await startSandbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-sandbox-chain-"));
});
afterEach(async () => {
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = () => new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 });
const write = (name: string, content: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

it("upload → list → retrieve → retrieveContent → delete → retrieve fails; the id above 2^53 stays exact; no findings", async () => {
  const files = client();
  const voice = Buffer.concat([Buffer.from("ID3"), randomBytes(200_000)]);
  const text = Buffer.from("chapter one: a text for asynchronous speech\n");

  const uploaded = await files.upload({ file: write("voice sample.mp3", voice), purpose: "voice_clone" });
  const other = await files.upload({ file: write("chapter.txt", text), purpose: "t2a_async_input" });
  const id = uploaded.file_id;
  expect(id).toBe("9007199254740993"); // 2^53 + 1: a JS number would read it as ...992
  expect(id).toBe(FIRST_FILE_ID.toString());
  expect(BigInt(id) > 2n ** 53n).toBe(true);
  expect(other.file_id).toBe("9007199254740994");
  expect(uploaded).toMatchObject({
    filename: "voice sample.mp3",
    bytes: voice.length,
    purpose: "voice_clone",
    created_at: expect.any(Number),
  });
  // On the wire the id is a JSON integer with every digit.
  expect(sandbox.exchanges[0]!.response.body).toContain('"file_id":9007199254740993,');

  expect(await files.list({ purpose: "voice_clone" })).toEqual([uploaded]);
  expect(await files.list({ purpose: "t2a_async_input" })).toEqual([other]);
  expect(await files.list({ purpose: "prompt_audio" })).toEqual([]);

  const record = await files.retrieve(id);
  expect(record).toEqual(uploaded);
  expect(record.file_id).toBe(id);

  const bytes = await files.retrieveContent(id);
  expect(Buffer.from(bytes).equals(voice)).toBe(true);
  const download = sandbox.exchanges.at(-1)!;
  expect(download.request.query).toEqual({ file_id: [id] });
  expect(download.response.headers).toMatchObject({
    "content-type": "application/octet-stream",
    "content-length": voice.length,
  });

  const deleted = await files.delete(id, { purpose: "voice_clone" });
  expect(deleted).toEqual({ file_id: id });
  expect(sandbox.exchanges.at(-1)!.request.body).toBe(`{"file_id":${id},"purpose":"voice_clone"}`);
  expect(sandbox.exchanges.at(-1)!.response.body).toContain(`"file_id":${id},`);

  const error = await files.retrieve(id).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestError);
  expect(error).toMatchObject({
    operation: "retrieveFile",
    status: 200,
    statusCode: 2013,
    statusMsg: `file not found: ${id}`,
  });
  expect(await files.list({ purpose: "voice_clone" })).toEqual([]);
  expect(await files.list({ purpose: "t2a_async_input" })).toEqual([other]);

  // Every id the sandbox wrote or was sent is the exact decimal text.
  for (const { request, response } of sandbox.exchanges) {
    for (const found of `${request.body ?? ""}${JSON.stringify(request.query)}${response.body ?? ""}`.matchAll(
      /900719925474\d+/g,
    )) {
      expect(["9007199254740993", "9007199254740994"]).toContain(found[0]);
    }
  }
  expect(sandbox.exchanges.map((e) => e.operation)).toEqual([
    "uploadFile",
    "uploadFile",
    "listFiles",
    "listFiles",
    "listFiles",
    "retrieveFile",
    "retrieveFileContent",
    "deleteFile",
    "retrieveFile",
    "listFiles",
    "listFiles",
  ]);
  expect(sandbox.findings).toEqual([]);
});

it("downloads the real bytes of a 1 MiB upload with its Content-Length, and a Trace-Id on every answer", async () => {
  const files = client();
  const content = randomBytes(1024 * 1024);
  const { file_id } = await files.upload({ file: write("clip.mp4", content), purpose: "video_understanding" });
  const { data, response, traceId } = await files.retrieveContent(file_id).withResponse();
  expect(Buffer.from(data).equals(content)).toBe(true);
  expect(response.headers.get("content-length")).toBe(String(content.length));
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  for (const exchange of sandbox.exchanges) expect(exchange.response.headers["trace-id"]).toMatch(/^[0-9a-f]{32}$/);
  expect(sandbox.findings).toEqual([]);
});

it("close() stops the server and removes its temporary folder", async () => {
  const own = await createSandbox();
  const files = new MiniMaxFiles({ apiKey: own.apiKey, baseUrl: own.url, maxRetries: 0 });
  await files.upload({ file: write("a.wav", Buffer.from("RIFF....WAVE")), purpose: "prompt_audio" });
  expect(fs.readdirSync(own.folder)).toEqual(["file-9007199254740993"]);
  await own.close();
  expect(fs.existsSync(own.folder)).toBe(false);
  await expect(fetch(`${own.url}/v1/files/list?purpose=voice_clone`)).rejects.toThrow();
});
