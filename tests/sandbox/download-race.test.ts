// A download and a delete of the same file at the same time, over real sockets: the sandbox opens
// the file before it answers, so a delete that comes first is a clean "file not found" and one that
// comes while the bytes are on their way leaves the download whole.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles } from "../../src";
import { createSandbox, type InternalSandbox } from "../../src/sandbox/server";

let sandbox: InternalSandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await createSandbox();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-sandbox-race-"));
});
afterEach(async () => {
  await sandbox.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = () => new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 });
const upload = async (content: Buffer) => {
  const file = path.join(dir, "clip.mp4");
  fs.writeFileSync(file, content);
  return (await client().upload({ file, purpose: "video_understanding" })).file_id;
};

/** A raw GET of retrieve_content that stops reading after its first chunk, until resume() is called. */
function startDownload(fileId: string) {
  const chunks: Buffer[] = [];
  let response!: http.IncomingMessage;
  const firstChunk = new Promise<void>((resolve, reject) => {
    const request = http.get(
      `${sandbox.url}/v1/files/retrieve_content?file_id=${fileId}`,
      { headers: { authorization: `Bearer ${sandbox.apiKey}` } },
      (res) => {
        response = res;
        res.once("data", (chunk: Buffer) => {
          chunks.push(chunk);
          res.pause();
          res.on("data", (more: Buffer) => chunks.push(more));
          resolve();
        });
        res.once("error", reject);
      },
    );
    request.once("error", reject);
  });
  return {
    firstChunk,
    received: () => chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    async finish() {
      // A cut answer ends in "aborted" / ECONNRESET: that rejects here instead of ending.
      const ended = Promise.race([
        once(response, "end"),
        once(response, "error").then(([error]) => Promise.reject(error)),
        once(response, "aborted").then(() => Promise.reject(new Error("the download was cut"))),
      ]);
      response.resume();
      await ended;
      return { headers: response.headers, body: Buffer.concat(chunks) };
    },
  };
}

it("a delete while a download is in flight succeeds, and the download still gets every byte it announced", async () => {
  const content = randomBytes(32 * 1024 * 1024); // far more than the socket buffers hold
  const fileId = await upload(content);
  const download = startDownload(fileId);
  await download.firstChunk;

  await expect(client().delete(fileId, { purpose: "video_understanding" })).resolves.toEqual({ file_id: fileId });
  expect(fs.readdirSync(sandbox.folder)).toEqual([]); // the name is gone while the bytes are still on their way
  expect(download.received()).toBeLessThan(content.length);

  const { headers, body } = await download.finish();
  expect(headers["content-length"]).toBe(String(content.length));
  expect(body.length).toBe(content.length);
  expect(body.equals(content)).toBe(true);

  // After the delete the file is gone for every later request.
  await expect(client().retrieveContent(fileId)).rejects.toMatchObject({
    statusCode: 2013,
    statusMsg: `file not found: ${fileId}`,
  });
  expect(sandbox.findings).toEqual([]);
});

it("a file that disappears between the lookup and the open is a clean 2013 refusal, never a cut answer", async () => {
  // The moment a delete wins: the sandbox still holds the record, its bytes are gone from disk.
  const fileId = await upload(randomBytes(64 * 1024));
  fs.rmSync(path.join(sandbox.folder, `file-${fileId}`));
  const response = await fetch(`${sandbox.url}/v1/files/retrieve_content?file_id=${fileId}`, {
    headers: { authorization: `Bearer ${sandbox.apiKey}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ base_resp: { status_code: 2013, status_msg: `file not found: ${fileId}` } });
  expect(sandbox.findings).toEqual([]);
});
