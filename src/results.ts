// The results the methods promise. MiniMax's spec marks no FileObject field required (our overlay
// does, from the published examples); the client checks what it guarantees itself, and a success lacking one of those is a MiniMaxResponseError rather
// than an `undefined` the caller finds later.
import type { components } from "../generated/schema";
import { isRecord, showJson } from "./errors";

type GeneratedFileObject = components["schemas"]["FileObject"];
type Guaranteed = "file_id" | "bytes" | "created_at" | "filename" | "purpose";

/** A stored file's record. `file_id` is the int64 id as a decimal string. */
export type FileObject = Required<Pick<GeneratedFileObject, Guaranteed>> & Omit<GeneratedFileObject, Guaranteed>;

/** What `delete` returns. */
export type DeletedFile = Required<Pick<components["schemas"]["DeleteFileResp"], "file_id">>;

const CHECKS: Record<Guaranteed, (v: unknown) => boolean> = {
  file_id: (v) => typeof v === "string", // json.ts already turned the int64 into a decimal string
  bytes: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  created_at: (v) => Number.isSafeInteger(v),
  filename: (v) => typeof v === "string",
  purpose: (v) => typeof v === "string",
};

/** `value` as a FileObject, or a description of what is wrong with it (for MiniMaxResponseError). */
export function checkFileObject(value: unknown, where: string): FileObject | string {
  if (!isRecord(value)) return `no ${where} (got ${value === undefined ? "nothing" : showJson(value)})`;
  for (const [field, ok] of Object.entries(CHECKS)) {
    if (!ok(value[field])) return `${where}.${field} ${value[field] === undefined ? "missing" : `invalid (${showJson(value[field])})`}`;
  }
  if (value["download_url"] !== undefined && typeof value["download_url"] !== "string") return `${where}.download_url invalid (${showJson(value["download_url"])})`;
  return value as FileObject;
}
