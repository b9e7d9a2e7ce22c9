// The built CLI against a capture server on 127.0.0.1: what it sends (headers, the key from the
// environment or --api-key), how it handles rate limits (through the client's retries), and which
// exit code and one-line message each kind of failure gets, Trace-Id included, the key never.
import { refusedUrl } from "../helpers/refused-port";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import {
  startFakeServer,
  uploadSuccess,
  type CannedResponse,
  type CapturedRequest,
  type FakeServer,
} from "../helpers/fake-server";
import { assertBuilt, exitCode, runCli, scratchDir, SECRET_KEY } from "../helpers/cli";

const dir = scratchDir("capture");
let server: FakeServer;
let answers: Array<(request: CapturedRequest) => CannedResponse>;
beforeAll(assertBuilt);
beforeEach(async () => {
  answers = [];
  // Each request gets the next answer; the last one repeats.
  server = await startFakeServer((request) => (answers.length > 1 ? answers.shift()! : answers[0]!)(request));
});
afterEach(() => server.close());

const TRACE = "trace-0123456789abcdef";
const listOk = () => ({
  headers: { "trace-id": TRACE },
  body: { files: [], base_resp: { status_code: 0, status_msg: "success" } },
});
const inBand =
  (code: number, message: string, headers: Record<string, string> = {}) =>
  () => ({
    headers: { "trace-id": TRACE, ...headers },
    body: { base_resp: { status_code: code, status_msg: message } },
  });
const cli = (args: string[], env: Record<string, string> = { MINIMAX_API_KEY: SECRET_KEY }) =>
  runCli(["--base-url", server.url, ...args], { env, cwd: dir.path });

it("sends the key from MINIMAX_API_KEY as a bearer token, and only there", async () => {
  answers = [listOk];
  const result = await cli(["list", "--purpose", "voice_clone", "--json"]);
  expect(result).toMatchObject({ code: 0, stdout: "[]\n", stderr: "" });
  expect(server.requests).toHaveLength(1);
  const [request] = server.requests;
  expect(request).toMatchObject({ method: "GET", url: "/v1/files/list?purpose=voice_clone" });
  expect(request!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
  const elsewhere = { ...request!.headers, authorization: undefined };
  expect(JSON.stringify([request!.url, elsewhere, request!.body.toString()])).not.toContain(SECRET_KEY);
});

it("--api-key wins over MINIMAX_API_KEY", async () => {
  answers = [listOk];
  const result = await cli(["list", "--purpose", "voice_clone", "--api-key", `${SECRET_KEY}-flag`]);
  expect(result.code).toBe(0);
  expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET_KEY}-flag`);
});

it("never prints the key, even when the server echoes it back in its error", async () => {
  answers = [inBand(1004, `authorization Bearer ${SECRET_KEY} is not valid; key ${SECRET_KEY}`)];
  for (const args of [
    ["list", "--purpose", "voice_clone"],
    ["list", "--purpose", "voice_clone", "--json"],
  ]) {
    const fromEnv = await cli(args);
    const fromFlag = await cli([...args, "--api-key", SECRET_KEY], {});
    for (const result of [fromEnv, fromFlag]) {
      expect(result.code).toBe(exitCode("auth"));
      // With --json the error is also the document on stdout, scrubbed the same way.
      if (args.includes("--json"))
        expect(JSON.parse(result.stdout).error).toMatchObject({
          kind: "auth",
          message: expect.stringContaining("Bearer [REDACTED] is not valid; key [REDACTED]"),
        });
      else expect(result.stdout).toBe("");
      expect(result.stdout).not.toContain(SECRET_KEY);
      expect(result.stderr).toMatch(
        new RegExp(
          `^minimax-files: listFiles \\(GET ${server.url}/v1/files/list\\?purpose=voice_clone\\) failed: MiniMax status 1004 "authorization Bearer \\[REDACTED\\] is not valid; key \\[REDACTED\\]"\\. Please check your api key.* \\(Trace-Id ${TRACE}\\)\\n$`,
        ),
      );
      expect(result.stderr).not.toContain(SECRET_KEY);
    }
  }
});

describe("rate limits: retried by the client", () => {
  it("1002 twice, then a success: exit 0 after three requests", async () => {
    answers = [
      inBand(1002, "rate limit", { "retry-after-ms": "10" }),
      inBand(1002, "rate limit", { "retry-after-ms": "10" }),
      listOk,
    ];
    const result = await cli(["list", "--purpose", "voice_clone"]);
    expect(result).toMatchObject({ code: 0, stdout: "no files with purpose voice_clone\n", stderr: "" });
    expect(server.requests).toHaveLength(3);
  });

  it("an upload refused with 1002 (not processed) is sent again, whole, and succeeds", async () => {
    const file = dir.write("retry.txt", "sent twice\n");
    answers = [
      inBand(1002, "rate limit", { "retry-after-ms": "10" }),
      () => ({ body: uploadSuccess("retry.txt", 11, "t2a_async_input") }),
    ];
    const result = await cli(["upload", file, "--purpose", "t2a_async_input", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].file.file_id).toBe(String(uploadSuccess("", 0, "").file.file_id));
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) expect(request.body.toString()).toContain("sent twice\n");
  });

  it("429 until the retries run out: the rate-limit exit code, after 1 + --max-retries requests, with the Trace-Id", async () => {
    answers = [
      () => ({ status: 429, headers: { "trace-id": TRACE, "retry-after": "0" }, body: { error: "slow down" } }),
    ];
    const file = dir.write("limited.txt", "x\n");
    const result = await cli(["upload", file, "--purpose", "t2a_async_input", "--max-retries", "1", "--json"]);
    expect(result.code).toBe(exitCode("rate_limit"));
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        path: file,
        error: {
          kind: "rate_limit",
          exitCode: exitCode("rate_limit"),
          name: "RateLimitError",
          message: expect.stringContaining(`HTTP 429`),
          traceId: TRACE,
        },
      },
    ]);
    expect(result.stderr).toMatch(
      new RegExp(`^minimax-files: ${file}: uploadFile .* failed: HTTP 429.*\\(Trace-Id ${TRACE}\\)\\n$`),
    );
  });
});

describe("each kind of failure gets its exit code and one line", () => {
  it.each<[string, () => CannedResponse, string, RegExp]>([
    [
      "HTTP 500",
      () => ({ status: 500, headers: { "trace-id": TRACE }, body: "boom" }),
      "server",
      /failed: HTTP 500.*\(Trace-Id trace-0123456789abcdef\)$/,
    ],
    [
      "base_resp 1000 (unknown error)",
      inBand(1000, "unknown error"),
      "server",
      /failed: MiniMax status 1000 "unknown error"\..*\(Trace-Id trace-0123456789abcdef\)$/,
    ],
    [
      "a 200 that is not JSON",
      () => ({ headers: { "content-type": "text/html", "trace-id": TRACE }, body: "<html>" }),
      "server",
      /answered HTTP 200 with .*\(Trace-Id trace-0123456789abcdef\)$/,
    ],
    ["HTTP 403", () => ({ status: 403, headers: { "trace-id": TRACE }, body: {} }), "auth", /failed: HTTP 403/],
    [
      "base_resp 2013 (invalid params)",
      inBand(2013, "invalid params"),
      "refused",
      /failed: MiniMax status 2013 "invalid params"/,
    ],
    ["base_resp 1008 (balance)", inBand(1008, "insufficient balance"), "refused", /failed: MiniMax status 1008/],
  ])("%s", async (_, answer, kind, message) => {
    answers = [answer];
    const result = await cli(["retrieve", "302892389810432", "--max-retries", "0"]);
    expect(result.code).toBe(exitCode(kind as Parameters<typeof exitCode>[0]));
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines).toHaveLength(2); // one line, then the final newline
    expect(lines[0]).toMatch(
      /^minimax-files: retrieveFile \(GET http:\/\/127\.0\.0\.1:\d+\/v1\/files\/retrieve\?file_id=302892389810432\) /,
    );
    expect(lines[0]).toMatch(message);
  });

  it("a refused connection: the network exit code", async () => {
    const result = await runCli(
      ["list", "--purpose", "voice_clone", "--base-url", await refusedUrl(), "--max-retries", "0"],
      { env: { MINIMAX_API_KEY: SECRET_KEY } },
    );
    expect(result.code).toBe(exitCode("network"));
    expect(result.stderr).toMatch(/^minimax-files: listFiles \(GET .*\) failed: .*ECONNREFUSED.*\n$/);
  });

  it("a server that never answers: --timeout ends it with the network exit code", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const result = await runCli(
        ["list", "--purpose", "voice_clone", "--base-url", `http://127.0.0.1:${port}`, "--timeout", "300"],
        { env: { MINIMAX_API_KEY: SECRET_KEY } },
      );
      expect(result.code).toBe(exitCode("network"));
      expect(result.stderr).toMatch(/^minimax-files: listFiles \(GET .*\) timed out after 300 ms\n$/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("--json: one document on stdout, also when the command fails", () => {
  it.each<[string, string[], () => CannedResponse, string]>([
    [
      "list, HTTP 500",
      ["list", "--purpose", "voice_clone"],
      () => ({ status: 500, headers: { "trace-id": TRACE }, body: "boom" }),
      "server",
    ],
    ["retrieve, refused", ["retrieve", "302892389810432"], inBand(2013, "invalid params"), "refused"],
    [
      "download, HTTP 500",
      ["download", "302892389810432", "-o", "out.bin"],
      () => ({ status: 500, headers: { "trace-id": TRACE }, body: "boom" }),
      "server",
    ],
  ])("%s", async (_, args, answer, kind) => {
    answers = [answer];
    const result = await cli([...args, "--json", "--max-retries", "0"]);
    expect(result.code).toBe(exitCode(kind as Parameters<typeof exitCode>[0]));
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        kind,
        exitCode: result.code,
        name: expect.any(String),
        message: expect.stringContaining("failed"),
        traceId: TRACE,
      },
    });
    // The error line stays on stderr.
    expect(result.stderr).toMatch(/^minimax-files: .*failed.*\n$/);
  });

  it("no key: the auth error as the document, the key not shown", async () => {
    const result = await cli(["list", "--purpose", "voice_clone", "--json"], {});
    expect(result.code).toBe(exitCode("auth"));
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        kind: "auth",
        exitCode: exitCode("auth"),
        name: "MiniMaxConfigError",
        message: expect.stringContaining("MINIMAX_API_KEY"),
      },
    });
  });

  it("a path holding the key is scrubbed in the document", async () => {
    const file = dir.write(`${SECRET_KEY}.txt`, "x\n");
    answers = [() => ({ status: 400, body: {} })];
    const result = await cli(["upload", file, "--purpose", "t2a_async_input", "--json", "--max-retries", "0"]);
    expect(result.stdout).not.toContain(SECRET_KEY);
    expect(JSON.parse(result.stdout)[0].path).toBe(file.replace(SECRET_KEY, "[REDACTED]"));
  });

  it("a download destination holding the key is scrubbed in the document", async () => {
    answers = [
      () => ({ headers: { "content-type": "application/octet-stream" }, body: new TextEncoder().encode("hello") }),
    ];
    const result = await cli([
      "download",
      "302892389810432",
      "-o",
      `${SECRET_KEY}.bin`,
      "--json",
      "--max-retries",
      "0",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(SECRET_KEY);
    expect(JSON.parse(result.stdout)).toEqual({
      file_id: "302892389810432",
      path: path.join(dir.path, "[REDACTED].bin"),
      bytes: 5,
    });
  });
});

describe("text from the server is escaped before it reaches a terminal", () => {
  const HOSTILE = "a\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007fb.txt";
  const SHOWN = "a\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7fb.txt";
  const record = (filename: string) => ({
    file_id: 302892389810432,
    bytes: 5,
    created_at: 1700000000,
    filename,
    purpose: "t2a_async_input",
  });
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

  it("in the list table, the retrieve record and error lines", async () => {
    answers = [() => ({ body: { files: [record(HOSTILE)], base_resp: { status_code: 0, status_msg: "success" } } })];
    const listed = await cli(["list", "--purpose", "t2a_async_input"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(SHOWN);
    expect(listed.stdout).not.toMatch(CONTROL);

    answers = [() => ({ body: { file: record(HOSTILE), base_resp: { status_code: 0, status_msg: "success" } } })];
    const retrieved = await cli(["retrieve", "302892389810432"]);
    expect(retrieved.stdout).toContain(`filename:   ${SHOWN}\n`);
    expect(retrieved.stdout).not.toMatch(CONTROL);

    answers = [inBand(2013, HOSTILE)];
    const failed = await cli(["retrieve", "302892389810432"]);
    expect(failed.stderr).toContain(SHOWN);
    expect(failed.stderr).not.toMatch(CONTROL);

    // --json: C0 escaped by JSON itself, DEL and C1 too, and the value unchanged once parsed.
    answers = [() => ({ body: { file: record(HOSTILE), base_resp: { status_code: 0, status_msg: "success" } } })];
    const json = await cli(["retrieve", "302892389810432", "--json"]);
    expect(json.stdout).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout).filename).toBe(HOSTILE);
  });

  it("download without -o: a stored name with path separators or control characters is saved under a safe name", async () => {
    const folder = fs.mkdtempSync(path.join(dir.path, "named-"));
    answers = [
      () => ({ body: { file: record(`../up\\x\u001b[2J.txt`), base_resp: { status_code: 0, status_msg: "success" } } }),
      () => ({ headers: { "content-type": "application/octet-stream" }, body: "hello" }),
    ];
    const result = await runCli(["--base-url", server.url, "download", "302892389810432"], {
      env: { MINIMAX_API_KEY: SECRET_KEY },
      cwd: folder,
    });
    expect(result.code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual([".._up_x_[2J.txt"]);
    expect(fs.readdirSync(path.dirname(folder))).not.toContain("up");
    expect(result.stdout).not.toMatch(CONTROL);
  });
});

it("delete reports the id it was asked to delete, not the one the server echoes (Prism's mock echoes its example)", async () => {
  answers = [() => ({ body: { file_id: 302892389810432, base_resp: { status_code: 0, status_msg: "success" } } })];
  const human = await cli(["delete", "1", "--purpose", "voice_clone"]);
  expect(human).toMatchObject({ code: 0, stdout: "deleted 1\n", stderr: "" });
  const json = await cli(["delete", "1", "--purpose", "voice_clone", "--json"]);
  expect(JSON.parse(json.stdout)).toEqual([{ file_id: "1", deleted: true }]);
});
