// The upload's arguments, checked, as the parts of POST /v1/files/upload. body-serializer.ts turns
// them into FormData for each attempt, so fetch writes the `multipart/form-data; boundary=…` header
// itself: setting Content-Type by hand would drop the boundary and the server could not split the parts.
import { lookup } from "mime-types";
import { MiniMaxInputError } from "./errors";
import { assertObject, assertOneOf, describe } from "./inputs";
import { UPLOAD_PURPOSES, type UploadPurpose } from "./spec-values";

/** What can be uploaded today: a Blob (a File, `fs.openAsBlob(path)`, …) or bytes in memory. */
export type UploadableFile = Blob | ArrayBufferView | ArrayBuffer;

export interface UploadParams {
  /** The file's content. */
  file: UploadableFile;
  /** What the file is for; decides which formats MiniMax accepts. */
  purpose: UploadPurpose;
  /**
   * The filename MiniMax stores (its extension tells MiniMax the format).
   * @default file.name when `file` is a File; required otherwise
   * @example 'voice-sample.mp3'
   */
  filename?: string | undefined;
}

export interface UploadPart {
  purpose: UploadPurpose;
  file: File;
}

export function toUploadPart(params: unknown): UploadPart {
  assertObject(params, "params");
  const { file, purpose, filename } = params;
  assertOneOf(purpose, UPLOAD_PURPOSES, "purpose");

  if (file === undefined || file === null) {
    throw new MiniMaxInputError("file", "file is required: pass a Blob, a File, a Buffer or a Uint8Array.");
  }
  const blob = toBlob(file);
  if (!blob) {
    throw new MiniMaxInputError("file", `file must be a Blob, a File, a Buffer, a Uint8Array or an ArrayBuffer; got ${describe(file)}.`);
  }
  if (blob.size === 0) {
    throw new MiniMaxInputError("file", "file is empty (0 bytes); MiniMax stores no empty files.");
  }

  const name = filename ?? (file instanceof File && file.name ? file.name : undefined);
  if (typeof name !== "string" || name.trim() === "") {
    throw new MiniMaxInputError("filename", `filename is required when file is not a named File (got ${describe(filename)}); MiniMax reads the format from its extension.`);
  }
  if (/[\r\n"\\/]/.test(name)) {
    throw new MiniMaxInputError("filename", `filename must be a bare name without quotes, backslashes, slashes or line breaks; got ${describe(name)}.`);
  }
  // The part's Content-Type: the Blob's own type, else what the extension says.
  const type = blob.type || lookup(name) || "application/octet-stream";
  return { purpose, file: new File([blob], name, { type }) };
}

function toBlob(file: unknown): Blob | undefined {
  if (file instanceof Blob) return file;
  if (ArrayBuffer.isView(file)) return new Blob([new Uint8Array(file.buffer as ArrayBuffer, file.byteOffset, file.byteLength)]);
  if (file instanceof ArrayBuffer) return new Blob([file]);
  return undefined;
}
