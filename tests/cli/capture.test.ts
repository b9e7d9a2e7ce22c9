// The built CLI against a capture server on 127.0.0.1: what it sends (headers, the key from the
// environment or --api-key), how it handles rate limits (through the client's retries), and which
// exit code and one-line message each kind of failure gets, Trace-Id included, the key never.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startFakeServer, uploadSuccess, type CannedResponse, type CapturedRequest, type FakeServer } from "../helpers/fake-server";
import { assertBuilt, exitCode, runCli, scratchDir, SECRET_KEY } from "./helpers/cli";

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
const listOk = () => ({ headers: { "trace-id": TRACE }, body: { files: [], base_resp: { status_code: 0, status_msg: "success" } } });
const inBand = (code: number, message: string, headers: Record<string, string> = {}) => () => ({ headers: { "trace-id": TRACE, ...headers }, body: { base_resp: { status_code: code, status_msg: message } } });
const cli = (args: string[], env: Record<string, string> = { MINIMAX_API_KEY: SECRET_KEY }) => runCli(["--base-url", server.url, ...args], { env, cwd: dir.path });

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
  for (const args of [["list", "--purpose", "voice_clone"], ["list", "--purpose", "voice_clone", "--json"]]) {
    const fromEnv = await cli(args);
    const fromFlag = await cli([...args, "--api-key", SECRET_KEY], {});
    for (const result of [fromEnv, fromFlag]) {
      expect(result.code).toBe(exitCode("auth"));
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(new RegExp(`^minimax-files: listFiles \\(GET ${server.url}/v1/files/list\\?purpose=voice_clone\\) failed: MiniMax status 1004 "authorization Bearer \\[REDACTED\\] is not valid; key \\[REDACTED\\]"\\. Please check your api key.* \\(Trace-Id ${TRACE}\\)\\n$`));
      expect(result.stderr).not.toContain(SECRET_KEY);
    }
  }
});

describe("rate limits: retried by the client", () => {
  it("1002 twice, then a success: exit 0 after three requests", async () => {
    answers = [inBand(1002, "rate limit", { "retry-after-ms": "10" }), inBand(1002, "rate limit", { "retry-after-ms": "10" }), listOk];
    const result = await cli(["list", "--purpose", "voice_clone"]);
    expect(result).toMatchObject({ code: 0, stdout: "no files with purpose voice_clone\n", stderr: "" });
    expect(server.requests).toHaveLength(3);
  });

  it("an upload refused with 1002 (not processed) is sent again, whole, and succeeds", async () => {
    const file = dir.write("retry.txt", "sent twice\n");
    answers = [inBand(1002, "rate limit", { "retry-after-ms": "10" }), () => ({ body: uploadSuccess("retry.txt", 11, "t2a_async_input") })];
    const result = await cli(["upload", file, "--purpose", "t2a_async_input", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[0].file.file_id).toBe(String(uploadSuccess("", 0, "").file.file_id));
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) expect(request.body.toString()).toContain("sent twice\n");
  });

  it("429 until the retries run out: the rate-limit exit code, after 1 + --max-retries requests, with the Trace-Id", async () => {
    answers = [() => ({ status: 429, headers: { "trace-id": TRACE, "retry-after": "0" }, body: { error: "slow down" } })];
    const file = dir.write("limited.txt", "x\n");
    const result = await cli(["upload", file, "--purpose", "t2a_async_input", "--max-retries", "1", "--json"]);
    expect(result.code).toBe(exitCode("rate_limit"));
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(result.stdout)).toEqual([{ path: file, error: { kind: "rate_limit", exitCode: exitCode("rate_limit"), name: "RateLimitError", message: expect.stringContaining(`HTTP 429`), traceId: TRACE } }]);
    expect(result.stderr).toMatch(new RegExp(`^minimax-files: ${file}: uploadFile .* failed: HTTP 429.*\\(Trace-Id ${TRACE}\\)\\nminimax-files: 1 of 1 uploads failed: ${file}\\n$`));
  });
});

describe("each kind of failure gets its exit code and one line", () => {
  it.each<[string, () => CannedResponse, string, RegExp]>([
    ["HTTP 500", () => ({ status: 500, headers: { "trace-id": TRACE }, body: "boom" }), "server", /failed: HTTP 500.*\(Trace-Id trace-0123456789abcdef\)$/],
    ["base_resp 1000 (unknown error)", inBand(1000, "unknown error"), "server", /failed: MiniMax status 1000 "unknown error"\..*\(Trace-Id trace-0123456789abcdef\)$/],
    ["a 200 that is not JSON", () => ({ headers: { "content-type": "text/html", "trace-id": TRACE }, body: "<html>" }), "server", /answered HTTP 200 with .*\(Trace-Id trace-0123456789abcdef\)$/],
    ["HTTP 403", () => ({ status: 403, headers: { "trace-id": TRACE }, body: {} }), "auth", /failed: HTTP 403/],
    ["base_resp 2013 (invalid params)", inBand(2013, "invalid params"), "refused", /failed: MiniMax status 2013 "invalid params"/],
    ["base_resp 1008 (balance)", inBand(1008, "insufficient balance"), "refused", /failed: MiniMax status 1008/],
  ])("%s", async (_, answer, kind, message) => {
    answers = [answer];
    const result = await cli(["retrieve", "302892389810432", "--max-retries", "0"]);
    expect(result.code).toBe(exitCode(kind as Parameters<typeof exitCode>[0]));
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines).toHaveLength(2); // one line, then the final newline
    expect(lines[0]).toMatch(/^minimax-files: retrieveFile \(GET http:\/\/127\.0\.0\.1:\d+\/v1\/files\/retrieve\?file_id=302892389810432\) /);
    expect(lines[0]).toMatch(message);
  });

  it("a refused connection: the network exit code", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", `http://127.0.0.1:${port}`, "--max-retries", "0"], { env: { MINIMAX_API_KEY: SECRET_KEY } });
    expect(result.code).toBe(exitCode("network"));
    expect(result.stderr).toMatch(/^minimax-files: listFiles \(GET .*\) failed: .*ECONNREFUSED.*\n$/);
  });

  it("a server that never answers: --timeout ends it with the network exit code", async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", `http://127.0.0.1:${port}`, "--timeout", "300"], { env: { MINIMAX_API_KEY: SECRET_KEY } });
      expect(result.code).toBe(exitCode("network"));
      expect(result.stderr).toMatch(/^minimax-files: listFiles \(GET .*\) timed out after 300 ms\n$/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
