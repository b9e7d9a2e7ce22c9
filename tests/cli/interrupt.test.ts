// Ctrl-C (SIGINT), SIGTERM or SIGHUP in the middle of a transfer: the CLI aborts the call through
// the client's signal, leaves no partial download (and an existing file as it was), and exits 128 +
// the signal's number (130 for SIGINT). The server sends part of the body, or reads the upload (or
// a delete), then stalls. A second signal ends the run at once, still leaving nothing behind; a
// batch stops taking items at the first.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { assertBuilt, exitCode, scratchDir, SECRET_KEY, startCli, waitFor } from "../helpers/cli";

const dir = scratchDir("interrupt");
let server: http.Server;
let url: string;
let requests: string[];
beforeAll(assertBuilt);
beforeEach(async () => {
  requests = [];
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url?.startsWith("/v1/files/retrieve_content")) {
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(10 * 1024 * 1024) });
      // More than the client writes at once (1 MiB), so the temporary file gets bytes; then nothing more.
      res.write(Buffer.alloc(3 * 1024 * 1024, 1));
    } else req.resume(); // an upload: read it, never answer
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const env = { MINIMAX_API_KEY: SECRET_KEY };

it.each<NodeJS.Signals>(["SIGINT", "SIGTERM", "SIGHUP"])(
  "%s during a download: the partial file is removed, the existing one kept, exit 128 + signal",
  async (signal) => {
    const folder = fs.mkdtempSync(path.join(dir.path, "download-"));
    const destination = path.join(folder, "speech.mp3");
    fs.writeFileSync(destination, "the file that was there before");
    const run = startCli(["download", "302892389810432", "-o", destination, "--base-url", url], { env });
    // The temporary file next to the destination has received bytes: the download is under way.
    await waitFor("the partial download", () =>
      fs.readdirSync(folder).some((f) => f.endsWith(".download") && fs.statSync(path.join(folder, f)).size > 0),
    );
    run.child.kill(signal);
    const result = await run.done;
    expect(result.code).toBe(128 + os.constants.signals[signal]);
    if (signal === "SIGINT") expect(result.code).toBe(exitCode("interrupted"));
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`minimax-files: interrupted by ${signal}: cancelled what was in flight\n`);
    expect(fs.readdirSync(folder)).toEqual(["speech.mp3"]);
    expect(fs.readFileSync(destination, "utf8")).toBe("the file that was there before");
  },
);

it("SIGINT during an upload: exit 130, and the run says what was cut short", async () => {
  const file = dir.write("big.txt", Buffer.alloc(8 * 1024 * 1024, 97));
  const run = startCli(["upload", file, "--purpose", "t2a_async_input", "--base-url", url, "--json"], { env });
  await waitFor("the upload to reach the server", () => requests.includes("POST /v1/files/upload"));
  run.child.kill("SIGINT");
  const result = await run.done;
  expect(result.code).toBe(exitCode("interrupted"));
  // --json still gives its one document: the file, and why it was not uploaded.
  expect(JSON.parse(result.stdout)).toEqual([
    { path: file, error: expect.objectContaining({ kind: "interrupted", name: "MiniMaxAbortError" }) },
  ]);
  // An operator's words, not the library's ("was aborted by its signal").
  expect(result.stderr).toMatch(new RegExp(`^minimax-files: ${file}: cancelled \\(Ctrl-C\\)\\n`));
  expect(result.stderr).toMatch(/\nminimax-files: interrupted by SIGINT: cancelled what was in flight\n$/);
  expect(requests).toEqual(["POST /v1/files/upload"]);
});

it("a second signal during the first one's cleanup: exits at once, with no partial download left", async () => {
  const folder = fs.mkdtempSync(path.join(dir.path, "twice-"));
  const destination = path.join(folder, "speech.mp3");
  const run = startCli(["download", "302892389810432", "-o", destination, "--base-url", url], { env });
  await waitFor("the partial download", () =>
    fs.readdirSync(folder).some((f) => f.endsWith(".download") && fs.statSync(path.join(folder, f)).size > 0),
  );
  // Two different signals (two of the same may merge into one): the second comes before the first's asynchronous cleanup ran.
  run.child.kill("SIGINT");
  run.child.kill("SIGTERM");
  const result = await run.done;
  expect([exitCode("interrupted"), 128 + os.constants.signals.SIGTERM]).toContain(result.code);
  expect(fs.readdirSync(folder)).toEqual([]);
});

it("a second signal with --mock: the sandbox's folder is removed all the same", async () => {
  const tmp = fs.mkdtempSync(path.join(dir.path, "mocktmp-"));
  const file = dir.write("mock-big.txt", Buffer.alloc(64 * 1024 * 1024, 97));
  const run = startCli(["upload", file, "--purpose", "t2a_async_input", "--mock"], { env: { TMPDIR: tmp } });
  await waitFor("the sandbox's folder", () => fs.readdirSync(tmp).some((f) => f.startsWith("minimax-sandbox-")));
  run.child.kill("SIGINT");
  run.child.kill("SIGTERM");
  await run.done;
  expect(fs.readdirSync(tmp)).toEqual([]);
});

it("SIGTERM during a batch upload: no file is started after it, the ones never sent say so, and the exit code is SIGTERM's", async () => {
  const files = Array.from({ length: 8 }, (_, i) => dir.write(`f${i + 1}.txt`, `file ${i + 1}\n`));
  const run = startCli(
    [
      "upload",
      ...files,
      "--purpose",
      "t2a_async_input",
      "--base-url",
      url,
      "--concurrency",
      "2",
      "--json",
      "--max-retries",
      "0",
    ],
    { env },
  );
  await waitFor("two uploads to reach the server", () => requests.length === 2);
  run.child.kill("SIGTERM");
  const result = await run.done;
  const sigterm = 128 + os.constants.signals.SIGTERM;
  expect(result.code).toBe(sigterm);
  expect(requests).toEqual(["POST /v1/files/upload", "POST /v1/files/upload"]);
  expect(JSON.parse(result.stdout)).toEqual([
    ...files.slice(0, 2).map((file) => ({
      path: file,
      error: expect.objectContaining({ kind: "interrupted", exitCode: sigterm, name: "MiniMaxAbortError" }),
    })),
    ...files.slice(2).map((file) => ({ path: file, skipped: "interrupted" })),
  ]);
  const lines = result.stderr.trimEnd().split("\n");
  // An error line for each upload in flight, none for those never started; no "failed" summary.
  expect(lines.filter((l) => l.endsWith(": cancelled (SIGTERM)"))).toHaveLength(2);
  expect(result.stderr).not.toContain("uploads failed");
  expect(lines.at(-2)).toBe(
    `minimax-files: 0 of 8 uploads done, 2 interrupted (${files.slice(0, 2).join(", ")}), 6 not started (${files.slice(2).join(", ")})`,
  );
  expect(lines.at(-1)).toBe("minimax-files: interrupted by SIGTERM: cancelled what was in flight");
});

it("SIGINT during deletes: the ids after it are not sent", async () => {
  const run = startCli(
    ["delete", "1", "2", "3", "--purpose", "voice_clone", "--base-url", url, "--json", "--max-retries", "0"],
    { env },
  );
  await waitFor("the first delete to reach the server", () => requests.length === 1);
  run.child.kill("SIGINT");
  const result = await run.done;
  expect(result.code).toBe(exitCode("interrupted"));
  expect(requests).toEqual(["POST /v1/files/delete"]);
  expect(JSON.parse(result.stdout)).toEqual([
    { file_id: "1", error: expect.objectContaining({ kind: "interrupted", exitCode: exitCode("interrupted") }) },
    { file_id: "2", skipped: "interrupted" },
    { file_id: "3", skipped: "interrupted" },
  ]);
  expect(result.stderr).toMatch(
    /\nminimax-files: 0 of 3 deletes done, 1 interrupted \(1\), 2 not started \(2, 3\)\nminimax-files: interrupted by SIGINT: cancelled what was in flight\n$/,
  );
});

it("--json: an interrupted download still prints one document, the error with the signal's exit code", async () => {
  const folder = fs.mkdtempSync(path.join(dir.path, "json-"));
  const run = startCli(["download", "302892389810432", "-o", path.join(folder, "x"), "--base-url", url, "--json"], {
    env,
  });
  await waitFor("the partial download", () => fs.readdirSync(folder).some((f) => f.endsWith(".download")));
  run.child.kill("SIGHUP");
  const result = await run.done;
  expect(result.code).toBe(128 + os.constants.signals.SIGHUP);
  expect(JSON.parse(result.stdout)).toEqual({
    error: { kind: "interrupted", exitCode: result.code, name: "Interrupted", message: "interrupted by SIGHUP" },
  });
  expect(fs.readdirSync(folder)).toEqual([]);
});
