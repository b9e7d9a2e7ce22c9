// The upload's arguments, checked before anything is sent, as the part multipart.ts encodes for
// each attempt: purpose, a file source (upload-source.ts), the filename MiniMax stores and the
// part's Content-Type.
import path from "node:path";
import { lookup } from "mime-types";
import { MiniMaxInputError } from "../errors";
import { describeInput } from "../util/describe";
import { assertMediaType, assertObject, assertOneOf } from "../util/inputs";
import type { UploadPart } from "./multipart-body";
import { UPLOAD_PURPOSES, type UploadPurpose } from "../spec/values";
import { maxBytesFor, UPLOAD_LIMITS } from "./upload-limits";
import { toFileSource, type NamedUpload } from "./upload-source";

/**
 * What can be uploaded. Files on disk and streams are read as they are sent, never held whole in
 * memory:
 * - a path (a string or a `file:` URL);
 * - a Blob or File (including `fs.openAsBlob(path)`), a Buffer, Uint8Array or ArrayBuffer;
 * - an `fs.ReadStream`, a Node Readable, a web ReadableStream, an AsyncIterable of bytes or a
 *   fetch Response (read once: such an upload is not retried);
 * - any of these named by `toFile(source, 'name.mp3', { size })`.
 */
export type UploadableFile =
  | string
  | URL
  | Blob
  | ArrayBufferView
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  // A Node Readable (fs.ReadStream included) is one of these: no @types/node needed to use the type.
  | AsyncIterable<Uint8Array | string>
  | Response
  | NamedUpload;

export interface UploadParams {
  /** The file's content, or the path of a file on disk. */
  file: UploadableFile;
  /** What the file is for; decides which formats MiniMax accepts. */
  purpose: UploadPurpose;
  /**
   * The filename MiniMax stores (its extension tells MiniMax the format).
   * @default the path's base name, a File's or toFile()'s name, a Response URL's last segment;
   * required otherwise
   * @example 'voice-sample.mp3'
   */
  filename?: string | undefined;
  /**
   * The file part's Content-Type.
   * @default the input's own type (a Blob's, a Response's), else what the filename's extension
   * says (mime-types), else application/octet-stream
   */
  contentType?: string | undefined;
  /**
   * Refuse, before sending, a file whose extension or size is outside what MiniMax's docs give
   * for the purpose (see UPLOAD_LIMITS). `false` sends it anyway, for when MiniMax relaxes them.
   * @default true
   */
  checkLimits?: boolean | undefined;
}

const KINDS =
  "a path, a Blob or File, a Buffer, Uint8Array or ArrayBuffer, a readable stream, an async iterable of bytes or a fetch Response";

/** The upload's arguments checked (a path found and opened, a size compared with the limits). */
export async function toUploadPart(params: unknown): Promise<UploadPart> {
  assertObject(params, "params");
  const { file, purpose, filename, contentType, checkLimits = true } = params;
  if (file === undefined || file === null) throw new MiniMaxInputError("file", `file is required: pass ${KINDS}.`);
  // The source first: a caller's stream is then listened to and, if anything is refused, closed.
  const source = await toFileSource(file);
  if (!source) throw new MiniMaxInputError("file", `file must be ${KINDS}; got ${describeInput(file)}.`);
  try {
    assertOneOf(purpose, UPLOAD_PURPOSES, "purpose");
    if (typeof checkLimits !== "boolean")
      throw new MiniMaxInputError(
        "checkLimits",
        `checkLimits must be true or false, got ${describeInput(checkLimits)}.`,
      );
    if (contentType !== undefined) assertMediaType(contentType, "contentType");
    if (source.size === 0)
      throw new MiniMaxInputError("file", `file ${source.label} is empty (0 bytes); MiniMax stores no empty files.`);
    const name = filename ?? source.name;
    if (typeof name !== "string" || name.trim() === "") {
      throw new MiniMaxInputError(
        "filename",
        `filename is required when file is not a path, a named File or toFile(…) (got ${describeInput(filename)}); MiniMax reads the format from its extension.`,
      );
    }
    if (/[\r\n"\\/]/.test(name)) {
      throw new MiniMaxInputError(
        "filename",
        `filename must be a bare name without quotes, backslashes, slashes or line breaks; got ${describeInput(name)}.`,
      );
    }
    const maxBytes = checkLimits ? checkDocumentedLimits(purpose, name, source.size) : undefined;
    const type = (contentType as string | undefined) ?? source.type ?? (lookup(name) || "application/octet-stream");
    return { purpose, name, type, source, maxBytes };
  } catch (error) {
    await source.dispose(); // a caller's stream refused here is closed, not leaked
    throw error;
  }
}

const MiB = 1024 * 1024;

/** Refuses what the docs' limits exclude; returns the size limit left to check while sending. */
function checkDocumentedLimits(purpose: UploadPurpose, name: string, size: number | undefined): number | undefined {
  const limits = UPLOAD_LIMITS[purpose];
  if (!limits) return undefined; // no documented limits yet: sent unchecked (npm run generate warns)
  const extension = path.extname(name).slice(1).toLowerCase();
  const off = "pass checkLimits: false to send it anyway";
  if (!limits.formats.includes(extension)) {
    const got = extension ? `.${extension}` : "no extension";
    throw new MiniMaxInputError(
      "filename",
      `${purpose} takes ${limits.formats.join(", ")} files (MiniMax's docs); ${JSON.stringify(name)} has ${got}. Rename it if that is wrong, or ${off}.`,
    );
  }
  const maxBytes = maxBytesFor(limits, extension);
  if (maxBytes !== undefined && size !== undefined && size > maxBytes) {
    // Bytes, and MiB beside them: the docs' "20 MB" is read as 20 MiB (upload-limits.ts), so the unit shown is the one counted.
    const mib = (n: number) => `${Number.isInteger(n / MiB) ? n / MiB : (n / MiB).toFixed(1)} MiB`;
    const documented = `${maxBytes / MiB} MB`;
    const what =
      limits.maxBytesByFormat?.[extension] === undefined ? `${purpose} files` : `.${extension} files for ${purpose}`;
    throw new MiniMaxInputError(
      "file",
      `${JSON.stringify(name)} is ${size} bytes (${mib(size)}); ${what} may be at most ${maxBytes} bytes (${mib(maxBytes)}: MiniMax's docs say "${documented}", read as MiB), or ${off}.`,
    );
  }
  return maxBytes;
}
