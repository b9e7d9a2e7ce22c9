// Every kind of file input, as one shape: a name and type to infer from, a size when it can be
// known before sending, and a fresh async iterator of the content for each attempt. Content is
// read as it is sent, never gathered in memory: a path is read through a file handle, a Blob
// through its stream, bytes already in memory are sliced, not copied.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { MiniMaxInputError } from "../errors";
import { isErrorLike } from "../util/guards";
import { bodyLengthOf } from "./content-length";

/**
 * How much of a file (or of bytes in memory) is handed on at a time. Each chunk costs a few
 * promise hops on its way to the socket: 1 MiB keeps that cost small next to the bytes while
 * memory stays bounded (a few chunks in flight).
 */
const CHUNK_SIZE = 1024 * 1024;

/** A stream or bytes named for upload, made by toFile(). */
export interface NamedUpload {
  readonly [NAMED]: true;
  readonly source: unknown;
  readonly name: string | undefined;
  readonly type: string | undefined;
  readonly size: number | undefined;
}
export const NAMED = Symbol.for("minimax-files.NamedUpload");

export interface FileSource {
  /** What the input says its name is (a path's base name, a File's name, …). */
  name: string | undefined;
  /** What the input says its type is (a Blob's type, a Response's Content-Type). */
  type: string | undefined;
  /** Bytes it will yield, when that can be known before reading. */
  size: number | undefined;
  /** How errors name it: a path, or what kind of input it is. */
  label: string;
  /** Whether open() can be called again for a retry (a stream can be read once). */
  replayable: boolean;
  /** The content for one attempt; ending it early (return()) releases the file or stream. */
  open(): AsyncIterator<Uint8Array>;
  /** Releases a caller's stream that was refused or never read (closes its file); idempotent. */
  dispose(): Promise<void>;
}

export function isNamedUpload(value: unknown): value is NamedUpload {
  return typeof value === "object" && value !== null && (value as Partial<NamedUpload>)[NAMED] === true;
}

const refuse = (label: string, why: string, cause?: unknown) =>
  new MiniMaxInputError(
    "file",
    `file ${label} cannot be uploaded: ${why}.`,
    cause === undefined ? undefined : { cause },
  );

/** The input as a FileSource, or undefined when it is none of the kinds upload takes. */
export async function toFileSource(file: unknown): Promise<FileSource | undefined> {
  if (isNamedUpload(file)) {
    const inner = await toFileSource(file.source);
    if (!inner) return undefined;
    return { ...inner, name: file.name ?? inner.name, type: file.type ?? inner.type, size: file.size ?? inner.size };
  }
  if (typeof file === "string" || file instanceof URL) return fromPath(file);
  if (file instanceof Blob) {
    return {
      name: file instanceof File && file.name ? file.name : undefined,
      type: file.type || undefined,
      size: file.size,
      label: "(a Blob)",
      replayable: true,
      open: () => readBlob(file),
      dispose: nothing,
    };
  }
  if (ArrayBuffer.isView(file) || file instanceof ArrayBuffer) {
    const bytes =
      file instanceof ArrayBuffer
        ? new Uint8Array(file)
        : new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    return {
      name: undefined,
      type: undefined,
      size: bytes.byteLength,
      label: "(bytes)",
      replayable: true,
      open: () => sliceBytes(bytes),
      dispose: nothing,
    };
  }
  if (file instanceof fs.ReadStream) return fromReadStream(file);
  if (file instanceof Response) {
    const fromUrl = file.url ? path.posix.basename(new URL(file.url).pathname) : "";
    return oneShot(file.body ?? emptyStream(), "(a fetch Response)", {
      name: fromUrl || undefined,
      type: file.headers.get("content-type")?.split(";")[0]?.trim() || undefined,
      size: bodyLengthOf(file.headers),
      used: () => file.bodyUsed,
    });
  }
  if (file instanceof ReadableStream) return oneShot(file, "(a ReadableStream)", { used: () => file.locked });
  if (file instanceof Readable)
    return oneShot(file, "(a Readable stream)", { used: () => file.readableDidRead || file.destroyed });
  if (
    typeof file === "object" &&
    file !== null &&
    typeof (file as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  ) {
    return oneShot(file as AsyncIterable<unknown>, "(an async iterable)", {});
  }
  return undefined;
}

/** A path checked now (exists, a regular file, readable), read through a file handle when sent. */
async function fromPath(file: string | URL): Promise<FileSource> {
  let where: string;
  try {
    where = file instanceof URL ? fileURLToPath(file) : file;
  } catch {
    throw new MiniMaxInputError("file", `file ${JSON.stringify(String(file))} is not a file: URL or a path.`);
  }
  const label = JSON.stringify(where);
  let size: number;
  try {
    const stat = await fs.promises.stat(where);
    if (stat.isDirectory()) throw refuse(label, "it is a directory");
    if (!stat.isFile()) throw refuse(label, "it is not a regular file");
    // Open once to learn now, not mid-upload, that it cannot be read.
    await (await fs.promises.open(where, "r")).close();
    size = stat.size;
  } catch (error) {
    if (error instanceof MiniMaxInputError) throw error;
    const code = (error as { code?: unknown }).code;
    throw refuse(
      label,
      code === "ENOENT"
        ? "there is no such file (ENOENT)"
        : code === "EACCES" || code === "EPERM"
          ? `it cannot be read (${String(code)})`
          : `it cannot be opened (${String(code ?? error)})`,
    );
  }
  return {
    name: path.basename(where),
    type: undefined,
    size,
    label,
    replayable: true,
    open: () => readFile(where, label),
    dispose: nothing,
  };
}

/**
 * An fs.ReadStream not yet read from: its path gives the name and, for a regular file (with the
 * stream's start/end), the size. One opened on a file descriptor, a pipe or a device has neither.
 */
async function fromReadStream(stream: fs.ReadStream): Promise<FileSource> {
  // At once, before any await: opening a missing file fails in the background (see oneShot).
  stream.on("error", () => undefined);
  const where = stream.path === undefined ? undefined : String(stream.path);
  const label = where === undefined ? "(an fs.ReadStream)" : JSON.stringify(where);
  const { start, end } = stream as unknown as { start?: number; end?: number };
  let size: number | undefined;
  if (where !== undefined) {
    try {
      const stat = await fs.promises.stat(where);
      const last = Math.min(end ?? Number.POSITIVE_INFINITY, stat.size - 1);
      size = stat.isFile() && stream.bytesRead === 0 ? Math.max(0, last - (start ?? 0) + 1) : undefined;
    } catch (error) {
      stream.destroy();
      throw refuse(label, `it cannot be read (${String((error as { code?: unknown }).code ?? error)})`, error);
    }
  }
  return oneShot(stream, label, {
    name: where === undefined ? undefined : path.basename(where),
    size,
    used: () => stream.readableDidRead || stream.destroyed,
  });
}

/**
 * A stream read once. A Node stream's 'error' is listened to from here on, so a stream that fails
 * before the upload reads it (a missing file behind an fs.ReadStream) cannot crash the process;
 * reading it then reports that error.
 */
function oneShot(
  source: AsyncIterable<unknown> | ReadableStream<unknown>,
  label: string,
  known: { name?: string | undefined; type?: string | undefined; size?: number | undefined; used?: () => boolean },
): FileSource {
  if (source instanceof Readable) source.on("error", () => undefined);
  const dispose = async () => {
    if (source instanceof Readable) source.destroy();
    else if (source instanceof ReadableStream) await source.cancel().catch(() => undefined);
    else {
      // Awaited in a try, not `.return?.()?.catch(…)`: a hand-written iterator's return() may give
      // a plain result (no catch method) or throw at once; releasing it must not fail the call.
      try {
        await (source as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
      } catch {
        // It could not be ended: nothing more to release.
      }
    }
  };
  if (known.used?.()) {
    void dispose();
    throw refuse(label, "it has already been read (a stream can be read once)");
  }
  let opened = false;
  return {
    name: known.name,
    type: known.type,
    size: known.size,
    label,
    replayable: false,
    open: () => {
      if (opened) throw refuse(label, "it was read by an earlier attempt (a stream can be read once)");
      opened = true;
      return readIterable(source as AsyncIterable<unknown>, label);
    },
    // After open(), ending the iterator (multipart.ts does) releases the stream; before, this does.
    dispose: () => (opened ? Promise.resolve() : ((opened = true), dispose())),
  };
}

const nothing = () => Promise.resolve();

async function* readFile(where: string, label: string): AsyncGenerator<Uint8Array> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(where, "r");
  } catch (error) {
    throw refuse(label, `it cannot be opened any more (${String((error as { code?: unknown }).code ?? error)})`, error);
  }
  try {
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(CHUNK_SIZE), 0, CHUNK_SIZE, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* readBlob(blob: Blob): AsyncGenerator<Uint8Array> {
  // A disk-backed Blob (fs.openAsBlob) whose file changed since it was made cannot be read; say so.
  yield* readIterable(blob.stream() as unknown as AsyncIterable<unknown>, "(a Blob)");
}

async function* sliceBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += CHUNK_SIZE) yield bytes.subarray(at, at + CHUNK_SIZE);
}

/** Chunks of a stream as bytes, as they come; a failing read is a MiniMaxInputError. */
async function* readIterable(source: AsyncIterable<unknown>, label: string): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw refuse(
          label,
          `reading it failed (${isErrorLike(error) ? `${error.name}: ${error.message}` : String(error)})`,
          error,
        );
      }
      if (step.done) return;
      yield toBytes(step.value, label);
    }
  } finally {
    await iterator.return?.();
  }
}

function toBytes(value: unknown, label: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === "string") return new TextEncoder().encode(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw refuse(label, `it yielded ${value === null ? "null" : typeof value}, not bytes`);
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}
