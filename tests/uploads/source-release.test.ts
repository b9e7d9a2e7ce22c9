// Upload sources are released whatever the outcome: a path's file handle is closed after a
// success or a failed answer (checked in /proc/self/fd, Linux), and a caller's stream or iterator
// is ended when the upload stops reading it mid-way or refuses it before sending (also when its
// iterator's return() is not async). Real files, a capture server on 127.0.0.1.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { MiniMaxFiles, toFile } from "../../src";
import { startFakeServer, uploadSuccess, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../helpers/process-guard";

const guard = guardProcess();
let server: FakeServer;
let dir: string;
let status = 200;
const content = randomBytes(3 * 1024 * 1024 + 11); // more than one read of the file

beforeEach(async () => {
  status = 200;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-release-"));
  server = await startFakeServer((req) =>
    status === 200 ? { body: uploadSuccess("a.mp3", req.body.length, "voice_clone") } : { status, body: "busy" },
  );
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await guard.check();
});

const files = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0 });
const procFds = "/proc/self/fd";
/** This process's descriptors open on `file` (Linux: /proc/self/fd). */
const descriptorsOn = (file: string) =>
  fs.readdirSync(procFds).filter((fd) => {
    try {
      return fs.readlinkSync(path.join(procFds, fd)) === file;
    } catch {
      return false; // the descriptor readdir itself used, now closed
    }
  });
const onLinux = fs.existsSync(procFds) ? it : it.skip;

describe("a path's file handle is closed once the upload is over", () => {
  onLinux("after a success", async () => {
    const where = `${fs.realpathSync(dir)}/voice.mp3`;
    fs.writeFileSync(where, content);
    await files().upload({ file: where, purpose: "voice_clone" });
    expect(server.requests[0]!.body.length).toBeGreaterThan(content.length);
    expect(descriptorsOn(where)).toEqual([]);
  });

  onLinux("after an error answer", async () => {
    status = 503;
    const where = `${fs.realpathSync(dir)}/voice.mp3`;
    fs.writeFileSync(where, content);
    await expect(files().upload({ file: where, purpose: "voice_clone" })).rejects.toMatchObject({ status: 503 });
    expect(descriptorsOn(where)).toEqual([]);
  });
});

describe("a caller's stream is ended when the upload stops reading it", () => {
  it("a Node Readable that yields more than its stated size is destroyed once refused", async () => {
    const stream = Readable.from([Buffer.alloc(100, 1), Buffer.alloc(100, 2), Buffer.alloc(100, 3)]);
    await expect(
      files().upload({ file: toFile(stream, "a.mp3", { size: 150 }), purpose: "voice_clone" }),
    ).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "file",
      message: expect.stringMatching(/grew while being sent/),
    });
    expect(stream.destroyed).toBe(true);
  });

  it("an async generator past the documented size limit is ended (its finally runs)", async () => {
    let ended = false;
    let produced = 0;
    async function* endless() {
      try {
        for (let i = 0; i < 64; i++) {
          produced += 1024 * 1024;
          yield Buffer.alloc(1024 * 1024, i);
        }
      } finally {
        ended = true;
      }
    }
    await expect(files().upload({ file: toFile(endless(), "a.mp3"), purpose: "voice_clone" })).rejects.toMatchObject({
      name: "MiniMaxInputError",
      message: expect.stringMatching(/larger than \d+ bytes, the documented limit/),
    });
    expect(ended).toBe(true);
    expect(produced).toBeLessThan(64 * 1024 * 1024);
  });
});

it("a hand-written iterator whose return() is not async is still ended on refusal, and the refusal is what is reported", async () => {
  let returned = 0;
  const iterable: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve({ done: false, value: new Uint8Array(10) }),
      // Returns a plain result, not a promise (some hand-written iterators do).
      return: (() => {
        returned++;
        return { done: true, value: undefined };
      }) as never,
    }),
  };
  await expect(files().upload({ file: toFile(iterable, "a.mp3"), purpose: "nope" as never })).rejects.toMatchObject({
    name: "MiniMaxInputError",
    input: "purpose",
  });
  expect(returned).toBe(1);
  expect(server.requests).toHaveLength(0);
});
