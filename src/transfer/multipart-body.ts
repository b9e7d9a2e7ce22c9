// The upload's multipart body as a stream with its length, built again for every attempt.
//
// form-data-encoder writes the parts (boundary, Content-Disposition with escaped names, part
// Content-Type) and adds up Content-Length from the parts' sizes, so the body can be streamed
// with a Content-Length (gateways answer chunked multipart uploads with 411). Node's own
// FormData → fetch path instead reads a large file into memory (measured: 1.16 GB RSS for 1 GiB).
// What it cannot know, this file checks while the bytes go by: that a file of known size yields
// exactly that many bytes (it did not change while being sent), that one of unknown size is not
// empty and stays within the documented limit. A failure ends the stream, so the request is cut
// and the server stores nothing.
import { FormDataEncoder, type FileLike, type FormDataLike } from "form-data-encoder";
import { MiniMaxInputError } from "../errors";
import { streamOfChunks } from "../http/body-chunks";
import type { FileSource } from "./upload-source";

/** Upload progress, counted in the file's bytes (what a user sees as the file's size). */
export interface UploadProgress {
  /** Bytes of the file handed to the connection so far; never more than `total`. */
  loaded: number;
  /** The file's size, when it is known before sending (a path, a Blob, bytes, a sized stream). */
  total: number | undefined;
  /** Bytes of the whole request body handed on so far: the file plus the multipart framing around it. */
  bodyLoaded: number;
  /** The request body's Content-Length, when known. */
  bodyTotal: number | undefined;
}

export interface UploadPart {
  purpose: string;
  name: string;
  type: string;
  source: FileSource;
  /** Refuse a file of unknown size once it grows past this many bytes. */
  maxBytes: number | undefined;
}

export interface EncodedBody {
  headers: { "Content-Type": string; "Content-Length"?: string };
  body: ReadableStream<Uint8Array>;
}

export function encodeUpload(
  part: UploadPart,
  onProgress?: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): EncodedBody {
  // The encoder frames the parts; the file's bytes bypass it: it re-slices (copying) every chunk
  // over 64 KiB. It sees one empty placeholder chunk, replaced here by the file's chunks.
  const placeholder = new Uint8Array(0);
  const file: FileLike = {
    name: part.name,
    type: part.type,
    size: part.source.size ?? Number.NaN, // NaN: the encoder then leaves Content-Length out
    lastModified: Date.now(),
    stream: () =>
      (async function* () {
        yield placeholder;
      })() as unknown as ReadableStream<Uint8Array>,
    [Symbol.toStringTag]: "File",
  };
  const encoder = new FormDataEncoder(
    fields([
      ["purpose", part.purpose],
      ["file", file],
    ]),
  );
  const total = encoder.contentLength === undefined ? undefined : Number(encoder.contentLength);
  const chunks = (async function* () {
    let loaded = 0;
    let bodyLoaded = 0;
    for await (const framing of encoder.encode()) {
      const isFile = framing === placeholder;
      for await (const chunk of isFile ? checkedContent(part) : [framing]) {
        if (chunk.byteLength === 0) continue;
        // Counted as handed on: the transport takes the next chunk only when the socket has room.
        yield chunk;
        bodyLoaded += chunk.byteLength;
        if (!isFile) continue; // progress only when the file's bytes move
        loaded += chunk.byteLength;
        try {
          onProgress?.({ loaded, total: part.source.size, bodyLoaded, bodyTotal: total });
        } catch (error) {
          // The caller's own failure, not a lost connection: it ends the upload and is reported as such.
          throw new MiniMaxInputError(
            "options.onProgress",
            `options.onProgress threw, so the upload was stopped: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        }
      }
    }
  })();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // A fetch of the caller's may go on pulling after an abort (Node's own reads the body to
        // its end): stop reading the file, and close it, as soon as the call is aborted.
        if (signal?.aborted) {
          await chunks.return(undefined);
          controller.error(signal.reason);
          return;
        }
        const step = await chunks.next();
        if (step.done) controller.close();
        else controller.enqueue(step.value);
      },
      async cancel() {
        // Closes the file handle or the caller's stream.
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 }, // read only what the transport asks for: progress follows the socket
  );
  streamOfChunks(chunks, body);
  return {
    headers: {
      "Content-Type": encoder.contentType,
      ...(encoder.contentLength === undefined ? {} : { "Content-Length": encoder.contentLength }),
    },
    body,
  };
}

/** The source's content, refused mid-stream when it is not what was announced or allowed. */
async function* checkedContent({ source, name, maxBytes }: UploadPart): AsyncGenerator<Uint8Array> {
  const chunks = source.open();
  let read = 0;
  const fail = (why: string) =>
    new MiniMaxInputError(
      "file",
      `file ${source.label} (${JSON.stringify(name)}) ${why}; nothing was stored (the request was cut).`,
    );
  try {
    for (;;) {
      const step = await chunks.next();
      if (step.done) break;
      read += step.value.byteLength;
      if (source.size !== undefined && read > source.size)
        throw fail(`grew while being sent (more than the ${source.size} bytes it had)`);
      if (maxBytes !== undefined && read > maxBytes)
        throw fail(
          `is larger than ${maxBytes} bytes, the documented limit (pass checkLimits: false to send it anyway)`,
        );
      yield step.value;
    }
  } finally {
    await chunks.return?.(undefined);
  }
  if (source.size !== undefined && read !== source.size)
    throw fail(`shrank while being sent (${read} of ${source.size} bytes)`);
  if (read === 0) throw fail("is empty (0 bytes); MiniMax stores no empty files");
}

/** The few FormData methods the encoder calls, over fields in their order. */
function fields(entries: Array<[string, string | FileLike]>): FormDataLike {
  const form = {
    append: () => undefined,
    getAll: (name: string) => entries.filter(([n]) => n === name).map(([, v]) => v),
    entries: () => entries[Symbol.iterator](),
    [Symbol.iterator]: () => entries[Symbol.iterator](),
    [Symbol.toStringTag]: "FormData",
  };
  return form as unknown as FormDataLike;
}
