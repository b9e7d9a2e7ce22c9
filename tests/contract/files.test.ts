// The contract suite: every operation through MiniMaxFiles against a real Prism serving
// generated/openapi.json. Prism validates each request against the spec (and would answer 422 or
// set `sl-violations`); each response body is validated here against the spec's schema.
import {
  AuthenticationError,
  MiniMaxInputError,
  UnprocessableEntityError,
  type UploadPurpose,
  type ListPurpose,
  type DeletePurpose,
} from "../../src";
import { createObservedClient, TEST_API_KEY, type Exchange } from "../helpers/observed-client";
import { prismUrl } from "../helpers/prism";
import { describeErrors, responseValidator } from "../helpers/spec";

let exchanges: Exchange[] = [];
function observed(options = {}) {
  const made = createObservedClient(prismUrl(), options);
  exchanges = made.exchanges;
  return made.client;
}

afterEach(() => {
  // Prism reports what it found wrong with a request or its own response in this header.
  for (const ex of exchanges) expect({ url: ex.url, violations: ex.response.headers.get("sl-violations") }).toEqual({ url: ex.url, violations: null });
});

async function expectMatchesSpec(ex: Exchange | undefined, route: string, method: string): Promise<any> {
  if (!ex) throw new Error("no request reached Prism");
  const body = await ex.response.clone().json();
  const validate = await responseValidator(route, method);
  if (!validate(body)) throw new Error(`${method.toUpperCase()} ${route} response does not match the spec:\n${describeErrors(validate)}`);
  return body;
}

/** A raw-client call that Prism must reject with 422 and these validation findings. */
async function expectPrismValidation(call: Promise<unknown>, ...findings: object[]) {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnprocessableEntityError);
  expect(error).toMatchObject({ validation: findings.map((f) => expect.objectContaining(f)) });
  return error;
}

const sample = () => new File([new TextEncoder().encode("Hello from minimax-files.\n")], "long-text.txt", { type: "text/plain" });

describe("POST /v1/files/upload", () => {
  it("uploads with the required params and returns the response's file", async () => {
    const client = observed();
    const file = await client.upload({ file: sample(), purpose: "t2a_async_input" });
    const body = await expectMatchesSpec(exchanges[0], "/v1/files/upload", "post");
    expect(file).toEqual({ ...body.file, file_id: String(body.file.file_id) });
    expect(file.file_id).toMatch(/^\d+$/);
    expect(exchanges[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("uploads bytes with every param (explicit filename)", async () => {
    const client = observed();
    const file = await client.upload({ file: new Uint8Array([1, 2, 3, 4]), filename: "sample.wav", purpose: "voice_clone" }, { timeout: 30_000, maxRetries: 0 });
    const body = await expectMatchesSpec(exchanges[0], "/v1/files/upload", "post");
    expect(file).toEqual({ ...body.file, file_id: String(body.file.file_id) });
  });

  it("rejects an unknown purpose before sending anything", async () => {
    const client = observed();
    const error = await client.upload({ file: sample(), purpose: "bogus" as UploadPurpose }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniMaxInputError);
    expect(error).toMatchObject({ input: "purpose" });
    expect(exchanges).toHaveLength(0);
  });

  it("rejects a missing file before sending anything", async () => {
    const client = observed();
    const error = await client.upload({ purpose: "voice_clone" } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "MiniMaxInputError", input: "file" });
    expect(exchanges).toHaveLength(0);
  });

  it("surfaces Prism's validation of an unknown purpose (raw client) as UnprocessableEntityError", async () => {
    const client = observed();
    // The raw client encodes a body holding a Blob as multipart itself.
    const error = await expectPrismValidation(client.raw.POST("/v1/files/upload", { body: { purpose: "bogus" as UploadPurpose, file: sample() } }), { location: ["body", "purpose"], code: "enum" });
    expect(error).toMatchObject({ status: 422 });
  });

  it("surfaces Prism's validation of a missing file (raw client)", async () => {
    const client = observed();
    const form = new FormData();
    form.append("purpose", "voice_clone");
    await expectPrismValidation(client.raw.POST("/v1/files/upload", { body: { purpose: "voice_clone" } as never, bodySerializer: () => form }), {
      location: ["body"],
      code: "required",
      message: expect.stringContaining("'file'"),
    });
  });
});

describe("GET /v1/files/list", () => {
  it("lists the files of a purpose", async () => {
    const client = observed();
    const files = await client.list({ purpose: "voice_clone" });
    const body = await expectMatchesSpec(exchanges[0], "/v1/files/list", "get");
    expect(files).toEqual(body.files.map((f: { file_id: number }) => ({ ...f, file_id: String(f.file_id) })));
    expect(new URL(exchanges[0]!.url).searchParams.get("purpose")).toBe("voice_clone");
  });

  it("rejects an unknown purpose before sending anything", async () => {
    const client = observed();
    await expect(client.list({ purpose: "video_understanding" as ListPurpose })).rejects.toMatchObject({ name: "MiniMaxInputError", input: "purpose" });
    expect(exchanges).toHaveLength(0);
  });

  it("surfaces Prism's validation of an unknown purpose (raw client)", async () => {
    const client = observed();
    await expectPrismValidation(client.raw.GET("/v1/files/list", { params: { query: { purpose: "bogus" as ListPurpose } } }), { location: ["query", "purpose"] });
  });
});

describe("GET /v1/files/retrieve", () => {
  it("retrieves a file's record, download_url included", async () => {
    const client = observed();
    const file = await client.retrieve("302892389810432");
    const body = await expectMatchesSpec(exchanges[0], "/v1/files/retrieve", "get");
    expect(file).toEqual({ ...body.file, file_id: String(body.file.file_id) });
    expect(typeof file.download_url).toBe("string");
    expect(new URL(exchanges[0]!.url).searchParams.get("file_id")).toBe("302892389810432");
  });

  it.each([[0], [-5], [1.5], [Number.NaN], ["12a"], ["-1"], [" 1"], ["9223372036854775808"], [0n], [2 ** 53], [null], [{}]])("rejects file id %p before sending anything", async (bad) => {
    const client = observed();
    await expect(client.retrieve(bad as number)).rejects.toMatchObject({ name: "MiniMaxInputError", input: "fileId" });
    expect(exchanges).toHaveLength(0);
  });

  it("surfaces Prism's validation of a non-integer file_id (raw client)", async () => {
    const client = observed();
    await expectPrismValidation(client.raw.GET("/v1/files/retrieve", { params: { query: { file_id: "abc" } } }), { location: ["query", "file_id"] });
  });
});

describe("GET /v1/files/retrieve_content", () => {
  it("returns the body's exact bytes, undecoded", async () => {
    const client = observed();
    const bytes = await client.retrieveContent(302892389810432);
    const sent = new Uint8Array(await exchanges[0]!.response.clone().arrayBuffer());
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(sent))).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(exchanges[0]!.response.headers.get("content-type")).toBe("application/octet-stream");
    // The effective spec declares the download as binary under the media type Prism served.
    expect((await responseValidator("/v1/files/retrieve_content", "get", "application/octet-stream")).schema).toEqual({ type: "string", format: "binary" });
  });

  it("streams the body when asked", async () => {
    const client = observed();
    const stream = await client.retrieveContent(302892389810432, { as: "stream" });
    expect(stream).toBeInstanceOf(ReadableStream);
    const streamed = Buffer.from(await new Response(stream).arrayBuffer());
    expect(streamed.equals(Buffer.from(await exchanges[0]!.response.clone().arrayBuffer()))).toBe(true);
  });
});

describe("POST /v1/files/delete", () => {
  it("deletes a file and returns the response's file_id", async () => {
    const client = observed();
    const deleted = await client.delete(302892389810432n, { purpose: "t2a_async_input" });
    const body = await expectMatchesSpec(exchanges[0], "/v1/files/delete", "post");
    expect(deleted).toEqual({ file_id: String(body.file_id) });
    expect(exchanges[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("rejects an unknown purpose before sending anything", async () => {
    const client = observed();
    await expect(client.delete(1, { purpose: "bogus" as DeletePurpose })).rejects.toMatchObject({ name: "MiniMaxInputError", input: "purpose" });
    expect(exchanges).toHaveLength(0);
  });

  it("surfaces Prism's validation of a missing purpose (raw client)", async () => {
    const client = observed();
    await expectPrismValidation(client.raw.POST("/v1/files/delete", { body: { file_id: 1 } as never }), { code: "required", message: expect.stringContaining("'purpose'") });
  });
});

describe("authentication", () => {
  it("sends Authorization: Bearer <key> on every operation", async () => {
    const client = observed();
    await client.list({ purpose: "prompt_audio" });
    await client.retrieve(7);
    expect(exchanges.map((e) => e.headers.get("authorization"))).toEqual([`Bearer ${TEST_API_KEY}`, `Bearer ${TEST_API_KEY}`]);
  });

  it("a request that arrives without credentials surfaces as AuthenticationError (401)", async () => {
    // A proxy that drops the Authorization header, in front of the real Prism.
    const dropAuth = async (request: Request) => {
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      return fetch(new Request(request, { headers }));
    };
    const client = observed({ fetch: dropAuth });
    const error = await client.list({ purpose: "voice_clone" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, request: { method: "GET" } });
  });
});

describe("an upload over Prism's 10 MB body limit", () => {
  it("is refused with HTTP 413, and the error's message says why", async () => {
    const client = observed();
    const error = await client.upload({ file: new Uint8Array(11 * 1024 * 1024), filename: "big.txt", purpose: "t2a_async_input" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BadRequestError", status: 413 });
    expect((error as Error).message).toMatch(/HTTP 413 ".*10mb.*"/i);
    exchanges = []; // Prism answered with its own error, not a spec'd response: nothing to check in sl-violations
  });
});
