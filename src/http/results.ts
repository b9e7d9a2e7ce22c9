// The results the methods promise. MiniMax's spec marks no FileObject field required (our overlay
// does, from the published examples); the client checks what it guarantees itself, and a success lacking one of those is a MiniMaxResponseError rather
// than an `undefined` the caller finds later.
import type { components } from "../../generated/schema";
import type { ParseContext } from "../core/pipeline";
import { showJson } from "../util/describe";
import { checkBaseResp } from "./response";
import { isRecord } from "../util/guards";

type GeneratedFileObject = components["schemas"]["FileObject"];
type Guaranteed = "file_id" | "bytes" | "created_at" | "filename" | "purpose";

/** A stored file's record. `file_id` is the int64 id as a decimal string. */
export type FileObject = Required<Pick<GeneratedFileObject, Guaranteed>> & Omit<GeneratedFileObject, Guaranteed>;

/** What `delete` returns. */
export type DeletedFile = Required<Pick<components["schemas"]["DeleteFileResp"], "file_id">>;

const CHECKS: ReadonlyArray<readonly [Guaranteed, (v: unknown) => boolean]> = [
  ["file_id", (v) => typeof v === "string"], // json.ts already turned the int64 into a decimal string
  ["bytes", (v) => Number.isSafeInteger(v) && (v as number) >= 0],
  ["created_at", (v) => Number.isSafeInteger(v)],
  ["filename", (v) => typeof v === "string"],
  ["purpose", (v) => typeof v === "string"],
];

/**
 * `value` as a FileObject, or a description of what is wrong with it (for MiniMaxResponseError).
 * `where` is a function so that a list of many files builds no name for the files that are fine.
 */
export function checkFileObject(value: unknown, where: string | (() => string)): FileObject | string {
  const at = typeof where === "string" ? () => where : where;
  if (!isRecord(value)) return `no ${at()} (got ${value === undefined ? "nothing" : showJson(value)})`;
  for (const [field, ok] of CHECKS) {
    if (!ok(value[field]))
      return `${at()}.${field} ${value[field] === undefined ? "missing" : `invalid (${showJson(value[field])})`}`;
  }
  if (value["download_url"] !== undefined && typeof value["download_url"] !== "string")
    return `${at()}.download_url invalid (${showJson(value["download_url"])})`;
  return value as FileObject;
}

/** The JSON body as an object, after MiniMax's verdict in base_resp. */
export function envelope(data: unknown, ctx: ParseContext): Record<string, unknown> {
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw ctx.problem(`${data === undefined ? "no body" : showJson(data)} instead of a JSON object`);
  checkBaseResp(data, ctx.response, () => ctx.details, ctx.redact);
  return data as Record<string, unknown>;
}

export function fileOf(data: unknown, ctx: ParseContext): FileObject {
  const checked = checkFileObject(envelope(data, ctx)["file"], "file");
  if (typeof checked === "string") throw ctx.problem(checked);
  return checked;
}
