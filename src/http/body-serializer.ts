// How the raw client (and so every method) turns a typed `body` into bytes. openapi-fetch's
// default is JSON.stringify for everything, which sent `raw.POST('/v1/files/upload', { body:
// { purpose, file } })` as `{"purpose":…,"file":{}}`. Here a body holding a Blob is multipart
// (fetch writes the boundary), and JSON keeps int64 ids exact (decimal strings go out as integers).
import { MiniMaxInputError } from "../errors";
import { isRecord } from "../util/guards";
import { stringifyJson } from "./json";

export function serializeBody(body: unknown): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body instanceof FormData || body instanceof Blob || body instanceof URLSearchParams) return body;
  if (body instanceof ReadableStream) {
    // fetch would need `duplex: "half"` and the spec has no streamed body: say so, before sending.
    throw new MiniMaxInputError(
      "body",
      "A ReadableStream body is not supported by the raw client: pass a Blob (a File, fs.openAsBlob(path)) in the body's file field.",
    );
  }
  if (isRecord(body) && Object.values(body).some((v) => v instanceof Blob)) return toMultipart(body);
  return stringifyJson(body);
}

/** Fields in their given order; Blobs as file parts (a File keeps its name), the rest as text. */
export function toMultipart(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(name, value);
    else form.append(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}
