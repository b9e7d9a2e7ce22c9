// Ids above 2^53 survive exactly: responses parsed without precision loss, ids handed out as
// decimal strings, sent back as the same digits in queries and as JSON integers in bodies.
import { MiniMaxFiles } from "../../src";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { TEST_API_KEY } from "../helpers/observed-client";

const BIG = "9223372036854775807"; // int64 max; JSON.parse would make it 9223372036854776000
const record = `{"file_id": ${BIG}, "bytes": 5, "created_at": 1700469398, "filename": "a.mp3", "purpose": "voice_clone"}`;

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeServer((req) => {
    const body = req.url.startsWith("/v1/files/list")
      ? `{"files": [${record}], "base_resp": {"status_code": 0}}`
      : req.url.startsWith("/v1/files/delete")
        ? `{"file_id": ${BIG}, "base_resp": {"status_code": 0}}`
        : `{"file": ${record}, "base_resp": {"status_code": 0}}`;
    return { headers: { "content-type": "application/json" }, body };
  });
});
afterEach(() => server.close());

it("upload → list → retrieve → delete keeps an id above 2^53 exact, as a decimal string", async () => {
  expect(Number(BIG).toString()).not.toBe(BIG); // the trap this guards against
  const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
  const uploaded = await files.upload({ file: Buffer.from("hello"), filename: "a.mp3", purpose: "voice_clone" });
  expect(uploaded.file_id).toBe(BIG);
  expect((await files.list({ purpose: "voice_clone" }))[0]!.file_id).toBe(BIG);
  expect((await files.retrieve(uploaded.file_id)).file_id).toBe(BIG);
  expect((await files.delete(BigInt(uploaded.file_id), { purpose: "voice_clone" })).file_id).toBe(BIG);

  const [, , retrieve, remove] = server.requests;
  expect(new URL(retrieve!.url, server.url).searchParams.get("file_id")).toBe(BIG);
  // On the wire the id is a JSON integer with every digit, as the spec's int64 says.
  expect(remove!.body.toString()).toBe(`{"file_id":${BIG},"purpose":"voice_clone"}`);
});

it("the raw client agrees: ids are decimal strings in and out", async () => {
  const { raw } = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
  const { data } = await raw.GET("/v1/files/retrieve", { params: { query: { file_id: BIG } } });
  expect(data?.file?.file_id).toBe(BIG);
  await raw.POST("/v1/files/delete", { body: { file_id: BIG, purpose: "voice_clone" } });
  expect(server.requests[1]!.body.toString()).toBe(`{"file_id":${BIG},"purpose":"voice_clone"}`);
});

// biome-ignore lint/correctness/noPrecisionLoss: the point: a number literal above 2^53 is already rounded.
it.each([[2 ** 53], [Number.MAX_VALUE], [9223372036854775807]])(
  "an unsafe number id (%p) is refused, saying to pass the string",
  async (id) => {
    const files = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });
    await expect(files.retrieve(id)).rejects.toMatchObject({
      name: "MiniMaxInputError",
      input: "fileId",
      message: expect.stringContaining("pass the id as the string MiniMax returned"),
    });
    expect(server.requests).toHaveLength(0);
  },
);
