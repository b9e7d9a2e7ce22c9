// retrieveContent's result, from a server on 127.0.0.1: bytes whole or streamed; a JSON answer
// that is MiniMax's in-band failure is that failure, and a JSON file is still a file.
import { BadRequestError, MiniMaxFiles } from "../../../src";
import { fakeServerEachTest, type CannedResponse } from "../../helpers/fake-server";
import { TEST_API_KEY } from "../../helpers/observed-client";

let reply: CannedResponse = {};
const server = fakeServerEachTest(() => reply);
const files = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url, maxRetries: 0 });

it("gives the bytes of a binary answer, whole or as a stream", async () => {
  reply = { headers: { "content-type": "application/octet-stream" }, body: new Uint8Array([0, 1, 2, 255]) };
  expect(Array.from(await files().retrieveContent("1"))).toEqual([0, 1, 2, 255]);
  const stream = await files().retrieveContent("1", { as: "stream" });
  expect(Array.from(new Uint8Array(await new Response(stream).arrayBuffer()))).toEqual([0, 1, 2, 255]);
});

it("reports a JSON answer with a failing base_resp as the mapped error", async () => {
  reply = {
    headers: { "content-type": "application/json" },
    body: { base_resp: { status_code: 2013, status_msg: "invalid params" } },
  };
  await expect(files().retrieveContent("1")).rejects.toBeInstanceOf(BadRequestError);
});

it("hands back a JSON file (no base_resp, or not JSON at all) as its bytes", async () => {
  reply = { headers: { "content-type": "application/json" }, body: '{"voice":"a"}' };
  expect(new TextDecoder().decode(await files().retrieveContent("1"))).toBe('{"voice":"a"}');
  reply = { headers: { "content-type": "application/json" }, body: "not json" };
  const stream = await files().retrieveContent("1", { as: "stream" });
  expect(await new Response(stream).text()).toBe("not json");
});

it("gives an empty stream for an empty body", async () => {
  reply = { status: 200, headers: { "content-type": "application/octet-stream" }, body: "" };
  const stream = await files().retrieveContent("1", { as: "stream" });
  expect((await new Response(stream).arrayBuffer()).byteLength).toBe(0);
});
