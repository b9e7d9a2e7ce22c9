// One request from arrival to answer (src/sandbox/request-handler.ts), over real sockets: the
// operation found from the spec's method and path, the key checked before the body is read, and
// each outcome of an operation (an answer, a refusal, a failure, a client gone) answered as
// MiniMax would, or the connection cut. The operations here are stand-ins written for the test,
// so that each outcome can be had on demand; the real ones are tests/unit/sandbox/routes.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ExchangeLog } from "../../../src/sandbox/exchange-log";
import { BusinessError, ClientGone } from "../../../src/sandbox/refusal";
import type { SandboxHooks } from "../../../src/sandbox/hooks";
import { requestHandler } from "../../../src/sandbox/request-handler";
import type { Answer, Operation } from "../../../src/sandbox/routes";
import { ExchangeValidator, type RecordedRequest } from "../../../src/sandbox/validator";
import { sendRaw, serveRequests, type Served } from "../../helpers/served-request";

let served: Served<void> | undefined;
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "request-handler-"));
});
afterEach(async () => {
  await served?.close();
  served = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = "k-handler";
const auth = { authorization: `Bearer ${KEY}` };
const calls: RecordedRequest[] = [];
async function serve(
  operations: Record<string, Operation>,
  { hooks = {} as SandboxHooks, log = new ExchangeLog(undefined) } = {},
) {
  calls.length = 0;
  const counted = Object.fromEntries(
    Object.entries(operations).map(([name, run]) => [
      name,
      ((req, query, seen) => (calls.push(seen), run(req, query, seen))) as Operation,
    ]),
  );
  served = await serveRequests(requestHandler({ apiKey: KEY, operations: counted, hooks, log }));
  return { url: served.url, log };
}
const answering =
  (answer: Answer): Operation =>
  async () =>
    answer;
const failing =
  (error: unknown): Operation =>
  async () => {
    throw error;
  };
const jsonOf = (got: { body: Buffer }) => JSON.parse(got.body.toString()) as unknown;

it("records the request as it came: method, path, every value of each query parameter, the headers", async () => {
  const { url, log } = await serve({ listFiles: answering({ json: { files: [] } }) });
  await sendRaw(`${url}/v1/files/list?purpose=a&purpose=b&x=1`, {
    method: "GET",
    headers: { ...auth, "x-extra": "yes" },
  });
  expect(log.exchanges[0]!.operation).toBe("listFiles");
  expect(log.exchanges[0]!.request).toMatchObject({
    method: "GET",
    path: "/v1/files/list",
    query: { purpose: ["a", "b"], x: ["1"] },
    headers: { "x-extra": "yes", authorization: auth.authorization },
  });
  expect(calls[0]).toBe(log.exchanges[0]!.request);
});

it("a JSON answer gets base_resp success", async () => {
  const { url } = await serve({ listFiles: answering({ json: { files: [] } }) });
  const got = await sendRaw(`${url}/v1/files/list?purpose=voice_clone`, { method: "GET", headers: auth });
  expect({ status: got.status, body: jsonOf(got) }).toEqual({
    status: 200,
    body: { files: [], base_resp: { status_code: 0, status_msg: "success" } },
  });
});

it("an unknown path is 404, a wrong method on a known one 405 with Allow; no operation runs", async () => {
  const { url, log } = await serve({ listFiles: answering({ json: {} }) });
  const unknown = await sendRaw(`${url}/v1/files/nope`, { method: "GET", headers: auth });
  expect({ status: unknown.status, body: jsonOf(unknown) }).toEqual({
    status: 404,
    body: { base_resp: { status_code: 404, status_msg: "no such operation" } },
  });
  const wrong = await sendRaw(`${url}/v1/files/list`, { method: "DELETE", headers: auth, body: "x".repeat(100_000) });
  expect({ status: wrong.status, allow: wrong.headers["allow"], body: jsonOf(wrong) }).toEqual({
    status: 405,
    allow: "GET",
    body: { base_resp: { status_code: 405, status_msg: "method DELETE not allowed" } },
  });
  expect(log.exchanges.map((e) => [e.operation, e.response.status])).toEqual([
    [undefined, 404],
    [undefined, 405],
  ]);
  expect(calls).toEqual([]);
});

it.each([
  ["no key", {}],
  ["another key", { authorization: "Bearer other" }],
  ["a malformed one", { authorization: `Bearer\t${KEY}` }],
])("%s: 1004, the body drained unread, the operation not run", async (_, headers) => {
  const { url, log } = await serve({ uploadFile: answering({ json: {} }) });
  const got = await sendRaw(`${url}/v1/files/upload`, {
    headers: { ...headers, "content-type": "multipart/form-data; boundary=x" },
    body: Buffer.alloc(4 * 1024 * 1024),
  });
  expect({ status: got.status, body: jsonOf(got) }).toEqual({
    status: 200,
    body: { base_resp: { status_code: 1004, status_msg: "not authorized: invalid api key" } },
  });
  expect(log.exchanges[0]!.request.unreadBody).toBe("refused for its key before it was read");
  expect(calls).toEqual([]);
});

it("a refusal is HTTP 200 with its code, recorded as a refusal (which decides whose finding a download's JSON is)", async () => {
  const log = new ExchangeLog(new ExchangeValidator());
  const { url } = await serve({ retrieveFileContent: failing(new BusinessError(2013, "file not found: 1")) }, { log });
  const got = await sendRaw(`${url}/v1/files/retrieve_content?file_id=1`, { method: "GET", headers: auth });
  expect({ status: got.status, body: jsonOf(got) }).toEqual({
    status: 200,
    body: { base_resp: { status_code: 2013, status_msg: "file not found: 1" } },
  });
  expect(log.findings).toEqual([]);
  expect(log.requestFindings.map((f) => [f.check, f.side])).toEqual([["content_type_conformance", "request"]]);
});

it("the sandbox's own failure is HTTP 500 with 1000 and the message, not a refusal", async () => {
  const log = new ExchangeLog(new ExchangeValidator());
  const { url } = await serve({ retrieveFileContent: failing(new Error("disk on fire")) }, { log });
  const got = await sendRaw(`${url}/v1/files/retrieve_content?file_id=1`, { method: "GET", headers: auth });
  expect({ status: got.status, body: jsonOf(got) }).toEqual({
    status: 500,
    body: { base_resp: { status_code: 1000, status_msg: "sandbox error: disk on fire" } },
  });
  expect(log.findings.map((f) => [f.check, f.side])).toEqual([["status_code_conformance", "response"]]);
});

it("a client gone before its body ended gets no answer, and nothing is recorded", async () => {
  const { url, log } = await serve({ listFiles: failing(new ClientGone("cut")) });
  await expect(sendRaw(`${url}/v1/files/list?purpose=voice_clone`, { method: "GET", headers: auth })).rejects.toThrow(
    /socket hang up|ECONNRESET/,
  );
  expect(log.exchanges).toEqual([]);
});

it("a file answer sends its bytes; one that fails before they are sent still closes the file", async () => {
  const file = path.join(dir, "bytes");
  fs.writeFileSync(file, "the bytes");
  const open = () => fs.createReadStream(file);
  const first = open();
  const { url } = await serve({
    retrieveFileContent: async () => ({
      file: { id: 1n, filename: "f", bytes: 9, createdAt: 0, purpose: "p", location: file },
      content: first,
    }),
  });
  const got = await sendRaw(`${url}/v1/files/retrieve_content?file_id=1`, { method: "GET", headers: auth });
  expect({ status: got.status, body: got.body.toString(), type: got.headers["content-type"] }).toEqual({
    status: 200,
    body: "the bytes",
    type: "application/octet-stream",
  });

  await served!.close();
  const second = open();
  const hooks: SandboxHooks = {
    transformHead: () => {
      throw new Error("no head");
    },
  };
  const again = await serve(
    {
      retrieveFileContent: async () => ({
        file: { id: 1n, filename: "f", bytes: 9, createdAt: 0, purpose: "p", location: file },
        content: second,
      }),
    },
    { hooks },
  );
  await expect(
    sendRaw(`${again.url}/v1/files/retrieve_content?file_id=1`, { method: "GET", headers: auth }),
  ).resolves.toBeDefined();
  expect(second.destroyed).toBe(true);
  // A path stream opens asynchronously: wait for it to close before afterEach removes its folder,
  // or its late open fails with ENOENT and crashes the run. (The store opens its files first.)
  if (!second.closed)
    await new Promise<void>((resolve) => second.once("close", () => resolve()).once("error", () => resolve()));
});
