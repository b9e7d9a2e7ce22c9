// How a failure to send becomes MiniMaxConnectionError, and whether it counts as "nothing sent".
import { fresh } from "../../helpers/fresh";
import { TEST_API_KEY } from "../../helpers/observed-client";
import { selfSignedCertificate, startTlsServer, type TlsServer } from "../../helpers/tls";

// Which codes mean "nothing was sent" is a top-level table: the client is loaded in each test
// (see tests/helpers/fresh.ts).
let MiniMaxFiles: typeof import("../../../src").MiniMaxFiles;
let toFile: typeof import("../../../src").toFile;
beforeEach(() => {
  ({ MiniMaxFiles, toFile } = fresh(() => require("../../../src") as typeof import("../../../src")));
});

const failWith = (error: unknown) =>
  new MiniMaxFiles({
    apiKey: "sk-0123456789abcdef",
    baseUrl: "http://127.0.0.1:9",
    maxRetries: 0,
    fetch: () => Promise.reject(error),
  });
const withCode = (code: string, nested = true) => {
  const inner = Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
  return nested ? new TypeError("fetch failed", { cause: inner }) : inner;
};

it.each([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
])("%s: nothing was sent", async (code) => {
  const error = await failWith(withCode(code))
    .upload({ file: Buffer.from("x"), filename: "a.txt", purpose: "t2a_async_input" })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false });
  expect((error as Error).message).toBe(
    `uploadFile (POST http://127.0.0.1:9/v1/files/upload) failed: connect ${code} 127.0.0.1:9`,
  );
});

it.each(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"])("%s: the request may have been sent", async (code) => {
  const error = await failWith(withCode(code))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: true });
});

it("says what failed, not fetch's wrapper: the default transport is node:http, not fetch", async () => {
  const error = await failWith(withCode("ECONNREFUSED"))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect((error as Error).message).not.toContain("fetch failed");
  const unwrapped = await failWith(withCode("ECONNREFUSED", false))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect((unwrapped as Error).message).toBe((error as Error).message);
});

it("finds the code on an AggregateError's first error (happy eyeballs), and names a code the message lacks", async () => {
  const aggregate = Object.assign(
    new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:9"), { code: "ECONNREFUSED" })], ""),
    {},
  );
  const error = await failWith(new TypeError("fetch failed", { cause: aggregate }))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ requestSent: false });
  expect((error as Error).message).toMatch(/failed: the connection failed \[ECONNREFUSED\]$/);
});

it("an error without a code may have been sent; a code-less message is kept as is", async () => {
  const error = await failWith(new Error("socket hang up"))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ requestSent: true });
  expect((error as Error).message).toMatch(/failed: socket hang up$/);
  const same = await failWith(new TypeError("boom", { cause: new Error("boom") }))
    .list({ purpose: "voice_clone" })
    .catch((e: unknown) => e);
  expect((same as Error).message).toMatch(/failed: boom$/);
});

it("a cause chain deeper than five levels is not searched forever", async () => {
  let e: Error = Object.assign(new Error("deep"), { code: "ECONNREFUSED" });
  for (let i = 0; i < 10; i++) e = new Error(`level ${i}`, { cause: e });
  const error = await failWith(e)
    .list({ purpose: "voice_clone" })
    .catch((x: unknown) => x);
  expect(error).toMatchObject({ requestSent: true });
});

it.each([
  ["connect", false],
  ["getaddrinfo", false],
  ["write", true],
])(
  "a failure of %s (ETIMEDOUT, as node:http gives for a host that never answers): sent is %s",
  async (syscall, sent) => {
    const cause = Object.assign(new Error(`${syscall} ETIMEDOUT 10.0.0.1:443`), { code: "ETIMEDOUT", syscall });
    const error = await failWith(new TypeError("fetch failed", { cause }))
      .upload({ file: Buffer.from("x"), filename: "a.txt", purpose: "t2a_async_input" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: sent });
  },
);

describe("a TLS certificate the client refuses (a real handshake with a self-signed certificate)", () => {
  let tls: TlsServer;
  beforeAll(async () => {
    tls = await startTlsServer(selfSignedCertificate());
  });
  afterAll(() => tls.close());

  it("is a MiniMaxConnectionError with requestSent false: the server saw no request", async () => {
    const error = await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: tls.url, maxRetries: 0 })
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false, retryable: true });
    expect((error as Error).message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(tls.requests).toBe(0);
  });

  it("so even an upload is tried again, and never reaches the server", async () => {
    const before = tls.refusedHandshakes;
    const error = await new MiniMaxFiles({
      apiKey: TEST_API_KEY,
      baseUrl: tls.url,
      maxRetries: 2,
      backoff: { initialDelay: 1 },
    })
      .upload({ file: toFile(Buffer.from("hello"), "a.txt"), purpose: "t2a_async_input" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxConnectionError", requestSent: false });
    expect(tls.refusedHandshakes - before).toBe(3);
    expect(tls.requests).toBe(0);
  });
});
