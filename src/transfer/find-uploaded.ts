// Which stored files an upload would duplicate: the files of its purpose with the same name and,
// when given, the same size. MiniMax has no upload key to make a repeated upload harmless, so a
// caller who does not know whether an upload was stored (MiniMaxConnectionError or
// MiniMaxTimeoutError with `fileMayBeStored`) looks before sending it again.
import { MiniMaxInputError } from "../errors";
import type { FileObject } from "../http/results";
import type { ListPurpose } from "../spec/values";
import { describeInput } from "../util/describe";
import { assertObject } from "../util/inputs";

export interface FindUploadedParams {
  /** The purpose it was uploaded with (files are listed per purpose). */
  purpose: ListPurpose;
  /** The name it was uploaded under (MiniMax keeps the name it was sent). */
  filename: string;
  /** Its size in bytes; without it, every file of that name matches. */
  bytes?: number | undefined;
}

/** Checks the parameters before anything is sent; each error names the parameter. */
export function checkFindUploaded(params: unknown): asserts params is FindUploadedParams {
  assertObject(params, "params");
  const { filename, bytes } = params;
  if (typeof filename !== "string" || filename === "")
    throw new MiniMaxInputError("filename", `filename must be a non-empty string, got ${describeInput(filename)}.`);
  if (bytes !== undefined && !(Number.isSafeInteger(bytes) && (bytes as number) >= 0))
    throw new MiniMaxInputError("bytes", `bytes must be a whole number of bytes ≥ 0, got ${describeInput(bytes)}.`);
}

/** The stored files that match, in the order MiniMax listed them. */
export function matchingUploads(files: readonly FileObject[], { filename, bytes }: FindUploadedParams): FileObject[] {
  return files.filter((file) => file.filename === filename && (bytes === undefined || file.bytes === bytes));
}
