// The five operations of generated/openapi.json, by operationId: each reads its request, acts on
// the store and gives the answer's content (the handler writes it). A request it refuses throws a
// BusinessError (refusal.ts). An id is judged by the validator's own rules (wire-rules.ts); a valid
// id that the store does not hold is "file not found".
import type fs from "node:fs";
import type http from "node:http";
import { parse } from "lossless-json";
import { DELETE_PURPOSES, LIST_PURPOSES } from "../../generated/constants";
import { invalid } from "./refusal";
import { drain, readSmallBody } from "./request-body";
import type { FileStore, StoredFile } from "./store";
import { receiveUpload } from "./upload-receiver";
import { readInt64Json, readInt64Query, requestMediaProblem, type RecordedRequest } from "./validator";
import { operationAt } from "./validator/spec-index";

/** What an operation answers: a JSON body (base_resp is added by the handler), or a stored file's bytes. */
export type Answer = { json: Record<string, unknown> } | { file: StoredFile; content: fs.ReadStream };
export type Operation = (req: http.IncomingMessage, query: URLSearchParams, seen: RecordedRequest) => Promise<Answer>;

const DELETE = operationAt("POST /v1/files/delete");

/** A query parameter the spec documents once: more than one value is refused, as the validator reports it. */
function single(query: URLSearchParams, name: string): string {
  const values = query.getAll(name);
  if (values.length !== 1)
    throw invalid(values.length === 0 ? `${name} is required` : `${name} is given ${values.length} times`);
  return values[0] ?? "";
}

function fileIdOf(query: URLSearchParams): bigint {
  const reading = readInt64Query(single(query, "file_id"));
  if (!reading.ok) throw invalid(`file_id ${reading.problem}`);
  return reading.value;
}

/** A stored file as the spec's FileObject, its id still a BigInt (written as an exact JSON integer). */
const fileObject = (file: StoredFile) => ({
  file_id: file.id,
  bytes: file.bytes,
  created_at: file.createdAt,
  filename: file.filename,
  purpose: file.purpose,
});

/** The operations, by operationId, acting on this store. */
export function routes(store: FileStore): Record<string, Operation> {
  return {
    async uploadFile(req, _query, seen) {
      const upload = await receiveUpload(req, seen, () => store.spoolPath());
      return { json: { file: fileObject(await store.add(upload)) } };
    },
    async listFiles(_req, query) {
      const purpose = single(query, "purpose");
      if (!(LIST_PURPOSES as readonly string[]).includes(purpose))
        throw invalid(`purpose must be one of ${LIST_PURPOSES.join(", ")}`);
      return { json: { files: store.list(purpose).map(fileObject) } };
    },
    async retrieveFile(_req, query) {
      return { json: { file: fileObject(store.get(fileIdOf(query))) } };
    },
    async retrieveFileContent(_req, query) {
      // Opened before answering (store.ts): a delete can only win before this, and then the answer
      // is a clean refusal; after it, the handle keeps the bytes the answer promises.
      return store.openContent(fileIdOf(query));
    },
    async deleteFile(req, _query, seen) {
      const mediaProblem = requestMediaProblem(DELETE, req.headers["content-type"]);
      if (mediaProblem !== undefined) {
        seen.unreadBody = mediaProblem;
        await drain(req);
        throw invalid("the body must be application/json");
      }
      const text = await readSmallBody(req, seen);
      seen.body = text;
      let body: unknown;
      try {
        body = parse(text);
      } catch {
        throw invalid("the body must be JSON");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw invalid("the body must be a JSON object");
      const { file_id, purpose } = body as Record<string, unknown>;
      const reading = readInt64Json(file_id);
      if (!reading.ok) throw invalid(`file_id ${reading.problem}`);
      const id = reading.value;
      if (typeof purpose !== "string" || !(DELETE_PURPOSES as readonly string[]).includes(purpose))
        throw invalid(`purpose must be one of ${DELETE_PURPOSES.join(", ")}`);
      const file = store.get(id);
      // The docs do not say what a wrong purpose does; the sandbox refuses it (an assumption).
      if (file.purpose !== purpose) throw invalid(`purpose ${purpose} is not the file's purpose`);
      await store.remove(id);
      return { json: { file_id: id } };
    },
  };
}
