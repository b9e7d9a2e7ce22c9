// Type tests: `tsc --noEmit` (npm test runs it) compiles this file; each @ts-expect-error must
// hit exactly the line below it, so a type that became too loose fails the build.
import { MiniMaxFiles, type FileObject, type paths, type UploadPurpose } from "../../src";
import createClient from "openapi-fetch";

declare const files: MiniMaxFiles;
declare const blob: Blob;

export async function typeTests() {
  // The happy paths compile and return the generated types.
  const uploaded: FileObject = await files.upload({ file: blob, filename: "a.mp3", purpose: "voice_clone" });
  const listed: FileObject[] = await files.list({ purpose: "t2a_async_input" });
  const bytes: Uint8Array = await files.retrieveContent(1);
  const stream: ReadableStream<Uint8Array> = await files.retrieveContent(1, { as: "stream" });
  const deleted: number | undefined = (await files.delete(1, { purpose: "t2a_async" })).file_id;
  const purposes: UploadPurpose[] = ["voice_clone", "prompt_audio", "t2a_async_input", "video_understanding"];
  void [uploaded, listed, bytes, stream, deleted, purposes];

  // An unknown purpose does not compile.
  // @ts-expect-error "not_a_purpose" is not an upload purpose
  await files.upload({ file: blob, filename: "a.mp3", purpose: "not_a_purpose" });
  // @ts-expect-error video_understanding is an upload purpose but not a list purpose
  await files.list({ purpose: "video_understanding" });
  // @ts-expect-error "bogus" is not a delete purpose
  await files.delete(1, { purpose: "bogus" });

  // A missing file does not compile.
  // @ts-expect-error file is required
  await files.upload({ filename: "a.mp3", purpose: "voice_clone" });
  // A missing purpose does not compile.
  // @ts-expect-error purpose is required
  await files.upload({ file: blob, filename: "a.mp3" });
  // The file is binary (format: binary → Blob), not a path string.
  // @ts-expect-error a string is not a file
  await files.upload({ file: "./a.mp3", filename: "a.mp3", purpose: "voice_clone" });
  // File ids are numbers.
  // @ts-expect-error a string is not a file id
  await files.retrieve("302892389810432");
  // @ts-expect-error retrieveContent returns bytes or a stream, never text
  const text: string = await files.retrieveContent(1);
  void text;

  // The raw client is typed by the generated paths, too.
  const raw = createClient<paths>({ baseUrl: "http://127.0.0.1:4010" });
  // @ts-expect-error an unknown purpose is rejected by the raw client's types as well
  await raw.GET("/v1/files/list", { params: { query: { purpose: "not_a_purpose" } } });
  // @ts-expect-error the upload body requires file
  await raw.POST("/v1/files/upload", { body: { purpose: "voice_clone" } });
  // @ts-expect-error the generated spec has no Content-Type header parameter to require
  await files.raw.POST("/v1/files/delete", { body: { file_id: 1, purpose: "voice_clone" }, params: { header: { "Content-Type": "application/json" } } });
}
