// Guards downloadTo() (src/download.ts and its part of src/client.ts) where download-to.test.ts
// does not look: destinations refused before any request (wrong options, a path that is not a
// path, an unwritable folder, a FIFO), how a Content-Length is trusted (absent, malformed,
// short), progress in batches of about 1 MiB and for an empty file, long file names, and a
// failure whose temporary file is already gone. A server on 127.0.0.1 stands in for MiniMax.
// The package is loaded inside each test (tests/helpers/fresh.ts): the batch size is module code.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { DownloadProgress } from "../../src";
import { handlesBeyond, openHandles } from "../helpers/fault-server";
import { fresh } from "../helpers/fresh";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../faults/guard";

type Src = typeof import("../../src");
const guard = guardProcess();
const MiB = 1024 * 1024;

let MiniMaxFiles: Src["MiniMaxFiles"];
/** How the server answers retrieve_content in this test. */
let serve: (res: http.ServerResponse) => void;
let requests: number;
let server: http.Server;
let baseUrl: string;
let dir: string;

beforeEach(async () => {
  ({ MiniMaxFiles } = fresh(() => require("../../src") as Src));
  requests = 0;
  serve = (res) => res.end();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-download-checks-"));
  server = http.createServer((_, res) => {
    requests++;
    serve(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  await guard.check();
});

const client = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl, maxRetries: 0 });
/** A client whose fetch answers with this Response (a stand-in for a server sending such headers). */
const answering = (respond: () => Response) => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 0, fetch: async () => respond() });
const octets = (extra: Record<string, string> = {}) => ({ "content-type": "application/octet-stream", ...extra });
const folderHolds = () => fs.readdirSync(dir).sort();
const recorder = () => {
  const events: DownloadProgress[] = [];
  return { events, onProgress: (p: DownloadProgress) => void events.push({ ...p }) };
};

describe("refused before any request", () => {
  afterEach(() => expect(requests).toBe(0));

  it("options that are not an object, naming options", async () => {
    await expect(client().downloadTo("123", path.join(dir, "x.bin"), "fast" as never)).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "options",
      message: expect.stringMatching(/options must be an object, got "fast"/),
    });
    expect(folderHolds()).toEqual([]);
  });

  it("an onProgress that is not a function: named, with what was given", async () => {
    await expect(client().downloadTo("123", path.join(dir, "x.bin"), { onProgress: 7 as never })).rejects.toMatchObject({
      input: "options.onProgress",
      message: expect.stringMatching(/options\.onProgress must be a function, got number 7/),
    });
  });

  it.each([
    [5, "number 5"],
    [new URL("https://example.com/x.bin"), "a file: URL"],
  ])("a destination that is not a path (%p): the message says what a destination is", async (destination, said) => {
    await expect(client().downloadTo("123", destination as never)).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "destination",
      message: expect.stringContaining(said),
    });
  });

  it("a FIFO (not a regular file) is refused and left in place", async () => {
    const fifo = path.join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    await expect(client().downloadTo("123", fifo)).rejects.toMatchObject({ input: "destination", message: expect.stringMatching(/not a regular file/) });
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });

  // Root writes through permission bits: then a read-only mount stands in, if there is one.
  const readOnly = ["/proc/sys"].find((d) => fs.statSync(d, { throwIfNoEntry: false })?.isDirectory() && !canWrite(d));
  const asRoot = process.getuid?.() === 0;
  (asRoot && !readOnly ? it.skip : it)("a folder that cannot be written to is refused, naming the folder", async () => {
    let folder = readOnly!;
    if (!asRoot) {
      folder = path.join(dir, "locked");
      fs.mkdirSync(folder, { mode: 0o555 });
    }
    await expect(client().downloadTo("123", path.join(folder, "x.bin"))).rejects.toMatchObject({
      input: "destination",
      message: expect.stringContaining(`its folder ${JSON.stringify(folder)} is not writable`),
    });
    fs.rmSync(path.join(dir, "locked"), { force: true, recursive: true });
  });
});

function canWrite(folder: string): boolean {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

describe("the Content-Length", () => {
  it("none (a chunked answer): the download is complete when the body ends, total unknown", async () => {
    const content = randomBytes(100_000);
    serve = (res) => {
      res.writeHead(200, octets());
      res.write(content.subarray(0, 40_000));
      res.end(content.subarray(40_000));
    };
    const where = path.join(dir, "x.bin");
    const { events, onProgress } = recorder();
    expect(await client().downloadTo("123", where, { onProgress })).toEqual({ path: where, bytes: content.length });
    expect(fs.readFileSync(where).equals(content)).toBe(true);
    expect(events.at(-1)).toEqual({ loaded: content.length, total: undefined });
  });

  it("one that is not a plain number (two joined: '5, 5') is not held against the body", async () => {
    const where = path.join(dir, "x.txt");
    const { events, onProgress } = recorder();
    await answering(() => new Response("hello", { headers: octets({ "content-length": "5, 5" }) })).downloadTo("123", where, { onProgress });
    expect(fs.readFileSync(where, "utf8")).toBe("hello");
    expect(events.at(-1)).toEqual({ loaded: 5, total: undefined });
  });

  it("a short body: the error names the operation and request like the call's other errors do", async () => {
    const files = answering(() => new Response("0123456789", { headers: octets({ "content-length": "20" }) }));
    const short = await files.downloadTo("123", path.join(dir, "x.bin")).catch((e: unknown) => e);
    const aborted = await files.retrieveContent("123", { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(short).toMatchObject({ name: "MiniMaxResponseError", message: expect.stringContaining("10 bytes arrived where Content-Length announced 20") });
    const { operation, request } = aborted as { operation: string; request: unknown };
    expect(short).toMatchObject({ operation, request });
    expect(request).toEqual({ method: "GET", url: "http://127.0.0.1:9/v1/files/retrieve_content?file_id=123" });
    expect(folderHolds()).toEqual([]);
  });
});

describe("progress and writes", () => {
  it("bytes are written in batches of about 1 MiB: progress steps by at least 1 MiB but the last", async () => {
    const content = randomBytes(3 * MiB + 11);
    serve = (res) => {
      res.writeHead(200, octets({ "content-length": String(content.length) }));
      res.end(content);
    };
    const { events, onProgress } = recorder();
    await client().downloadTo("123", path.join(dir, "x.bin"), { onProgress });
    expect(events.at(-1)).toEqual({ loaded: content.length, total: content.length });
    const steps = events.map((e, i) => e.loaded - (events[i - 1]?.loaded ?? 0));
    expect(steps.length).toBeLessThanOrEqual(4);
    for (const step of steps.slice(0, -1)) expect(step).toBeGreaterThanOrEqual(MiB);
  });

  it("a full batch is written as soon as it has arrived, before the server sends more", async () => {
    const content = randomBytes(MiB + 11);
    let rest: () => void = () => undefined;
    serve = (res) => {
      res.writeHead(200, octets({ "content-length": String(content.length) }));
      res.write(content.subarray(0, MiB));
      // The rest only once the first MiB was reported (or, failing that, after a while).
      const timer = setTimeout(() => rest(), 500);
      rest = () => {
        clearTimeout(timer);
        if (!res.writableEnded) res.end(content.subarray(MiB));
      };
    };
    const { events, onProgress } = recorder();
    await client().downloadTo("123", path.join(dir, "x.bin"), {
      onProgress: (p) => {
        onProgress(p);
        rest();
      },
    });
    expect(events[0]).toEqual({ loaded: MiB, total: content.length });
    expect(events.at(-1)).toEqual({ loaded: content.length, total: content.length });
  });

  it("an empty file is created, with one progress report of 0 of 0", async () => {
    serve = (res) => {
      res.writeHead(200, octets({ "content-length": "0" }));
      res.end();
    };
    const where = path.join(dir, "empty.bin");
    const { events, onProgress } = recorder();
    expect(await client().downloadTo("123", where, { onProgress })).toEqual({ path: where, bytes: 0 });
    expect(fs.readFileSync(where).length).toBe(0);
    expect(events).toEqual([{ loaded: 0, total: 0 }]);
  });
});

it("a destination name of 230 bytes downloads: the temporary name beside it stays within 255 bytes", async () => {
  serve = (res) => res.end("content");
  const where = path.join(dir, `${"n".repeat(226)}.bin`);
  await client().downloadTo("123", where);
  expect(fs.readFileSync(where, "utf8")).toBe("content");
  expect(folderHolds()).toEqual([path.basename(where)]);
});

it("an abort after the folder was emptied under the download is still the abort, not a cleanup error", async () => {
  serve = (res) => {
    res.writeHead(200, octets({ "content-length": String(4 * MiB) }));
    res.write(randomBytes(MiB + 1)); // then nothing more: the download waits
  };
  const controller = new AbortController();
  const download = client().downloadTo("123", path.join(dir, "x.bin"), {
    signal: controller.signal,
    onProgress: () => {
      fs.rmSync(dir, { recursive: true, force: true }); // takes the temporary file with it
      controller.abort();
    },
  });
  await expect(download).rejects.toMatchObject({ name: "MiniMaxAbortError" });
});

it("a name too long for the temporary file beside it: the error is the one creating it met (not the cleanup's), and nothing is left open", async () => {
  serve = (res) => res.end("content");
  const baseline = openHandles();
  const where = path.join(dir, `${"n".repeat(236)}.bin`); // 240 bytes: allowed, but not with 19 more
  await expect(client().downloadTo("123", where)).rejects.toMatchObject({ code: "ENAMETOOLONG", syscall: "open" });
  server.closeAllConnections();
  // The call's time limit and connection are gone, not left running for the 10-minute default.
  expect(await handlesBeyond(baseline, 500)).toEqual([]);
  expect(folderHolds()).toEqual([]);
});
