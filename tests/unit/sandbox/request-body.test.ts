// Reading the bodies the sandbox does not stream to disk (src/sandbox/request-body.ts), over real
// sockets: a small body as text, one over the limit read to its end and refused, a cut one.
import type http from "node:http";
import { BusinessError, ClientGone } from "../../../src/sandbox/refusal";
import { drain, JSON_BODY_LIMIT, readSmallBody } from "../../../src/sandbox/request-body";
import type { RecordedRequest } from "../../../src/sandbox/validator";
import { sendCut, sendRaw, serveRequests, type Served } from "../../helpers/served-request";

let served: Served<unknown> | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});
const record = (): RecordedRequest => ({ method: "POST", path: "/", query: {}, headers: {} });

async function serveReading(seen: RecordedRequest) {
  served = await serveRequests((req) => readSmallBody(req, seen));
  return served;
}

it("gives a small body as UTF-8 text, however it was cut into chunks", async () => {
  const seen = record();
  const { url, results } = await serveReading(seen);
  const text = `{"name":"${"é".repeat(40_000)}"}`; // multi-byte characters across chunk boundaries
  await sendRaw(url, { body: Buffer.from(text) });
  const read = (await results[0]) as string;
  expect({ length: read.length, same: read === text }).toEqual({ length: text.length, same: true }); // no diff of 80 kB on failure
  expect(seen.unreadBody).toBeUndefined();
});

it("a body at the limit is kept; one byte more is read to its end, not kept, and refused", async () => {
  const seen = record();
  const { url, results } = await serveReading(seen);
  await sendRaw(url, { body: Buffer.alloc(JSON_BODY_LIMIT, 0x20) });
  expect(((await results[0]) as string).length).toBe(JSON_BODY_LIMIT); // its length only: a diff of a MiB of text would take minutes

  const over = JSON_BODY_LIMIT + 1 + 3 * 1024 * 1024;
  const answer = await sendRaw(url, { body: Buffer.alloc(over, 0x20) }); // an answer, not a reset: the body was read
  expect(answer.status).toBe(500); // the helper's answer to a handler that threw
  const error = await results[1]!.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BusinessError);
  expect(error).toMatchObject({
    code: 2013,
    message: `invalid params, the body is larger than ${JSON_BODY_LIMIT} bytes`,
  });
  expect(seen.unreadBody).toBe(`${over} bytes, over the sandbox's ${JSON_BODY_LIMIT}: not kept`);
});

it("a body cut before its end is ClientGone", async () => {
  const { url, results } = await serveReading(record());
  await sendCut(url, { body: '{"file_id":', announced: 1000 });
  await expect(results[0]).rejects.toBeInstanceOf(ClientGone);
});

it("drain reads a body to its end without keeping it, and returns at once for one already read", async () => {
  let after: boolean[] = [];
  served = await serveRequests(async (req: http.IncomingMessage, res: http.ServerResponse) => {
    await drain(req);
    const ended = req.readableEnded;
    await drain(req); // already ended: resolves, does not wait for an "end" that will not come
    after = [ended, req.readableEnded];
    res.writeHead(200).end("refused");
  });
  const answer = await sendRaw(served.url, { body: Buffer.alloc(8 * 1024 * 1024, 1) });
  expect({ status: answer.status, body: answer.body.toString() }).toEqual({ status: 200, body: "refused" });
  expect(after).toEqual([true, true]);
});
