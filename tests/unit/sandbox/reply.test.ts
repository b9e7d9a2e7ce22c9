// Writing one answer (src/sandbox/reply.ts) over a real socket: the head and body the client gets
// are the ones recorded, every answer has a Trace-Id, the test hooks shape both, and a file answer
// that fails midway cuts the connection instead of ending short.
import { Readable } from "node:stream";
import { ExchangeLog } from "../../../src/sandbox/exchange-log";
import type { SandboxHooks } from "../../../src/sandbox/hooks";
import { Reply } from "../../../src/sandbox/reply";
import { ExchangeValidator, type RecordedRequest } from "../../../src/sandbox/validator";
import { sendRaw, serveRequests, type Served } from "../../helpers/served-request";

let served: Served<void> | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});
const request = (): RecordedRequest => ({ method: "GET", path: "/v1/files/list", query: {}, headers: {} });

/** Serves one request by `answer(reply)` and gives what the client got. */
async function answered(
  answer: (reply: Reply) => void | Promise<void>,
  options: { operation?: string | undefined; hooks?: SandboxHooks; log?: ExchangeLog; seen?: RecordedRequest } = {},
) {
  const { hooks = {}, log = new ExchangeLog(undefined), seen = request() } = options;
  const operation = "operation" in options ? options.operation : "listFiles";
  await served?.close();
  served = await serveRequests(async (req, res) => {
    req.resume();
    await answer(new Reply(res, operation, seen, hooks, log));
  });
  const got = await sendRaw(served.url, { method: "GET" });
  await served.results[0];
  return { got, log };
}

it("a JSON answer: lossless JSON with exact BigInt ids, its length, a Trace-Id, and the same head and body recorded", async () => {
  const { got, log } = await answered((reply) => reply.json(200, { file_id: 2n ** 53n + 1n, name: "é" }));
  const text = '{"file_id":9007199254740993,"name":"é"}';
  expect(got.body.toString()).toBe(text);
  expect(got.headers).toMatchObject({
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    "trace-id": expect.stringMatching(/^[0-9a-f]{32}$/),
  });
  expect(log.exchanges).toEqual([
    {
      operation: "listFiles",
      request: request(),
      response: {
        status: 200,
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-length": Buffer.byteLength(text),
          "trace-id": got.headers["trace-id"],
        },
        body: text,
        bytes: Buffer.byteLength(text),
      },
    },
  ]);
});

it("extra headers are sent and recorded; `refused` reaches the validator", async () => {
  const log = new ExchangeLog(new ExchangeValidator());
  const seen: RecordedRequest = {
    method: "GET",
    path: "/v1/files/retrieve_content",
    query: { file_id: ["1"] },
    headers: { authorization: "Bearer k" },
  };
  const { got } = await answered(
    (reply) =>
      reply.json(
        200,
        { base_resp: { status_code: 2013, status_msg: "file not found: 1" } },
        { headers: { allow: "GET" }, refused: true },
      ),
    { operation: "retrieveFileContent", log, seen },
  );
  expect(got.headers["allow"]).toBe("GET");
  expect(log.exchanges[0]!.response.headers["allow"]).toBe("GET");
  expect(log.exchanges[0]!.request).toBe(seen); // the record is the request as given
  expect(log.findings).toEqual([]); // the refusal's Content-Type finding is the request's
  expect(log.requestFindings.map((f) => f.check)).toEqual(["content_type_conformance"]);
});

it("each answer has its own Trace-Id", async () => {
  const ids = new Set<unknown>();
  for (let i = 0; i < 3; i++) ids.add((await answered((reply) => reply.json(200, {}))).got.headers["trace-id"]);
  expect(ids.size).toBe(3);
});

it("the hooks shape what is written and recorded, for a documented operation only", async () => {
  const hooks: SandboxHooks = {
    transformResponse: (operation, body) => ({ ...body, operation }),
    transformHead: (operation, head) => ({ status: 299, headers: { ...head.headers, "x-operation": operation } }),
  };
  const { got, log } = await answered((reply) => reply.json(200, { a: 1 }), { hooks });
  expect({ status: got.status, body: got.body.toString(), header: got.headers["x-operation"] }).toEqual({
    status: 299,
    body: '{"a":1,"operation":"listFiles"}',
    header: "listFiles",
  });
  expect(log.exchanges[0]!.response).toMatchObject({
    status: 299,
    body: '{"a":1,"operation":"listFiles"}',
    headers: { "x-operation": "listFiles" },
  });

  const unknown = await answered((reply) => reply.json(404, { a: 1 }), { hooks, operation: undefined });
  expect({
    status: unknown.got.status,
    body: unknown.got.body.toString(),
    header: unknown.got.headers["x-operation"],
  }).toEqual({ status: 404, body: '{"a":1}', header: undefined });
});

it("a file answer: its bytes as octet-stream with their Content-Length, recorded without a body", async () => {
  const hooks: SandboxHooks = {
    transformHead: (_, head) => ({ ...head, headers: { ...head.headers, "x-shaped": "yes" } }),
  };
  const { got, log } = await answered(
    (reply) => reply.file(11, Readable.from([Buffer.from("hello "), Buffer.from("world")])),
    { operation: "retrieveFileContent", hooks },
  );
  expect(got.body.toString()).toBe("hello world");
  expect(got.headers).toMatchObject({
    "content-type": "application/octet-stream",
    "content-length": "11",
    "trace-id": expect.stringMatching(/^[0-9a-f]{32}$/),
    "x-shaped": "yes",
  });
  expect(log.exchanges[0]!.response).toEqual({
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-length": 11,
      "trace-id": got.headers["trace-id"],
      "x-shaped": "yes",
    },
    bytes: 11,
  });
});

it("a file whose bytes fail midway cuts the connection: the client cannot take it for the whole file", async () => {
  async function* failing() {
    yield Buffer.alloc(1000, 1);
    throw new Error("disk gone");
  }
  const outcome = await answered((reply) => reply.file(1_000_000, Readable.from(failing()))).then(
    () => "ended",
    (error: Error) => error.message,
  );
  expect(outcome).toMatch(/aborted|ECONNRESET|socket hang up|terminated/i);
});
