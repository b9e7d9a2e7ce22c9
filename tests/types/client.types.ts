// Type tests: `tsc --noEmit` (npm test runs it) compiles this file; each @ts-expect-error must
// hit exactly the line below it, so a type that became too loose fails the build.
import {
  type MiniMaxFiles,
  RateLimitError,
  type FileObject,
  type paths,
  type UploadPurpose,
  type WithResponse,
} from "../../src";
import createClient from "openapi-fetch";

declare const files: MiniMaxFiles;
declare const blob: Blob;

export async function typeTests() {
  // The happy paths compile and return the generated types.
  const uploaded: FileObject = await files.upload({ file: blob, filename: "a.mp3", purpose: "voice_clone" });
  const listed: FileObject[] = await files.list({ purpose: "t2a_async_input" });
  const bytes: Uint8Array = await files.retrieveContent(1);
  const stream: ReadableStream<Uint8Array> = await files.retrieveContent(1, { as: "stream", timeout: 5_000 });
  const deleted: string = (await files.delete(1, { purpose: "t2a_async" })).file_id;
  const purposes: UploadPurpose[] = ["voice_clone", "prompt_audio", "t2a_async_input", "video_understanding"];
  void [uploaded, listed, bytes, stream, deleted, purposes];

  // What the client guarantees is required: upload → retrieve compiles under strict without `!`.
  const again: FileObject = await files.retrieve(uploaded.file_id);
  const size: number = again.bytes;
  const name: string = again.filename;
  const url: string | undefined = again.download_url;
  void [size, name, url];
  // File ids are decimal strings out, and string, bigint or number in.
  const id: string = uploaded.file_id;
  await files.retrieve(9223372036854775807n);
  await files.retrieve("9223372036854775807");
  // @ts-expect-error a file id is not a number once returned (it may be above 2^53)
  const asNumber: number = uploaded.file_id;
  void [id, asNumber];

  // Every method takes per-call options, and gives its Response on request.
  const withResponse: WithResponse<FileObject[]> = await files
    .list({ purpose: "voice_clone" }, { signal: AbortSignal.timeout(1_000), timeout: 500, maxRetries: 0 })
    .withResponse();
  const traceId: string | undefined = withResponse.traceId;
  const status: number = (await files.retrieve(1).withResponse()).response.status;
  void [traceId, status];
  // @ts-expect-error timeout is a number of milliseconds
  await files.list({ purpose: "voice_clone" }, { timeout: "5s" });

  // Cross-realm guards narrow like instanceof.
  const caught: unknown = undefined;
  if (RateLimitError.is(caught)) {
    const wait: number | undefined = caught.retryAfter;
    void wait;
  }

  // An unknown purpose does not compile.
  // @ts-expect-error "not_a_purpose" is not an upload purpose
  await files.upload({ file: blob, filename: "a.mp3", purpose: "not_a_purpose" });
  // @ts-expect-error t2a_async is a delete purpose but not a list purpose
  await files.list({ purpose: "t2a_async" });
  // video_understanding is listable and deletable (an assumption of openapi/overlay.yaml).
  await files.list({ purpose: "video_understanding" });
  await files.delete(1, { purpose: "video_understanding" });
  // @ts-expect-error "bogus" is not a delete purpose
  await files.delete(1, { purpose: "bogus" });

  // A missing file does not compile.
  // @ts-expect-error file is required
  await files.upload({ filename: "a.mp3", purpose: "voice_clone" });
  // A missing purpose does not compile.
  // @ts-expect-error purpose is required
  await files.upload({ file: blob, filename: "a.mp3" });
  // A path (string or file: URL) is a file on disk; a number is not a file.
  await files.upload({ file: "./a.mp3", purpose: "voice_clone" });
  await files.upload({ file: new URL("file:///tmp/a.mp3"), purpose: "voice_clone", checkLimits: false });
  // @ts-expect-error a number is not a file
  await files.upload({ file: 42, filename: "a.mp3", purpose: "voice_clone" });
  // @ts-expect-error an object is not a file id
  await files.retrieve({ file_id: "302892389810432" });
  // @ts-expect-error retrieveContent returns bytes or a stream, never text
  const text: string = await files.retrieveContent(1);
  void text;

  // The raw client is typed by the generated paths, too.
  const raw = createClient<paths>({ baseUrl: "http://127.0.0.1:4010" });
  // @ts-expect-error an unknown purpose is rejected by the raw client's types as well
  await raw.GET("/v1/files/list", { params: { query: { purpose: "not_a_purpose" } } });
  // @ts-expect-error the upload body requires file
  await raw.POST("/v1/files/upload", { body: { purpose: "voice_clone" } });
  await files.raw.POST("/v1/files/delete", {
    body: { file_id: "1", purpose: "voice_clone" },
    // @ts-expect-error the generated spec has no Content-Type header parameter to require
    params: { header: { "Content-Type": "application/json" } },
  });
  // The raw client agrees with the methods: ids are decimal strings there too.
  const rawFile = (await files.raw.GET("/v1/files/retrieve", { params: { query: { file_id: "302892389810432" } } }))
    .data?.file;
  const rawId: string | undefined = rawFile?.file_id;
  // @ts-expect-error a number is not the raw client's id type
  await files.raw.GET("/v1/files/retrieve", { params: { query: { file_id: 302892389810432 } } });
  // The raw upload takes the part as a Blob: the client encodes it as multipart.
  await files.raw.POST("/v1/files/upload", { body: { purpose: "voice_clone", file: blob } });
  void rawId;
}
