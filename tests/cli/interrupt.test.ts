// Ctrl-C (SIGINT) or SIGTERM in the middle of a transfer: the CLI aborts the call through the
// client's signal, leaves no partial download (and an existing file as it was), and exits 128 + the
// signal's number (130 for SIGINT). The server sends part of the body, or reads the upload, then stalls.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { assertBuilt, exitCode, scratchDir, SECRET_KEY, startCli, waitFor } from "./helpers/cli";

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

it.each<NodeJS.Signals>(["SIGINT", "SIGTERM"])("%s during a download: the partial file is removed, the existing one kept, exit 128 + signal", async (signal) => {
  const folder = fs.mkdtempSync(path.join(dir.path, "download-"));
  const destination = path.join(folder, "speech.mp3");
  fs.writeFileSync(destination, "the file that was there before");
  const run = startCli(["download", "302892389810432", "-o", destination, "--base-url", url], { env });
  // The temporary file next to the destination has received bytes: the download is under way.
  await waitFor("the partial download", () => fs.readdirSync(folder).some((f) => f.endsWith(".download") && fs.statSync(path.join(folder, f)).size > 0));
  run.child.kill(signal);
  const result = await run.done;
  expect(result.code).toBe(128 + os.constants.signals[signal]);
  if (signal === "SIGINT") expect(result.code).toBe(exitCode("interrupted"));
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`minimax-files: interrupted by ${signal}: cancelled what was in flight\n`);
  expect(fs.readdirSync(folder)).toEqual(["speech.mp3"]);
  expect(fs.readFileSync(destination, "utf8")).toBe("the file that was there before");
});

it("SIGINT during an upload: exit 130, and the run says what was cut short", async () => {
  const file = dir.write("big.txt", Buffer.alloc(8 * 1024 * 1024, 97));
  const run = startCli(["upload", file, "--purpose", "t2a_async_input", "--base-url", url, "--json"], { env });
  await waitFor("the upload to reach the server", () => requests.includes("POST /v1/files/upload"));
  run.child.kill("SIGINT");
  const result = await run.done;
  expect(result.code).toBe(exitCode("interrupted"));
  // --json still gives its one document: the file, and why it was not uploaded.
  expect(JSON.parse(result.stdout)).toEqual([{ path: file, error: expect.objectContaining({ kind: "interrupted", name: "MiniMaxAbortError" }) }]);
  expect(result.stderr).toMatch(new RegExp(`^minimax-files: ${file}: uploadFile \\(POST ${url}/v1/files/upload\\) was aborted by its signal\\n`));
  expect(result.stderr).toMatch(/\nminimax-files: interrupted by SIGINT: cancelled what was in flight\n$/);
  expect(requests).toEqual(["POST /v1/files/upload"]);
});
