// A body stream's chunks handed past the stream, for the default transport.
import { chunksOf, streamOfChunks } from "../../../src/http/body-chunks";

async function* bytes() {
  yield new Uint8Array([1, 2]);
}

it("gives back the chunks registered for a stream, and the same stream", () => {
  const chunks = bytes();
  const stream = new ReadableStream<Uint8Array>();
  expect(streamOfChunks(chunks, stream)).toBe(stream);
  expect(chunksOf(stream)).toBe(chunks);
});

it("knows nothing of any other stream, nor of no body", () => {
  expect(chunksOf(new ReadableStream<Uint8Array>())).toBeUndefined();
  expect(chunksOf(null)).toBeUndefined();
});
