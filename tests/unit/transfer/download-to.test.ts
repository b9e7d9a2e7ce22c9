// downloadTo(): content written to disk as it arrives, atomically, against a server on 127.0.0.1
// that serves, cuts, trickles or refuses. After every test: no temporary file in the folder, the
// destination either complete or as it was, no handle open.
//
// The tests write under one folder per run of this file, named with its pid, removed afterwards.
// A run killed mid-test (Stryker kills a worker whose mutant hangs: tests/downloads is in
// jest.mutate.config.js) runs no afterEach or afterAll; the next run removes what it left.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles, type DownloadProgress } from "../../../src";
import { TEST_API_KEY } from "../../helpers/observed-client";
import { guardProcess } from "../../helpers/process-guard";
import { handlesBeyond, openHandles } from "../../helpers/fault-server";
import { fresh } from "../../helpers/fresh";

describe("downloadTo", () => {
  const guard = guardProcess();
  const MiB = 1024 * 1024;
  const content = randomBytes(3 * MiB + 11);

  /** How the server answers retrieve_content. */
  let mode: "serve" | "cut" | "trickle" | "in-band-error";
  let requests: number;
  let server: http.Server;
  let dir: string;
  let client: MiniMaxFiles;

  const PREFIX = "minimax-files-download-";
  const runFolderPattern = new RegExp(`^${PREFIX}(\\d+)-`);

  /** Removes the run folders in `parent` whose run (the pid in the name) is gone; returns their names. */
  function removeFoldersOfEndedRuns(parent: string): string[] {
    const ended = fs.readdirSync(parent).filter((name) => {
      const pid = Number(runFolderPattern.exec(name)?.[1]);
      if (!(pid > 0)) return false;
      try {
        process.kill(pid, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ESRCH";
      }
    });
    for (const name of ended) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    return ended;
  }

  let runFolder: string;
  beforeAll(() => {
    removeFoldersOfEndedRuns(os.tmpdir());
    runFolder = fs.mkdtempSync(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
  });
  afterAll(() => fs.rmSync(runFolder, { recursive: true, force: true }));

  beforeEach(async () => {
    mode = "serve";
    requests = 0;
    dir = fs.mkdtempSync(path.join(runFolder, "test-"));
    server = http.createServer((_req, res) => {
      requests++;
      if (mode === "in-band-error") {
        res.writeHead(200, { "content-type": "application/json", "trace-id": "t-1" });
        res.end(JSON.stringify({ base_resp: { status_code: 1004, status_msg: "not authorized" } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(content.length) });
      if (mode === "serve") return void res.end(content);
      if (mode === "cut") return void res.write(content.subarray(0, MiB), () => res.destroy());
      // trickle: 64 KiB every 20 ms, until the client gives up
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || at >= content.length) return clearInterval(timer);
        res.write(content.subarray(at, (at += 64 * 1024)));
      }, 20);
      res.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    client = new MiniMaxFiles({
      apiKey: TEST_API_KEY,
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      maxRetries: 0,
    });
  });
  afterEach(async () => {
    // First: closing the server waits, and a hook that times out never reaches its next line.
    fs.rmSync(dir, { recursive: true, force: true });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await guard.check();
  });

  it("removes the folders a killed run of this file left, and only those", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("close", resolve));
    const parent = fs.mkdtempSync(path.join(dir, "tmp-"));
    const left = path.join(parent, `${PREFIX}${gone.pid}-abc123`);
    fs.mkdirSync(path.join(left, "test-x"), { recursive: true });
    fs.writeFileSync(path.join(left, "test-x", ".speech.mp3.1234.download"), "partial");
    const running = path.join(parent, `${PREFIX}${process.pid}-def456`);
    const other = path.join(parent, `${PREFIX}checks-ghi789`);
    for (const folder of [running, other]) fs.mkdirSync(folder);
    expect(removeFoldersOfEndedRuns(parent)).toEqual([path.basename(left)]);
    expect(fs.readdirSync(parent).sort()).toEqual([path.basename(other), path.basename(running)].sort());
  });

  const OLD = "the previous content";
  const destination = () => {
    const where = path.join(dir, "speech.mp3");
    fs.writeFileSync(where, OLD);
    return where;
  };
  const folderHolds = () => fs.readdirSync(dir).sort();

  it("writes the bytes exactly, replacing the file, with progress ending at the Content-Length", async () => {
    const where = destination();
    const events: DownloadProgress[] = [];
    const result = await client.downloadTo("123", where, { onProgress: (p) => events.push({ ...p }) });
    expect(result).toEqual({ path: where, bytes: content.length });
    expect(fs.readFileSync(where).equals(content)).toBe(true);
    expect(folderHolds()).toEqual(["speech.mp3"]);
    expect(events.at(-1)).toEqual({ loaded: content.length, total: content.length });
    for (let i = 1; i < events.length; i++) expect(events[i]!.loaded).toBeGreaterThan(events[i - 1]!.loaded);
  });

  it("a relative path and a file: URL work; withResponse gives the Response", async () => {
    const where = path.join(dir, "a.bin");
    const { data, response } = await client.downloadTo("123", new URL(`file://${where}`)).withResponse();
    expect(data.path).toBe(where);
    expect(response.status).toBe(200);
    const relative = path.relative(process.cwd(), path.join(dir, "b.bin"));
    expect((await client.downloadTo("123", relative)).path).toBe(path.join(dir, "b.bin"));
  });

  it("a connection cut mid-body leaves the old file and no temporary file", async () => {
    mode = "cut";
    const where = destination();
    await expect(client.downloadTo("123", where)).rejects.toMatchObject({ name: "MiniMaxConnectionError" });
    expect(fs.readFileSync(where, "utf8")).toBe(OLD);
    expect(folderHolds()).toEqual(["speech.mp3"]);
  });

  it("an abort mid-body is a MiniMaxAbortError; the old file stays, nothing partial is left", async () => {
    mode = "trickle";
    const where = destination();
    const controller = new AbortController();
    const download = client.downloadTo("123", where, {
      signal: controller.signal,
      onProgress: ({ loaded }) => {
        if (loaded >= 256 * 1024) controller.abort();
      },
    });
    await expect(download).rejects.toMatchObject({ name: "MiniMaxAbortError" });
    expect(fs.readFileSync(where, "utf8")).toBe(OLD);
    expect(folderHolds()).toEqual(["speech.mp3"]);
  });

  it("the time limit covers the body: a trickle past it is a MiniMaxTimeoutError, nothing partial left", async () => {
    mode = "trickle";
    const where = path.join(dir, "new.mp3");
    await expect(client.downloadTo("123", where, { timeout: 300 })).rejects.toMatchObject({
      name: "MiniMaxTimeoutError",
    });
    expect(folderHolds()).toEqual([]);
  });

  it("MiniMax's in-band failure is its typed error and creates no file", async () => {
    mode = "in-band-error";
    await expect(client.downloadTo("123", path.join(dir, "x.mp3"))).rejects.toMatchObject({
      name: "AuthenticationError",
      statusCode: 1004,
      traceId: "t-1",
    });
    expect(folderHolds()).toEqual([]);
  });

  it("a destination that cannot be written is refused before any request", async () => {
    await expect(client.downloadTo("123", path.join(dir, "missing", "x.mp3"))).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "destination",
      message: expect.stringMatching(/does not exist/),
    });
    await expect(client.downloadTo("123", dir)).rejects.toMatchObject({
      input: "destination",
      message: expect.stringMatching(/is a directory/),
    });
    await expect(client.downloadTo("123", 5 as never)).rejects.toMatchObject({ input: "destination" });
    await expect(client.downloadTo("abc", path.join(dir, "x"))).rejects.toMatchObject({ input: "fileId" });
    await expect(client.downloadTo("123", path.join(dir, "x"), { onProgress: "yes" as never })).rejects.toMatchObject({
      input: "options.onProgress",
    });
    expect(requests).toBe(0);
  });

  it("keeps the replaced file's permissions, and a symlink stays a symlink (its target is replaced)", async () => {
    const target = destination();
    fs.chmodSync(target, 0o600);
    const link = path.join(dir, "link.mp3");
    fs.symlinkSync(target, link);
    await client.downloadTo("123", link);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target).equals(content)).toBe(true);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(folderHolds()).toEqual(["link.mp3", "speech.mp3"]);
  });

  describe("through a custom fetch", () => {
    const withFetch = (respond: () => Response) =>
      new MiniMaxFiles({
        apiKey: TEST_API_KEY,
        baseUrl: "http://127.0.0.1:9",
        maxRetries: 0,
        fetch: async () => respond(),
      });

    it("fewer bytes than the Content-Length announced is a MiniMaxResponseError; nothing is left", async () => {
      const where = destination();
      const short = withFetch(
        () =>
          new Response(content.subarray(0, 100), {
            headers: { "content-type": "application/octet-stream", "content-length": "5000" },
          }),
      );
      await expect(short.downloadTo("123", where)).rejects.toMatchObject({
        name: "MiniMaxResponseError",
        message: expect.stringMatching(/100 bytes arrived where Content-Length announced 5000/),
      });
      expect(fs.readFileSync(where, "utf8")).toBe(OLD);
      expect(folderHolds()).toEqual(["speech.mp3"]);
    });

    it("a compressed answer (fetch decodes it) is not held to its Content-Length", async () => {
      const where = path.join(dir, "x.bin");
      const decoded = withFetch(
        () =>
          new Response(content, {
            headers: {
              "content-type": "application/octet-stream",
              "content-encoding": "gzip",
              "content-length": "133",
            },
          }),
      );
      const events: DownloadProgress[] = [];
      await decoded.downloadTo("123", where, { onProgress: (p) => events.push(p) });
      expect(fs.readFileSync(where).equals(content)).toBe(true);
      expect(events.at(-1)).toEqual({ loaded: content.length, total: undefined });
    });
  });
});

describe("checks before and while writing", () => {
  // Guards downloadTo() (src/download.ts and its part of src/client.ts) where download-to.test.ts
  // does not look: destinations refused before any request (wrong options, a path that is not a
  // path, an unwritable folder, a FIFO), how a Content-Length is trusted (absent, malformed,
  // short), progress in batches of about 1 MiB and for an empty file, long file names, and a
  // failure whose temporary file is already gone. A server on 127.0.0.1 stands in for MiniMax.
  // The package is loaded inside each test (tests/helpers/fresh.ts): the batch size is module code.
  type Src = typeof import("../../../src");
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
    ({ MiniMaxFiles } = fresh(() => require("../../../src") as Src));
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
  const answering = (respond: () => Response) =>
    new MiniMaxFiles({
      apiKey: TEST_API_KEY,
      baseUrl: "http://127.0.0.1:9",
      maxRetries: 0,
      fetch: async () => respond(),
    });
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
      await expect(
        client().downloadTo("123", path.join(dir, "x.bin"), { onProgress: 7 as never }),
      ).rejects.toMatchObject({
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
      await expect(client().downloadTo("123", fifo)).rejects.toMatchObject({
        input: "destination",
        message: expect.stringMatching(/not a regular file/),
      });
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    });

    // Root writes through permission bits: then a read-only mount stands in, if there is one.
    const readOnly = ["/proc/sys"].find(
      (d) => fs.statSync(d, { throwIfNoEntry: false })?.isDirectory() && !canWrite(d),
    );
    const asRoot = process.getuid?.() === 0;
    (asRoot && !readOnly ? it.skip : it)(
      "a folder that cannot be written to is refused, naming the folder",
      async () => {
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
      },
    );
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
      await answering(() => new Response("hello", { headers: octets({ "content-length": "5, 5" }) })).downloadTo(
        "123",
        where,
        { onProgress },
      );
      expect(fs.readFileSync(where, "utf8")).toBe("hello");
      expect(events.at(-1)).toEqual({ loaded: 5, total: undefined });
    });

    it("a short body: the error names the operation and request like the call's other errors do", async () => {
      const files = answering(() => new Response("0123456789", { headers: octets({ "content-length": "20" }) }));
      const short = await files.downloadTo("123", path.join(dir, "x.bin")).catch((e: unknown) => e);
      const aborted = await files.retrieveContent("123", { signal: AbortSignal.abort() }).catch((e: unknown) => e);
      expect(short).toMatchObject({
        name: "MiniMaxResponseError",
        message: expect.stringContaining("10 bytes arrived where Content-Length announced 20"),
      });
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
});
