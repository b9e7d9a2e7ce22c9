// The API key never appears in an error's message, stack, JSON or inspection, wherever a server
// or a transport echoes it; and redaction never mangles messages for keys too short to be secret.
// Each case asserts that the echo was really there to redact ([REDACTED] in its place), so
// removing redaction turns these tests red.
import { refusedUrl } from "../helpers/refused-port";
import { inspect } from "node:util";
import { MiniMaxError, MiniMaxFiles } from "../../src";
import { startFakeServer, type CannedResponse, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";

let server: FakeServer;
let reply: CannedResponse;
beforeEach(async () => {
  server = await startFakeServer((req) =>
    typeof reply === "function"
      ? (reply as (h: string) => CannedResponse)(String(req.headers["authorization"]))
      : reply,
  );
});
afterEach(() => server.close());

const client = (apiKey = TEST_API_KEY, options = {}) =>
  new MiniMaxFiles({ apiKey, baseUrl: server.url, maxRetries: 0, ...options });
/** A server that quotes the request's Authorization header back, the way it is quoted in `make`. */
const echo = (make: (auth: string) => CannedResponse) => {
  reply = make as unknown as CannedResponse;
};
const everywhere = (value: unknown) => [
  String(value),
  (value as Error).stack ?? "",
  JSON.stringify(value),
  inspect(value, { depth: 10, showHidden: true }),
];

function expectRedacted(error: unknown, key = TEST_API_KEY) {
  expect(error).toBeInstanceOf(MiniMaxError);
  for (const text of everywhere(error)) expect(text).not.toContain(key);
  expect(inspect(error, { depth: 10 })).toContain("[REDACTED]");
}

describe("a long key echoed back is redacted", () => {
  it.each<[string, (auth: string) => CannedResponse]>([
    [
      "in a 401 JSON body (title and nested header copy)",
      (auth) => ({
        status: 401,
        body: { title: `${auth} is not valid`, detail: { headers: { authorization: auth } } },
      }),
    ],
    [
      "in a 500 text body",
      (auth) => ({ status: 500, headers: { "content-type": "text/plain" }, body: `upstream refused ${auth}` }),
    ],
    [
      "in base_resp.status_msg",
      (auth) => ({ body: { base_resp: { status_code: 2049, status_msg: `invalid api key ${auth.slice(7)}` } } }),
    ],
    ["in a 200 that is not JSON", (auth) => ({ headers: { "content-type": "text/plain" }, body: `proxy saw ${auth}` })],
  ])("%s", async (_, make) => {
    echo(make);
    expectRedacted(
      await client()
        .retrieve(42)
        .catch((e: unknown) => e),
    );
  });

  it.each<[string, (auth: string) => CannedResponse]>([
    ["a 2xx array body", (auth) => ({ body: [auth] })],
    ["a file field that is a string", (auth) => ({ body: { file: auth, base_resp: { status_code: 0 } } })],
    [
      "a file's field holding it",
      (auth) => ({
        body: {
          file: { file_id: 1, bytes: auth, created_at: 1, filename: "a", purpose: "b" },
          base_resp: { status_code: 0 },
        },
      }),
    ],
    ["a status_code holding it", (auth) => ({ body: { base_resp: { status_code: auth } } })],
    ["a file_id holding it", (auth) => ({ body: { file: { file_id: auth }, base_resp: { status_code: 0 } } })],
  ])("in a MiniMaxResponseError quoting %s", async (_, make) => {
    echo(make);
    const error = await client()
      .retrieve(42)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxResponseError" });
    expectRedacted(error);
  });

  it("a key with a ';' or a space in it is redacted whole", async () => {
    const key = "sk-abcd;efgh ijkl-mnop";
    echo((auth) => ({ status: 401, headers: { "content-type": "text/plain" }, body: `rejected ${auth}` }));
    const error = await client(key)
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expectRedacted(error, key);
    for (const part of ["efgh", "ijkl-mnop"]) expect(inspect(error, { depth: 10 })).not.toContain(part);
  });

  it("in the message of a custom fetch's error (a proxy client quoting its headers)", async () => {
    const quoting = async (request: Request) => {
      throw new Error(`proxy CONNECT refused; sent headers: authorization=${request.headers.get("authorization")}`, {
        cause: { code: "EPROXY" },
      });
    };
    const error = await client(TEST_API_KEY, { fetch: quoting })
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expectRedacted(error);
    expect((error as Error).message).toContain("proxy CONNECT refused; sent headers: authorization=Bearer [REDACTED]");
    expect((error as Error).cause).toMatchObject({ code: "EPROXY" });
  });

  it("in the URL, when a proxy base URL carries it in its path", async () => {
    const files = new MiniMaxFiles({
      apiKey: TEST_API_KEY,
      baseUrl: `${server.url}/gateway/${TEST_API_KEY}`,
      maxRetries: 0,
    });
    reply = { status: 404, body: { error: "no such route" } };
    const error = await files.list({ purpose: "voice_clone" }).catch((e: unknown) => e);
    expectRedacted(error);
    expect(error).toMatchObject({
      request: { url: `${server.url}/gateway/[REDACTED]/v1/files/list?purpose=voice_clone` },
    });
  });
});

describe("a key too short to be a secret is still kept out of echoed headers, without mangling text", () => {
  it("key '1': a connection error keeps 127.0.0.1 and ECONNREFUSED intact", async () => {
    const deadUrl = await refusedUrl();
    const error = await new MiniMaxFiles({ apiKey: "1", baseUrl: deadUrl, maxRetries: 0 })
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toContain(`${deadUrl}/v1/files/list`);
    expect(message).toContain("ECONNREFUSED");
    expect(message).not.toContain("[REDACTED]");
  });

  it("key 'any': words containing it are left alone, an echoed Authorization value is not", async () => {
    echo((auth) => ({
      status: 401,
      body: { title: "many companies", echoed: { Authorization: auth }, note: `got ${auth}` },
    }));
    const error = await client("any")
      .list({ purpose: "voice_clone" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      body: { title: "many companies", echoed: { Authorization: "[REDACTED]" }, note: "got Bearer [REDACTED]" },
    });
    expect((error as Error).message).toContain("many companies");
  });
});

it("the client object shows no key", () => {
  const c = client();
  for (const text of [inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c)])
    expect(text).not.toContain(TEST_API_KEY);
});
