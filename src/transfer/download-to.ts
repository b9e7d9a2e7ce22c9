// downloadTo(): a file's content written to disk as it arrives, atomically. The bytes go to a
// temporary file next to the destination (same folder, so same file system) and are renamed onto
// it only once all of them, as many as the Content-Length announced, are written. On any failure
// (abort, time limit, lost connection, full disk) the temporary file is removed and the
// destination is left as it was: no partial file is ever visible under the destination's name.
// Atomic as seen by other readers, not durable across a power cut: the file is not fsynced
// before the rename (that would cost seconds per GiB; sync it yourself if you need that).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { APIPromise, WithResponse } from "../core/api-promise";
import { MiniMaxInputError, MiniMaxResponseError, type RequestSummary } from "../errors";
import { describeInput } from "../util/describe";
import { bodyLengthOf } from "./content-length";
import { traceIdOf } from "../http/response";

const WRITE_BATCH = 1024 * 1024;

/** Download progress: bytes written so far, of `total` when the server sent a Content-Length. */
export interface DownloadProgress {
  loaded: number;
  total: number | undefined;
}

/** Where the file went. */
export interface DownloadedFile {
  /** The destination's absolute path. */
  path: string;
  /** Bytes written. */
  bytes: number;
}

/** Where a download goes: the file to replace (a symlink's target), and the mode to keep. */
export interface Destination {
  path: string;
  /** The replaced file's permission bits, given to the new file. */
  mode: number | undefined;
}

/** Checks the destination before anything is sent. */
export async function checkDestination(destination: unknown): Promise<Destination> {
  let where: string;
  try {
    if (typeof destination !== "string" && !(destination instanceof URL)) throw new Error();
    where = path.resolve(destination instanceof URL ? fileURLToPath(destination) : destination);
  } catch {
    throw new MiniMaxInputError(
      "destination",
      `destination must be a path (a string or a file: URL), got ${describeInput(destination)}.`,
    );
  }
  const refuse = (why: string) =>
    new MiniMaxInputError("destination", `cannot download to ${JSON.stringify(where)}: ${why}.`);
  // A symlink stays a symlink: the file it points to is the one replaced.
  where = await fs.promises.realpath(where).catch(() => where);
  const folder = path.dirname(where);
  const stat = await fs.promises.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw refuse(`its folder ${JSON.stringify(folder)} does not exist`);
  if (
    !(await fs.promises.access(folder, fs.constants.W_OK).then(
      () => true,
      () => false,
    ))
  )
    throw refuse(`its folder ${JSON.stringify(folder)} is not writable`);
  const existing = await fs.promises.stat(where).catch(() => undefined);
  if (existing?.isDirectory()) throw refuse("it is a directory");
  if (existing && !existing.isFile()) throw refuse("it is not a regular file");
  return { path: where, mode: existing ? existing.mode & 0o7777 : undefined };
}

/** Writes the streamed content to `where` through a temporary file (see the top of this file). */
export async function writeAtomically(
  content: APIPromise<ReadableStream<Uint8Array>>,
  request: RequestSummary,
  { path: where, mode }: Destination,
  onProgress: ((progress: DownloadProgress) => void) | undefined,
): Promise<WithResponse<DownloadedFile>> {
  const { data: stream, response, traceId } = await content.withResponse();
  const total = bodyLengthOf(response.headers);
  const temporary = path.join(path.dirname(where), `.${path.basename(where)}.${randomUUID().slice(0, 8)}.download`);
  let handle: fs.promises.FileHandle | undefined;
  let loaded = 0;
  try {
    handle = await fs.promises.open(temporary, "wx");
    if (mode !== undefined) await handle.chmod(mode);
    const file = handle;
    // Chunks are written in batches of about 1 MiB while the next batch is read: one write
    // per network chunk (often 16–64 KiB) would cost more than the bytes. At most two batches
    // are held, so memory stays bounded.
    let batch: Uint8Array[] = [];
    let batched = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const flush = async () => {
      await writing;
      const chunks = batch;
      const bytes = batched;
      batch = [];
      batched = 0;
      writing = file.writev(chunks).then(() => {
        loaded += bytes;
        onProgress?.({ loaded, total });
      });
      // A failed write surfaces at the next flush or at the end, not as an unhandled rejection.
      writing.catch(() => undefined);
    };
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      batch.push(chunk);
      batched += chunk.byteLength;
      if (batched >= WRITE_BATCH) await flush();
    }
    if (batched) await flush();
    await writing;
    if (total !== undefined && loaded !== total) {
      throw new MiniMaxResponseError({
        operation: "retrieveFileContent",
        request,
        status: response.status,
        traceId: traceIdOf(response),
        problem: `${loaded} bytes arrived where Content-Length announced ${total}`,
      });
    }
    if (loaded === 0) onProgress?.({ loaded, total });
    await handle.close();
    handle = undefined;
    await fs.promises.rename(temporary, where);
    return { data: { path: where, bytes: loaded }, response, traceId };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Ends the download (and its time limit) when writing failed rather than reading.
    await (stream as ReadableStream<Uint8Array>).cancel().catch(() => undefined);
    // The error thrown is the one that ended the download: a temporary file never created (its
    // name too long, say) or already gone cannot replace it, nor leave the download running.
    await fs.promises.unlink(temporary).catch(() => undefined);
    throw error;
  }
}
