// Uploads are streamed to the sandbox's folder as they arrive, never held in memory: a body far
// larger than any buffer leaves memory flat, an upload over its purpose's limit is refused (and its
// spool file removed) while the body is still coming, and a refused or cut upload leaves no file.
import { documentedMaxBytes } from "../helpers/uploads";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { BadRequestError, MiniMaxFiles, toFile } from "../../src";
import { createSandbox, type InternalSandbox } from "../../src/sandbox/server";

let sandbox: InternalSandbox;
beforeEach(async () => {
  sandbox = await createSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

const MiB = 1024 * 1024;
const client = () => new MiniMaxFiles({ apiKey: sandbox.apiKey, baseUrl: sandbox.url, maxRetries: 0 });
const spoolFiles = () => fs.readdirSync(sandbox.folder).filter((name) => name.startsWith("incoming-"));
const spoolBytes = () =>
  spoolFiles().reduce(
    (sum, name) => sum + (fs.statSync(`${sandbox.folder}/${name}`, { throwIfNoEntry: false })?.size ?? 0),
    0,
  );

/** Waits for a condition on the sandbox's folder, polling it (the test's own timeout bounds the wait). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

it("a 384 MiB upload goes to disk as it arrives: the stored file is exact, and RSS never grows by more than a fraction of it", async () => {
  const chunk = randomBytes(MiB);
  const count = 384;
  const expected = createHash("sha256");
  for (let i = 0; i < count; i++) expected.update(chunk);

  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  async function* body() {
    for (let i = 0; i < count; i++) {
      peak = Math.max(peak, process.memoryUsage().rss);
      yield chunk; // the same buffer each time: the client side adds nothing per MiB
    }
  }
  const uploaded = await client().upload({ file: toFile(body(), "long talk.mp4"), purpose: "video_understanding" });
  peak = Math.max(peak, process.memoryUsage().rss);

  expect(uploaded).toMatchObject({ bytes: count * MiB, filename: "long talk.mp4" });
  const stored = `${sandbox.folder}/file-${uploaded.file_id}`;
  expect(fs.statSync(stored).size).toBe(count * MiB);
  const actual = createHash("sha256");
  for await (const piece of fs.createReadStream(stored)) actual.update(piece as Buffer);
  expect(actual.digest("hex")).toBe(expected.digest("hex"));
  // Holding the body even once would add 384 MiB; streamed, it is a few buffers (and garbage not yet collected).
  expect(peak - baseline).toBeLessThan(96 * MiB);
  expect(sandbox.exchanges[0]!.request.form).toEqual({
    purpose: "video_understanding",
    file: { filename: "long talk.mp4", type: "video/mp4", bytes: count * MiB },
  });
  expect(sandbox.findings).toEqual([]);
});

it("an upload over its purpose's limit is refused while it streams: the spool file is gone before the body ends, and the client gets 2013 with the full size", async () => {
  const maxBytes = documentedMaxBytes("voice_clone");
  const chunk = randomBytes(MiB);
  let sent = 0;
  let sawSpool = false;
  let largestSpool = 0;
  async function* body() {
    while (sent < maxBytes + 4 * MiB) {
      yield chunk;
      sent += chunk.length;
      largestSpool = Math.max(largestSpool, spoolBytes());
      if (sent === 8 * MiB) {
        await until(() => spoolBytes() > 0); // written to disk while it is still coming
        sawSpool = true;
      }
    }
    // Past the limit: the sandbox drops what it kept while this body has not ended yet.
    await until(() => spoolFiles().length === 0);
    for (let i = 0; i < 4; i++) {
      yield chunk;
      sent += chunk.length;
    }
  }
  const error = await client()
    .upload({ file: toFile(body(), "long.mp3"), purpose: "voice_clone", checkLimits: false })
    .catch((e: unknown) => e);
  expect(sawSpool).toBe(true);
  expect(largestSpool).toBeLessThanOrEqual(maxBytes);
  expect(error).toBeInstanceOf(BadRequestError);
  expect(error).toMatchObject({
    statusCode: 2013,
    statusMsg: `invalid params, file too large: ${sent} bytes, voice_clone takes at most ${maxBytes}`,
  });
  expect(fs.readdirSync(sandbox.folder)).toEqual([]);
  await expect(client().list({ purpose: "voice_clone" })).resolves.toEqual([]);
  expect(sandbox.findings).toEqual([]);
  expect(sandbox.requestFindings).toEqual([]); // a size the spec does not state: no finding, only the refusal
});

it("an upload cut off mid-body leaves no partial file behind", async () => {
  const chunk = randomBytes(MiB);
  const controller = new AbortController();
  async function* body() {
    for (let i = 0; i < 8; i++) yield chunk;
    await until(() => spoolBytes() > 0);
    controller.abort();
    yield chunk;
  }
  await expect(
    client().upload(
      { file: toFile(body(), "clip.mp4"), purpose: "video_understanding" },
      { signal: controller.signal },
    ),
  ).rejects.toThrow();
  await until(() => fs.readdirSync(sandbox.folder).length === 0);
  await expect(client().list({ purpose: "video_understanding" })).resolves.toEqual([]);
  // Nobody was there to answer: nothing recorded, nothing blamed on the sandbox.
  expect(sandbox.exchanges.map((e) => e.operation)).toEqual(["listFiles"]);
  expect(sandbox.findings).toEqual([]);
});

it("a multipart body that ends inside the file part is 2013 (an answer, not a reset), with nothing kept", async () => {
  const boundary = "sandbox-boundary";
  const head = `--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\nvideo_understanding\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="clip.mp4"\r\ncontent-type: video/mp4\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), randomBytes(2 * MiB)]); // no closing boundary
  const answer = await new Promise<{ status: number | undefined; text: string }>((resolve, reject) => {
    const request = http.request(
      `${sandbox.url}/v1/files/upload`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${sandbox.apiKey}`,
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": body.length,
        },
      },
      (res) => {
        let text = "";
        res
          .setEncoding("utf8")
          .on("data", (piece: string) => (text += piece))
          .on("end", () => resolve({ status: res.statusCode, text }));
      },
    );
    request.on("error", reject).end(body);
  });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.text)).toEqual({
    base_resp: {
      status_code: 2013,
      status_msg: "invalid params, the body must be multipart/form-data with the parts purpose and file",
    },
  });
  expect(fs.readdirSync(sandbox.folder)).toEqual([]);
  expect(sandbox.findings).toEqual([]);
  expect(sandbox.requestFindings).toEqual([
    {
      operation: "uploadFile",
      check: "request_body",
      finding: expect.stringMatching(/^the multipart body could not be read: /),
      side: "request",
    },
  ]);
});
