// What each kind of upload input is taken to be (src/upload-source.ts, to-file.ts, upload-body.ts),
// seen from outside through the default transport to a capture server on 127.0.0.1: the size a
// fetch Response, an fs.ReadStream (slice, pipe, vanished file) or a stream announces, the name
// and type inferred, which inputs are refused before a byte is sent (and how the refusal names
// the input's kind), and that sources re-read for a retry are read again from the start.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { MiniMaxFiles, toFile, type UploadableFile } from "../../../src";
import { startFakeServer, uploadSuccess, type CapturedRequest, type FakeServer } from "../../helpers/fake-server";
import { TEST_API_KEY } from "../../helpers/observed-client";
import { guardProcess } from "../../helpers/process-guard";

const guard = guardProcess();
let server: FakeServer;
let dir: string;
/** What the fake server answers (default: success); a test may replace it. */
let answer: (req: CapturedRequest) => { status?: number; body?: object | string };
const content = randomBytes(5000);

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-source-"));
  answer = (req) => ({ body: uploadSuccess("a.mp3", req.body.length, "voice_clone") });
  server = await startFakeServer((req) => answer(req));
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // Node's own reader of a disk-backed Blob stays listed after any read (see inputs.test.ts).
  await guard.check(expect.getState().currentTestName?.includes("disk-backed Blob") ? ["FileHandleReadWrap"] : []);
});

const files = (options: { timeout?: number; maxRetries?: number } = {}) =>
  new MiniMaxFiles({
    apiKey: TEST_API_KEY,
    baseUrl: server.url,
    backoff: { initialDelay: 1, maxDelay: 1 },
    ...options,
  });
const write = (name: string, bytes: Uint8Array | string) => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, bytes);
  return where;
};
const filePart = async (req: CapturedRequest) =>
  (
    await new Response(new Uint8Array(req.body), {
      headers: { "content-type": req.headers["content-type"]! },
    }).formData()
  ).get("file") as File;
const bytesOf = async (req: CapturedRequest) => Buffer.from(await (await filePart(req)).arrayBuffer());
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the upload to fail");
    },
    (error: unknown) => error as Error & { input?: string; cause?: unknown },
  );
async function* chunksOf(...chunks: unknown[]) {
  yield* chunks;
}

describe("refusals name the input's kind, so the caller can tell which input is wrong", () => {
  // Size known up front: refused before sending.
  it.each<[string, () => UploadableFile, RegExp]>([
    ["an empty Blob", () => toFile(new Blob([]), "a.mp3"), /^file \(a Blob\) is empty \(0 bytes\)/],
    ["an empty Buffer", () => toFile(Buffer.alloc(0), "a.mp3"), /^file \(bytes\) is empty \(0 bytes\)/],
    [
      "a fetch Response with Content-Length: 0",
      () => toFile(new Response(new Uint8Array(0), { headers: { "content-length": "0" } }), "a.mp3"),
      /^file \(a fetch Response\) is empty \(0 bytes\)/,
    ],
    [
      "an fs.ReadStream of an empty file",
      () => fs.createReadStream(write("empty.mp3", "")),
      /^file ".*empty\.mp3" is empty \(0 bytes\)/,
    ],
  ])("%s is refused before sending", async (_, make, message) => {
    const error = await failure(files().upload({ file: make(), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  // Size unknown: found empty while sending; the request is cut and nothing is stored.
  it.each<[string, () => UploadableFile, RegExp]>([
    [
      "a web ReadableStream",
      () => toFile(new ReadableStream({ start: (c) => c.close() }), "a.mp3"),
      /^file \(a ReadableStream\) \("a\.mp3"\) is empty/,
    ],
    ["a Node Readable", () => toFile(Readable.from([]), "a.mp3"), /^file \(a Readable stream\) \("a\.mp3"\) is empty/],
    ["an async iterable", () => toFile(chunksOf(), "a.mp3"), /^file \(an async iterable\) \("a\.mp3"\) is empty/],
    [
      "an fs.ReadStream on a file descriptor",
      () => toFile(fs.createReadStream("", { fd: fs.openSync(write("empty.mp3", ""), "r") }), "a.mp3"),
      /^file \(an fs\.ReadStream\) \("a\.mp3"\) is empty/,
    ],
    // A Response without a body (new Response(null)) reads as empty, and promptly: it must not hang.
    [
      "a fetch Response without a body",
      () => toFile(new Response(null), "a.mp3"),
      /^file \(a fetch Response\) \("a\.mp3"\) is empty/,
    ],
  ])("%s that turns out empty is refused while sending", async (_, make, message) => {
    const error = await failure(files({ timeout: 1000 }).upload({ file: make(), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it("a disk-backed Blob whose file changed says it is a Blob that could not be read", async () => {
    const where = write("a.mp3", content);
    const blob = await fs.openAsBlob(where);
    fs.writeFileSync(where, Buffer.alloc(2 * content.length, 1));
    const error = await failure(files().upload({ file: toFile(blob, "a.mp3"), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(/^file \(a Blob\) cannot be uploaded: reading it failed \(/);
    await new Promise((r) => setTimeout(r, 10));
  });

  it.each<[string, unknown[], RegExp]>([
    [
      "a number",
      [Buffer.from("ok"), 42],
      /^file \(an async iterable\) cannot be uploaded: it yielded number, not bytes\.$/,
    ],
    ["null", [null], /^file \(an async iterable\) cannot be uploaded: it yielded null, not bytes\.$/],
  ])("a stream that yields %s is refused, saying what it yielded", async (_, chunks, message) => {
    const error = await failure(files().upload({ file: toFile(chunksOf(...chunks), "a.mp3"), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("what is not a file input", () => {
  it("no file, or null, is refused as required, listing what can be passed", async () => {
    for (const file of [undefined, null]) {
      const error = await failure(files().upload({ file: file as never, purpose: "voice_clone" }));
      expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
      expect(error.message).toMatch(/^file is required: pass a path, .*Blob.*fetch Response\.$/);
    }
    expect(server.requests).toHaveLength(0);
  });

  // toFile(res.body) of a bodiless response names null; toFile(maybe) names undefined.
  it.each<[string, () => UploadableFile]>([
    ["toFile(null)", () => toFile(null, "a.mp3")],
    ["toFile(undefined)", () => toFile(undefined, "a.mp3")],
    ["a plain object", () => ({ path: "a.mp3" }) as never],
    ["toFile of a plain object", () => toFile({ path: "a.mp3" }, "a.mp3")],
  ])("%s is refused as not one of the kinds upload takes", async (_, make) => {
    const error = await failure(files().upload({ file: make(), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(/^file must be a path, .*Blob.*fetch Response; got an object \(Object\)\.$/);
    expect(server.requests).toHaveLength(0);
  });

  it("a path that is neither a file nor a directory (a device) is refused before sending, with no cause", async () => {
    if (!fs.existsSync("/dev/null")) return;
    const error = await failure(files().upload({ file: "/dev/null", filename: "a.mp3", purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toBe(`file "/dev/null" cannot be uploaded: it is not a regular file.`);
    // Nothing failed underneath: no `[cause]: undefined` when the error is printed.
    expect(Object.hasOwn(error, "cause")).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it("a path through a regular file (ENOTDIR) is refused as not openable, naming the code", async () => {
    const through = path.join(write("a.mp3", content), "b.mp3");
    const error = await failure(files().upload({ file: through, purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toBe(`file ${JSON.stringify(through)} cannot be uploaded: it cannot be opened (ENOTDIR).`);
    expect(server.requests).toHaveLength(0);
  });

  it("an unreadable path (EACCES) is refused before sending as not readable", async () => {
    const locked = write("locked.mp3", content);
    fs.chmodSync(locked, 0o000);
    const error = await failure(asAnotherUser(() => files().upload({ file: locked, purpose: "voice_clone" })));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toBe(`file ${JSON.stringify(locked)} cannot be uploaded: it cannot be read (EACCES).`);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a stream already used is refused before sending (it would send a truncated file)", () => {
  it.each<[string, () => Promise<UploadableFile>, RegExp]>([
    [
      "a web ReadableStream someone holds a reader of",
      async () => {
        const stream = new ReadableStream<Uint8Array>({
          start: (c) => (c.enqueue(new Uint8Array(content)), c.close()),
        });
        stream.getReader();
        return toFile(stream, "a.mp3");
      },
      /^file \(a ReadableStream\) cannot be uploaded: it has already been read/,
    ],
    [
      "a Node Readable partly read (not ended)",
      async () => {
        const stream = Readable.from([Buffer.from("first"), Buffer.from("second")]);
        const [first] = (await once(stream, "data")) as [Buffer];
        stream.pause();
        expect(first.toString()).toBe("first");
        return toFile(stream, "a.mp3");
      },
      /^file \(a Readable stream\) cannot be uploaded: it has already been read/,
    ],
    [
      "a Node Readable destroyed before being read",
      async () => {
        const stream = Readable.from([Buffer.from("never read")]);
        stream.destroy();
        return toFile(stream, "a.mp3");
      },
      /^file \(a Readable stream\) cannot be uploaded: it has already been read/,
    ],
    [
      "an fs.ReadStream closed before being read",
      async () => {
        const stream = fs.createReadStream(write("a.mp3", content));
        await once(stream, "ready");
        stream.destroy();
        await once(stream, "close");
        return stream;
      },
      /^file ".*a\.mp3" cannot be uploaded: it has already been read/,
    ],
  ])("%s", async (_, make, message) => {
    const error = await failure(files().upload({ file: await make(), purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("fetch Response inputs", () => {
  it("without a URL it has no name: a filename is required", async () => {
    const error = await failure(
      files().upload({ file: new Response(new Uint8Array(content)), purpose: "voice_clone" }),
    );
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "filename" });
    expect(error.message).toMatch(/^filename is required when file is not a path/);
    expect(server.requests).toHaveLength(0);
  });

  it("its Content-Type is sent without parameters or the space before them", async () => {
    const response = new Response(new Uint8Array(content), {
      headers: { "content-type": "audio/x-custom ; rate=8000" },
    });
    await files().upload({ file: toFile(response, "take.wav"), purpose: "voice_clone" });
    const raw = server.requests[0]!.body.toString("latin1");
    expect(raw).toContain(`filename="take.wav"\r\nContent-Type: audio/x-custom\r\n\r\n`);
  });

  it("a Content-Length that is not one plain number (a duplicated header: '5000, 5000') is not trusted: sent chunked, byte-exact", async () => {
    const response = new Response(new Uint8Array(content), {
      headers: { "content-length": `${content.length}, ${content.length}` },
    });
    await files().upload({ file: toFile(response, "a.mp3"), purpose: "voice_clone" });
    const req = server.requests[0]!;
    expect(req.headers["transfer-encoding"]).toBe("chunked");
    expect((await bytesOf(req)).equals(content)).toBe(true);
  });
});

describe("fs.ReadStream inputs", () => {
  it.each<[string, { start?: number; end?: number }, [number, number]]>([
    ["start and end", { start: 100, end: 1099 }, [100, 1100]],
    ["start only", { start: 4321 }, [4321, content.length]],
  ])("one with %s sends exactly that slice, with its Content-Length", async (_, range, [from, to]) => {
    await files().upload({ file: fs.createReadStream(write("a.mp3", content), range), purpose: "voice_clone" });
    const req = server.requests[0]!;
    expect(req.headers["content-length"]).toBe(String(req.body.length));
    expect((await bytesOf(req)).equals(content.subarray(from, to))).toBe(true);
  });

  it("one on a named pipe has no size (its stat says nothing): sent chunked under the pipe's name", async () => {
    const pipe = path.join(dir, "voice.mp3");
    execFileSync("mkfifo", [pipe]);
    const stream = fs.createReadStream(pipe);
    const writer = fs.createWriteStream(pipe);
    writer.on("error", () => undefined); // EPIPE if the upload failed and nobody reads the pipe
    writer.end(content);
    try {
      await files().upload({ file: stream, purpose: "voice_clone" });
    } finally {
      // Were the upload refused, the writer's open() would wait for a reader for ever (a blocked
      // thread): an open that never blocks ends that wait. After a success it changes nothing.
      fs.closeSync(fs.openSync(pipe, fs.constants.O_RDWR | fs.constants.O_NONBLOCK));
      if (!writer.closed) await once(writer, "close");
    }
    const req = server.requests[0]!;
    expect(req.headers["transfer-encoding"]).toBe("chunked");
    expect((await filePart(req)).name).toBe("voice.mp3");
    expect((await bytesOf(req)).equals(content)).toBe(true);
  });

  it("one whose file was deleted after it was opened is refused (ENOENT, with the cause) and closed", async () => {
    const where = write("a.mp3", content);
    const stream = fs.createReadStream(where);
    await once(stream, "ready");
    fs.unlinkSync(where);
    const error = await failure(files().upload({ file: stream, purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toBe(`file ${JSON.stringify(where)} cannot be uploaded: it cannot be read (ENOENT).`);
    expect(error.cause).toMatchObject({ code: "ENOENT" });
    // The stream held the file open: refusing it must close it.
    expect(stream.destroyed).toBe(true);
    await once(stream, "close");
    expect(server.requests).toHaveLength(0);
  });
});

describe("retries read the source again from the start", () => {
  it("a Blob is sent again, whole, after a retryable answer", async () => {
    let seen = 0;
    answer = (req) =>
      ++seen === 1 ? { status: 503, body: "busy" } : { body: uploadSuccess("a.mp3", req.body.length, "voice_clone") };
    await files().upload({ file: toFile(new Blob([content]), "a.mp3"), purpose: "voice_clone" });
    expect(server.requests).toHaveLength(2);
    for (const req of server.requests) expect((await bytesOf(req)).equals(content)).toBe(true);
  });

  it("a path deleted before the retry is a MiniMaxInputError saying it cannot be opened any more, with the cause", async () => {
    const where = write("a.mp3", content);
    answer = () => {
      fs.rmSync(where, { force: true });
      return { status: 503, body: "busy" };
    };
    const error = await failure(files({ maxRetries: 1 }).upload({ file: where, purpose: "voice_clone" }));
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(error.message).toBe(
      `file ${JSON.stringify(where)} cannot be uploaded: it cannot be opened any more (ENOENT).`,
    );
    expect(error.cause).toMatchObject({ code: "ENOENT" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("toFile's and upload's own arguments", () => {
  it.each<[string, unknown]>([
    ["an empty name", ""],
    ["a blank name", "  \t"],
    ["a name that is not a string", 42],
  ])("toFile refuses %s, showing what it got", (_, name) => {
    const thrown = (() => {
      try {
        toFile(Buffer.from(content), name as string);
      } catch (error) {
        return error as Error & { input?: string };
      }
      throw new Error("toFile accepted it");
    })();
    expect(thrown).toMatchObject({ name: "MiniMaxInputError", input: "name" });
    expect(thrown.message).toMatch(/^toFile's name must be a non-empty string/);
    expect(thrown.message).toContain(`got ${typeof name === "string" ? JSON.stringify(name) : "number 42"}.`);
  });

  it("toFile refuses a size that is not whole bytes, showing it", () => {
    expect(() => toFile(Buffer.from(content), "a.mp3", { size: 1.5 })).toThrow(
      expect.objectContaining({
        name: "MiniMaxInputError",
        input: "size",
        message: expect.stringContaining("got number 1.5."),
      }),
    );
  });

  it("toFile takes size 0; the upload then refuses the file as empty before sending", async () => {
    const named = toFile(Readable.from([]), "a.mp3", { size: 0 });
    const error = await failure(files().upload({ file: named, purpose: "voice_clone" }));
    expect(error).toMatchObject({
      name: "MiniMaxInputError",
      input: "file",
      message: expect.stringMatching(/is empty \(0 bytes\)/),
    });
    expect(server.requests).toHaveLength(0);
  });

  it("a blank filename is refused as missing", async () => {
    const error = await failure(
      files().upload({ file: Buffer.from(content), filename: "   ", purpose: "voice_clone", checkLimits: false }),
    );
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "filename" });
    expect(error.message).toMatch(
      /^filename is required when file is not a path, a named File or toFile\(…\) \(got " {3}"\)/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each(["dir/a.mp3", 'a".mp3', "a\\b.mp3", "a\r\nX: y.mp3"])(
    "a filename that is not a bare name (%j) is refused before sending",
    async (filename) => {
      const error = await failure(
        files().upload({ file: Buffer.from(content), filename, purpose: "voice_clone", checkLimits: false }),
      );
      expect(error).toMatchObject({ name: "MiniMaxInputError", input: "filename" });
      expect(error.message).toMatch(/^filename must be a bare name/);
      expect(error.message).toContain(JSON.stringify(filename));
      expect(server.requests).toHaveLength(0);
    },
  );

  it("a name whose extension has no known type, with no type given, is sent as application/octet-stream", async () => {
    await files().upload({
      file: Buffer.from(content),
      filename: "take.nosuchext",
      purpose: "voice_clone",
      checkLimits: false,
    });
    const raw = server.requests[0]!.body.toString("latin1");
    expect(raw).toContain(`filename="take.nosuchext"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  });
});

/**
 * Root opens any file whatever its mode, so as root (CI containers) the call runs with the
 * effective user "nobody" until it settles: open(2) checks the effective user. The folder is made
 * traversable for that user; everything else the call needs (the server's socket) is open already.
 */
async function asAnotherUser<T>(call: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid) return call();
  fs.chmodSync(dir, 0o755);
  process.seteuid(65534);
  try {
    return await call();
  } finally {
    process.seteuid(0);
  }
}
