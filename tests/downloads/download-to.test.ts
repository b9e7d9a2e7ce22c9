// downloadTo(): content written to disk as it arrives, atomically, against a server on 127.0.0.1
// that serves, cuts, trickles or refuses. After every test: no temporary file in the folder, the
// destination either complete or as it was, no handle open.
//
// The tests write under one folder per run of this file, named with its pid, removed afterwards.
// A run killed mid-test (Stryker kills a worker whose mutant hangs: tests/downloads is in
// jest.mutate.config.js) runs no afterEach or afterAll; the next run removes what it left.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles, type DownloadProgress } from "../../src";
import { TEST_API_KEY } from "../helpers/observed-client";
import { guardProcess } from "../faults/guard";

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
  server = http.createServer((req, res) => {
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
  client = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
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
  await expect(client.downloadTo("123", where, { timeout: 300 })).rejects.toMatchObject({ name: "MiniMaxTimeoutError" });
  expect(folderHolds()).toEqual([]);
});

it("MiniMax's in-band failure is its typed error and creates no file", async () => {
  mode = "in-band-error";
  await expect(client.downloadTo("123", path.join(dir, "x.mp3"))).rejects.toMatchObject({ name: "AuthenticationError", statusCode: 1004, traceId: "t-1" });
  expect(folderHolds()).toEqual([]);
});

it("a destination that cannot be written is refused before any request", async () => {
  await expect(client.downloadTo("123", path.join(dir, "missing", "x.mp3"))).rejects.toMatchObject({ name: "MiniMaxInputError", input: "destination", message: expect.stringMatching(/does not exist/) });
  await expect(client.downloadTo("123", dir)).rejects.toMatchObject({ input: "destination", message: expect.stringMatching(/is a directory/) });
  await expect(client.downloadTo("123", 5 as never)).rejects.toMatchObject({ input: "destination" });
  await expect(client.downloadTo("abc", path.join(dir, "x"))).rejects.toMatchObject({ input: "fileId" });
  await expect(client.downloadTo("123", path.join(dir, "x"), { onProgress: "yes" as never })).rejects.toMatchObject({ input: "options.onProgress" });
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
  const withFetch = (respond: () => Response) => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 0, fetch: async () => respond() });

  it("fewer bytes than the Content-Length announced is a MiniMaxResponseError; nothing is left", async () => {
    const where = destination();
    const short = withFetch(() => new Response(content.subarray(0, 100), { headers: { "content-type": "application/octet-stream", "content-length": "5000" } }));
    await expect(short.downloadTo("123", where)).rejects.toMatchObject({ name: "MiniMaxResponseError", message: expect.stringMatching(/100 bytes arrived where Content-Length announced 5000/) });
    expect(fs.readFileSync(where, "utf8")).toBe(OLD);
    expect(folderHolds()).toEqual(["speech.mp3"]);
  });

  it("a compressed answer (fetch decodes it) is not held to its Content-Length", async () => {
    const where = path.join(dir, "x.bin");
    const decoded = withFetch(() => new Response(content, { headers: { "content-type": "application/octet-stream", "content-encoding": "gzip", "content-length": "133" } }));
    const events: DownloadProgress[] = [];
    await decoded.downloadTo("123", where, { onProgress: (p) => events.push(p) });
    expect(fs.readFileSync(where).equals(content)).toBe(true);
    expect(events.at(-1)).toEqual({ loaded: content.length, total: undefined });
  });
});
