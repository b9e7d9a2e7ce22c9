// The upload's arguments, checked, as the parts of POST /v1/files/upload. body-serializer.ts turns
// them into FormData for each attempt, so fetch writes the `multipart/form-data; boundary=…` header
// itself: setting Content-Type by hand would drop the boundary and the server could not split the parts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { lookup } from "mime-types";
import { MiniMaxInputError } from "./errors";
import { assertObject, assertOneOf, describe } from "./inputs";
import { UPLOAD_PURPOSES, type UploadPurpose } from "./spec-values";
import { UPLOAD_LIMITS } from "./upload-limits";

/**
 * What can be uploaded: a path to a file on disk (a string or a `file:` URL, read lazily, never
 * held whole in memory), a Blob (a File, `fs.openAsBlob(path)`, …) or bytes in memory.
 */
export type UploadableFile = string | URL | Blob | ArrayBufferView | ArrayBuffer;

export interface UploadParams {
  /** The file's content, or the path of a file on disk. */
  file: UploadableFile;
  /** What the file is for; decides which formats MiniMax accepts. */
  purpose: UploadPurpose;
  /**
   * The filename MiniMax stores (its extension tells MiniMax the format).
   * @default the path's base name, or file.name when `file` is a File; required otherwise
   * @example 'voice-sample.mp3'
   */
  filename?: string | undefined;
  /**
   * Refuse, before sending, a file whose extension or size is outside what MiniMax's docs give
   * for the purpose (see UPLOAD_LIMITS). `false` sends it anyway, for when MiniMax relaxes them.
   * @default true
   */
  checkLimits?: boolean | undefined;
}

export interface UploadPart {
  purpose: UploadPurpose;
  file: File;
}

/** The upload's arguments checked, with a path opened (lazily) as a Blob. */
export async function toUploadPart(params: unknown): Promise<UploadPart> {
  assertObject(params, "params");
  const { file, purpose, filename, checkLimits = true } = params;
  assertOneOf(purpose, UPLOAD_PURPOSES, "purpose");
  if (typeof checkLimits !== "boolean") throw new MiniMaxInputError("checkLimits", `checkLimits must be true or false, got ${describe(checkLimits)}.`);

  if (file === undefined || file === null) {
    throw new MiniMaxInputError("file", "file is required: pass a path, a Blob, a File, a Buffer or a Uint8Array.");
  }
  const onDisk = typeof file === "string" || file instanceof URL ? await openFile(file) : undefined;
  const blob = onDisk?.blob ?? toBlob(file);
  if (!blob) {
    throw new MiniMaxInputError("file", `file must be a path, a Blob, a File, a Buffer, a Uint8Array or an ArrayBuffer; got ${describe(file)}.`);
  }
  if (blob.size === 0) {
    throw new MiniMaxInputError("file", `file ${onDisk ? `${JSON.stringify(onDisk.path)} ` : ""}is empty (0 bytes); MiniMax stores no empty files.`);
  }

  const name = filename ?? onDisk?.name ?? (file instanceof File && file.name ? file.name : undefined);
  if (typeof name !== "string" || name.trim() === "") {
    throw new MiniMaxInputError("filename", `filename is required when file is not a path or a named File (got ${describe(filename)}); MiniMax reads the format from its extension.`);
  }
  if (/[\r\n"\\/]/.test(name)) {
    throw new MiniMaxInputError("filename", `filename must be a bare name without quotes, backslashes, slashes or line breaks; got ${describe(name)}.`);
  }
  if (checkLimits) checkDocumentedLimits(purpose, name, blob.size);
  // The part's Content-Type: the Blob's own type, else what the extension says.
  const type = blob.type || lookup(name) || "application/octet-stream";
  return { purpose, file: new File([blob], name, { type }) };
}

function checkDocumentedLimits(purpose: UploadPurpose, name: string, size: number): void {
  const limits = UPLOAD_LIMITS[purpose];
  const extension = path.extname(name).slice(1).toLowerCase();
  const off = "pass checkLimits: false to send it anyway";
  if (!limits.formats.includes(extension)) {
    const got = extension ? `.${extension}` : "no extension";
    throw new MiniMaxInputError("filename", `${purpose} takes ${limits.formats.join(", ")} files (MiniMax's docs); ${JSON.stringify(name)} has ${got}. Rename it if that is wrong, or ${off}.`);
  }
  if (limits.maxBytes !== undefined && size > limits.maxBytes) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    throw new MiniMaxInputError("file", `${JSON.stringify(name)} is ${mb(size)}; ${purpose} files may be at most ${mb(limits.maxBytes)} (MiniMax's docs), or ${off}.`);
  }
}

/** A path checked (exists, a regular file, readable) and opened as a disk-backed Blob. */
async function openFile(file: string | URL): Promise<{ path: string; name: string; blob: Blob }> {
  let where: string;
  try {
    where = file instanceof URL ? fileURLToPath(file) : file;
  } catch {
    throw new MiniMaxInputError("file", `file ${JSON.stringify(String(file))} is not a file: URL or a path.`);
  }
  const refuse = (why: string) => new MiniMaxInputError("file", `file ${JSON.stringify(where)} cannot be uploaded: ${why}.`);
  const reason = (error: unknown) => {
    const code = (error as { code?: unknown }).code;
    return code === "ENOENT" ? "there is no such file (ENOENT)" : code === "EACCES" || code === "EPERM" ? `it cannot be read (${String(code)})` : `it cannot be opened (${String(code ?? error)})`;
  };
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(where);
    if (stat.isDirectory()) throw refuse("it is a directory");
    if (!stat.isFile()) throw refuse("it is not a regular file");
    // Open once to learn now, not mid-upload, that it cannot be read.
    await (await fs.promises.open(where, "r")).close();
    return { path: where, name: path.basename(where), blob: await fs.openAsBlob(where) };
  } catch (error) {
    throw error instanceof MiniMaxInputError ? error : refuse(reason(error));
  }
}
function toBlob(file: unknown): Blob | undefined {
  if (file instanceof Blob) return file;
  if (ArrayBuffer.isView(file)) return new Blob([new Uint8Array(file.buffer as ArrayBuffer, file.byteOffset, file.byteLength)]);
  if (file instanceof ArrayBuffer) return new Blob([file]);
  return undefined;
}
