import { MiniMaxFiles, REGION_BASE_URLS } from "../../src";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer(() => ({ body: { files: [], base_resp: { status_code: 0, status_msg: "success" } } }));
});
afterEach(() => server.close());

const savedKey = process.env["MINIMAX_API_KEY"];
afterEach(() => {
  if (savedKey === undefined) delete process.env["MINIMAX_API_KEY"];
  else process.env["MINIMAX_API_KEY"] = savedKey;
});

/** A fetch that records the URLs it was asked for and answers like MiniMax, without a network. */
function recordingFetch() {
  const urls: string[] = [];
  const fetch = async (request: Request) => {
    urls.push(request.url);
    return new Response(JSON.stringify({ files: [], base_resp: { status_code: 0 } }), { headers: { "content-type": "application/json" } });
  };
  return { urls, fetch };
}

it("reads the key from MINIMAX_API_KEY by default", async () => {
  process.env["MINIMAX_API_KEY"] = "sk-from-env";
  await new MiniMaxFiles({ baseUrl: server.url }).list({ purpose: "voice_clone" });
  expect(server.requests[0]?.headers["authorization"]).toBe("Bearer sk-from-env");
});

it("prefers the apiKey option to the environment", async () => {
  process.env["MINIMAX_API_KEY"] = "sk-from-env";
  await new MiniMaxFiles({ apiKey: "sk-option", baseUrl: server.url }).list({ purpose: "voice_clone" });
  expect(server.requests[0]?.headers["authorization"]).toBe("Bearer sk-option");
});

it.each([[undefined], [""], ["   "]])("fails fast without a key (%p), naming the option and the variable", (key) => {
  delete process.env["MINIMAX_API_KEY"];
  const make = () => new MiniMaxFiles({ apiKey: key });
  expect(make).toThrow(expect.objectContaining({ name: "MiniMaxConfigError", option: "apiKey", message: expect.stringContaining("MINIMAX_API_KEY") }));
});

it.each([[123], [{ key: "sk" }], [["sk"]]])("a key that is not a string (%p) is a MiniMaxConfigError, not a TypeError", (key) => {
  expect(() => new MiniMaxFiles({ apiKey: key as never })).toThrow(expect.objectContaining({ name: "MiniMaxConfigError", option: "apiKey", message: expect.stringMatching(/^apiKey must be a string/) }));
});

it("rejects a key that cannot be a header value without echoing it", () => {
  const key = "sk-secret-value\nX-Injected: 1";
  let error: unknown;
  try {
    new MiniMaxFiles({ apiKey: key });
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({ name: "MiniMaxConfigError", option: "apiKey" });
  expect(String(error)).not.toContain("sk-secret-value");
});

it.each([
  [{}, "https://api.minimax.io"],
  [{ region: "global" as const }, "https://api.minimax.io"],
  [{ region: "cn" as const }, "https://api.minimaxi.com"],
  [{ baseUrl: "http://127.0.0.1:4010/" }, "http://127.0.0.1:4010"],
  [{ baseUrl: "https://proxy.example/minimax" }, "https://proxy.example/minimax"],
])("resolves %p to %s and sends requests there", async (options, expected) => {
  const { fetch, urls } = recordingFetch();
  const client = new MiniMaxFiles({ apiKey: "k", fetch, ...options });
  expect(client.baseUrl).toBe(expected);
  await client.list({ purpose: "voice_clone" });
  expect(urls).toEqual([`${expected}/v1/files/list?purpose=voice_clone`]);
});

it.each([
  [{ region: "eu" }, "region"],
  [{ region: "cn", baseUrl: "https://api.minimaxi.com" }, "region"],
  [{ baseUrl: "api.minimax.io" }, "baseUrl"],
  [{ baseUrl: "ftp://api.minimax.io" }, "baseUrl"],
  [{ baseUrl: "https://user:pw@api.minimax.io" }, "baseUrl"],
  [{ fetch: "not a function" }, "fetch"],
  [{ timeout: 0 }, "timeout"],
  [{ timeout: Infinity }, "timeout"],
  [{ timeout: 2 ** 31 }, "timeout"],
  [{ maxRetries: -1 }, "maxRetries"],
  [{ maxRetries: 0.5 }, "maxRetries"],
  [{ backoff: 5 }, "backoff"],
  [{ backoff: { initialDelay: -1 } }, "backoff.initialDelay"],
  [{ backoff: { maxRetryAfter: "60s" } }, "backoff.maxRetryAfter"],
])("rejects options %p, naming %s", (options, option) => {
  expect(() => new MiniMaxFiles({ apiKey: "k", ...(options as object) })).toThrow(expect.objectContaining({ name: "MiniMaxConfigError", option }));
});

it("rejects options that are not an object", () => {
  expect(() => new MiniMaxFiles(null as never)).toThrow(expect.objectContaining({ name: "MiniMaxConfigError", option: "options" }));
});

it("REGION_BASE_URLS lists both regions' documented servers", () => {
  expect(REGION_BASE_URLS).toEqual({ global: "https://api.minimax.io", cn: "https://api.minimaxi.com" });
});

it("client-level timeout and maxRetries apply to every call; per-call options override them", async () => {
  let calls = 0;
  const failing = async () => {
    calls++;
    return new Response("{}", { status: 503, headers: { "content-type": "application/json" } });
  };
  const files = new MiniMaxFiles({ apiKey: "k", fetch: failing, maxRetries: 1, backoff: { initialDelay: 1 } });
  await expect(files.list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "InternalServerError" });
  expect(calls).toBe(2);
  calls = 0;
  await expect(files.list({ purpose: "voice_clone" }, { maxRetries: 3 })).rejects.toMatchObject({ name: "InternalServerError" });
  expect(calls).toBe(4);
  const hanging = new MiniMaxFiles({ apiKey: "k", fetch: () => new Promise<Response>(() => undefined), timeout: 40 });
  await expect(hanging.list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "MiniMaxTimeoutError", timeout: 40 });
  await expect(hanging.list({ purpose: "voice_clone" }, { timeout: 20 })).rejects.toMatchObject({ name: "MiniMaxTimeoutError", timeout: 20 });
});
