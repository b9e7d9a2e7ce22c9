// A body stream's chunks, handed past the stream: the upload encoder registers them, the default
// transport writes them to the socket directly (a web stream → Node stream bridge per chunk costs
// more than the copy it avoids). Anything not registered goes through as an ordinary stream.

const CHUNKS = new WeakMap<ReadableStream<Uint8Array>, AsyncGenerator<Uint8Array>>();

/** A body stream whose content is `chunks`, for the default transport to read directly. */
export function streamOfChunks(
  chunks: AsyncGenerator<Uint8Array>,
  stream: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  CHUNKS.set(stream, chunks);
  return stream;
}

/** The chunks of a body stream made by streamOfChunks (unread so far), if it is one. */
export function chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> | undefined {
  return body ? CHUNKS.get(body) : undefined;
}
