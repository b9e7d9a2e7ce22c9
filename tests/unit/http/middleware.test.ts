// The raw openapi-fetch client shares the methods' auth, body encoding, parsing and errors.
import {
  MiniMaxConnectionError,
  MiniMaxFiles,
  MiniMaxInputError,
  MiniMaxResponseError,
  NotFoundError,
} from "../../../src";
import { fakeServerEachTest, type CannedResponse } from "../../helpers/fake-server";
import { startFaultServer } from "../../helpers/fault-server";
import { TEST_API_KEY } from "../../helpers/observed-client";

let reply: CannedResponse;
beforeEach(() => {
  reply = { body: {} };
});
const server = fakeServerEachTest(() => reply);
const files = () => new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url });

it("raw.POST upload with { purpose, file } sends multipart/form-data with the file's bytes, not JSON", async () => {
  reply = {
    body: {
      file: { file_id: 1, bytes: 3, created_at: 1, filename: "notes.txt", purpose: "t2a_async_input" },
      base_resp: { status_code: 0 },
    },
  };
  const { data } = await files().raw.POST("/v1/files/upload", {
    body: { purpose: "t2a_async_input", file: new File(["abc"], "notes.txt", { type: "text/plain" }) },
  });
  const req = server.requests[0]!;
  expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  expect(req.headers["authorization"]).toBe(`Bearer ${TEST_API_KEY}`);
  const form = await new Response(new Uint8Array(req.body), {
    headers: { "content-type": req.headers["content-type"]! },
  }).formData();
  expect(form.get("purpose")).toBe("t2a_async_input");
  expect(form.get("file")).toMatchObject({ name: "notes.txt", type: "text/plain" });
  expect(await (form.get("file") as File).text()).toBe("abc");
  expect(data?.file?.file_id).toBe("1");
});

it("raw.GET retrieve_content without parseAs is refused before sending, naming parseAs", async () => {
  const error = await files()
    .raw.GET("/v1/files/retrieve_content", { params: { query: { file_id: "1" } } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiniMaxInputError);
  expect(error).toMatchObject({ input: "parseAs" });
  expect(server.requests).toHaveLength(0);
});

it("raw.GET retrieve_content with parseAs arrayBuffer gives the exact bytes", async () => {
  const bytes = Uint8Array.from([0, 255, 10, 13, 123]);
  reply = { headers: { "content-type": "application/octet-stream" }, body: bytes };
  const { data } = await files().raw.GET("/v1/files/retrieve_content", {
    params: { query: { file_id: "1" } },
    parseAs: "arrayBuffer",
  });
  expect(new Uint8Array(data as ArrayBuffer)).toEqual(bytes);
});

it("raw non-2xx answers throw the same error classes as the methods", async () => {
  reply = { status: 404, body: { error: "nope" } };
  await expect(files().raw.GET("/v1/files/retrieve", { params: { query: { file_id: "1" } } })).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

it("raw leaves an in-band base_resp failure in data", async () => {
  reply = { body: { base_resp: { status_code: 2013, status_msg: "invalid params" } } };
  const { data } = await files().raw.GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } } });
  expect(data?.base_resp).toEqual({ status_code: 2013, status_msg: "invalid params" });
});

it("raw: a 200 that is not JSON is a MiniMaxResponseError, not a SyntaxError", async () => {
  reply = { headers: { "content-type": "application/json" }, body: "<html>" };
  await expect(
    files().raw.GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } } }),
  ).rejects.toBeInstanceOf(MiniMaxResponseError);
});

it.each(["json", "text", "arrayBuffer", "stream"] as const)(
  "raw (parseAs %s): a body cut after the headers is a MiniMaxConnectionError, not TypeError: terminated",
  async (parseAs) => {
    const faulty = await startFaultServer([{ kind: "cut-body", partial: '{"files": [' }]);
    try {
      const raw = new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: faulty.url }).raw;
      const error = await raw
        .GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } }, parseAs })
        .then(async ({ data }) => (parseAs === "stream" ? new Response(data as ReadableStream).text() : data))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MiniMaxConnectionError);
    } finally {
      await faulty.close();
    }
  },
);
