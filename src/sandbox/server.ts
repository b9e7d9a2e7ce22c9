// The sandbox: a stateful local stand-in for MiniMax's file API on node:http, for tests and manual
// trials. It is a test double, not MiniMax: it does what MiniMax's docs (NOTES.md) and the
// effective spec say, and where they are silent it makes a documented assumption (below).
//
// - Routes: the five operations of generated/openapi.json, at their paths and methods.
// - State: uploads kept in a temporary folder (fs.mkdtemp, removed by close()), under int64 ids
//   counting up from 2^53 + 1, so every id is one that JSON.parse would corrupt. JSON is written
//   with lossless-json from BigInt ids: ids go out as exact integers, never through a JS number.
// - Uploads are streamed, never held in memory: the multipart body is parsed as it arrives
//   (@fastify/busboy, a runtime dependency because the sandbox ships in the package and has to
//   load without extras; it has no dependencies of its own) and the file part is written to a
//   spool file as it comes. Once the upload breaks a rule (over its purpose's size, a format the
//   purpose does not take, a purpose outside the enum; checked as soon as the purpose is known,
//   and the client sends it first) the spool file is removed at once and the rest of the body is
//   read and dropped: the client gets the refusal rather than a reset, and nothing of it is kept.
// - Downloads open the file first and take Content-Length from that handle, then answer: a delete
//   that came first is a clean "file not found"; one that comes later removes the name only, and
//   the download in flight still sends every byte through its handle.
// - What is valid is defined once, in validator.ts, and the sandbox refuses exactly what the
//   validator reports: the Authorization header (readBearer, RFC 6750 `Bearer 1*SP b64token`, the
//   scheme in any case), an int64 query parameter (readInt64Query: decimal digits, "-" for a
//   negative, no leading zero, within int64), an int64 in a JSON body (readInt64Json: what JSON
//   Schema calls an integer, within int64) and a body's Content-Type (requestMediaProblem). A valid
//   id that the sandbox does not hold is "file not found".
// - Errors as MiniMax reports them: HTTP 200 with `base_resp: { status_code, status_msg }`:
//   1004 for a missing or wrong key (NOTES §2 "鉴权失败" / "not authorized"), 2013 for invalid
//   parameters (NOTES §2 "invalid params"), and 2013 for a file outside UPLOAD_LIMITS (the formats
//   and sizes the docs give per purpose, NOTES §5; the docs give no code of their own for these).
//   An unknown file_id: NOTES documents no "not found" code; the sandbox answers 2013 with
//   status_msg "file not found" (an assumption, until a live run shows what MiniMax sends).
// - Every response carries a Trace-Id header.
// - Every exchange is recorded and, unless `validate: false`, checked against the spec after the
//   answer was written (validator.ts): the checks never touch the bytes the client gets.
// - Whose finding it is. `findings` lists only the sandbox's own breaks of the spec, in its
//   answers; `requestFindings` what requests sent that the spec does not document (a missing or
//   malformed key, an id that is no int64, a purpose outside the enum, a Content-Type or a method
//   or path the spec does not have), each with side "request". A refusal is HTTP 200 + base_resp,
//   as MiniMax reports errors (NOTES §2): it conforms to the JSON operations' schemas, whose
//   base_resp documents 1004 and 2013. retrieve_content's spec documents only the file's bytes
//   (application/octet-stream, no error answer: NOTES §3.8), so no refusal of a download can
//   conform; that Content-Type finding goes with the refused request (side "request", saying so)
//   instead of being blamed on the sandbox. Anything else wrong with a refusal (its body's schema,
//   its status) stays a finding of the sandbox. A refusal under a rule the spec does not state
//   (UPLOAD_LIMITS, an unknown file_id, the wrong purpose on delete, the sandbox's own body
//   limits) is no finding at all: the request broke nothing the spec documents.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Busboy, type BusboyHeaders } from "@fastify/busboy";
import { parse, stringify } from "lossless-json";
import { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "../../generated/constants";
import { UPLOAD_LIMITS } from "../upload-limits";
import {
  sharedExchangeValidator,
  isBearerToken,
  readBearer,
  readInt64Json,
  readInt64Query,
  requestMediaProblem,
  SPEC_OPERATIONS,
  SPEC_PATHS,
  type RecordedPart,
  type RecordedRequest,
  type SandboxExchange,
  type SandboxFinding,
  type SpecOperation,
} from "./validator";

export type { RecordedPart, RecordedRequest, RecordedResponse, SandboxExchange, SandboxFinding } from "./validator";

export interface SandboxOptions {
  /** Port on `host`; 0 (the default) picks a free one. */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** The only key accepted as `Authorization: Bearer <apiKey>`; a bearer token (RFC 6750 b64token). @default "sandbox-key" */
  apiKey?: string;
  /** Check every exchange against the effective spec (needs Ajv). @default true */
  validate?: boolean;
}

export interface Sandbox {
  /** Base URL to give the client, e.g. http://127.0.0.1:41234 */
  url: string;
  apiKey: string;
  /** Every request and response, in the order the responses were written. */
  exchanges: SandboxExchange[];
  /** The sandbox's own breaks of the spec, in its answers (empty when validate is false). */
  findings: SandboxFinding[];
  /** What requests sent that the spec does not document, each with side "request" (see the header of server.ts). */
  requestFindings: SandboxFinding[];
  /** Stops the server, cuts open connections and removes the stored files. */
  close(): Promise<void>;
}

/** For the sandbox's own tests: a way to break the answers on purpose. Not part of the public API. */
export interface SandboxHooks {
  /** Called with each JSON body before it is written; what it returns is written instead. */
  transformResponse?: (operation: string, body: Record<string, unknown>) => unknown;
  /**
   * Called with the status and headers of each answer to a documented operation, JSON or file
   * bytes, after transformResponse; what it returns is written (and recorded) instead. The body is
   * sent as it is, so a hook that changes its length must change content-length to match.
   */
  transformHead?: (operation: string, head: SandboxHead) => SandboxHead;
}

/** An answer's status and headers, as transformHead sees and returns them. */
export interface SandboxHead {
  status: number;
  headers: Record<string, string | number>;
}

/** What createSandbox gives its own tests besides the public Sandbox. */
export interface InternalSandbox extends Sandbox {
  /** The temporary folder holding the stored files (removed by close()). */
  folder: string;
}

export const DEFAULT_SANDBOX_KEY = "sandbox-key";
/** The first id handed out: 2^53 + 1, the smallest integer a JS number cannot hold. */
export const FIRST_FILE_ID = 2n ** 53n + 1n;

const SUCCESS = 0;
const NOT_AUTHORIZED = 1004; // NOTES §2: 1004 鉴权失败 / not authorized
const INVALID_PARAMS = 2013; // NOTES §2: 2013 输入格式信息不正常 / invalid params
const FILE_NOT_FOUND = INVALID_PARAMS; // no code documented (see the header comment)
const UNKNOWN_ERROR = 1000; // NOTES §2: 1000 未知错误 / unknown error (the sandbox's own failures)
const JSON_BODY_LIMIT = 1024 * 1024;
// The form's text fields are kept in memory: these bound them (purpose is a short word).
const FIELD_LIMIT = 64 * 1024;
const PART_LIMIT = 64;

interface StoredFile {
  id: bigint;
  filename: string;
  bytes: number;
  createdAt: number;
  purpose: string;
  location: string;
}

/** A request the sandbox refuses in-band (HTTP 200 + base_resp). */
class BusinessError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The client went away before its request's body ended: there is no one to answer, nothing to record. */
class ClientGone extends Error {}

const invalid = (message: string) => new BusinessError(INVALID_PARAMS, `invalid params, ${message}`);
const operationAt = (key: string): SpecOperation => {
  const op = SPEC_OPERATIONS.get(key);
  if (!op) throw new Error(`the spec has no ${key}`);
  return op;
};
const UPLOAD = operationAt("POST /v1/files/upload");
const DELETE = operationAt("POST /v1/files/delete");

/** A query parameter the spec documents once: more than one value is refused, as the validator reports it. */
function single(query: URLSearchParams, name: string): string {
  const values = query.getAll(name);
  if (values.length !== 1) throw invalid(values.length === 0 ? `${name} is required` : `${name} is given ${values.length} times`);
  return values[0] ?? "";
}

function fileIdOf(query: URLSearchParams): bigint {
  const reading = readInt64Query(single(query, "file_id"));
  if (!reading.ok) throw invalid(`file_id ${reading.problem}`);
  return reading.value;
}

const isUploadPurpose = (purpose: string): purpose is keyof typeof UPLOAD_LIMITS => (UPLOAD_PURPOSES as readonly string[]).includes(purpose);

/** Why the sandbox refuses an upload with this purpose and file part (so far), if it does. */
function uploadProblem(purpose: string | undefined, file: { filename: string; bytes: number } | undefined): string | undefined {
  if (purpose === undefined || !isUploadPurpose(purpose)) return `purpose must be one of ${UPLOAD_PURPOSES.join(", ")}`;
  if (!file) return "file must be a file part";
  const limits = UPLOAD_LIMITS[purpose];
  const extension = path.extname(file.filename).slice(1).toLowerCase();
  if (!limits.formats.includes(extension)) return `${purpose} takes ${limits.formats.join(", ")} files, not ${JSON.stringify(file.filename)}`;
  if (limits.maxBytes !== undefined && file.bytes > limits.maxBytes) return `file too large: ${file.bytes} bytes, ${purpose} takes at most ${limits.maxBytes}`;
  return undefined;
}

/** Reads a request's body to its end and drops it: a refusal then reaches the client instead of a reset. */
const drain = (req: http.IncomingMessage) =>
  new Promise<void>((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.once("end", resolve).once("close", resolve).once("error", () => resolve());
    req.resume();
  });

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Upload {
  purpose: string;
  filename: string;
  bytes: number;
  spool: string;
}

export async function createSandbox(options: SandboxOptions = {}, hooks: SandboxHooks = {}): Promise<InternalSandbox> {
  const { port = 0, host = "127.0.0.1", apiKey = DEFAULT_SANDBOX_KEY, validate = true } = options;
  // A key that cannot be sent as a bearer token would make every request a refusal.
  if (!isBearerToken(apiKey)) throw new TypeError(`apiKey must be a bearer token (RFC 6750: letters, digits and -._~+/, then any "="), not ${JSON.stringify(apiKey)}`);
  const validator = validate ? sharedExchangeValidator() : undefined; // throws now if Ajv is missing
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "minimax-sandbox-"));
  const files = new Map<bigint, StoredFile>();
  const exchanges: SandboxExchange[] = [];
  const findings: SandboxFinding[] = [];
  const requestFindings: SandboxFinding[] = [];
  const refused = new WeakSet<RecordedRequest>(); // requests answered with an in-band refusal
  let nextId = FIRST_FILE_ID;
  let spooled = 0;

  const fileObject = (file: StoredFile) => ({ file_id: file.id, bytes: file.bytes, created_at: file.createdAt, filename: file.filename, purpose: file.purpose });
  const stored = (id: bigint) => {
    const file = files.get(id);
    if (!file) throw new BusinessError(FILE_NOT_FOUND, `file not found: ${id}`);
    return file;
  };
  const authorized = (req: http.IncomingMessage) => {
    const token = readBearer(req.headers.authorization);
    return token.ok && token.value === apiKey;
  };

  /** Records the exchange, then checks it. Runs after the answer was handed to the socket. */
  const record = (exchange: SandboxExchange) => {
    exchanges.push(exchange);
    if (!validator) return;
    try {
      for (const finding of validator.validate(exchange, { refused: refused.has(exchange.request) })) (finding.side === "request" ? requestFindings : findings).push(finding);
    } catch (error) {
      findings.push({ operation: exchange.operation ?? `${exchange.request.method} ${exchange.request.path}`, check: "validator", finding: `the validator failed: ${String(error)}`, side: "response" });
    }
  };

  const readSmallBody = async (req: http.IncomingMessage, seen: RecordedRequest): Promise<string> => {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= JSON_BODY_LIMIT) chunks.push(chunk);
      }
    } catch {
      throw new ClientGone("the request was cut before its body ended");
    }
    if (size > JSON_BODY_LIMIT) {
      seen.unreadBody = `${size} bytes, over the sandbox's ${JSON_BODY_LIMIT}: not kept`;
      throw invalid(`the body is larger than ${JSON_BODY_LIMIT} bytes`);
    }
    return Buffer.concat(chunks).toString("utf8");
  };

  /**
   * Streams a multipart upload (see the header): its text fields are recorded, its first `file`
   * part goes to a spool file that stops being written, and is removed, as soon as uploadProblem
   * (or a part or field over the sandbox's limits) refuses it. Resolves once the whole body was
   * read, with the spool file of an upload that can be stored; a refused one leaves nothing.
   */
  const receiveUpload = async (req: http.IncomingMessage, seen: RecordedRequest): Promise<Upload> => {
    const mediaProblem = requestMediaProblem(UPLOAD, req.headers["content-type"]);
    const malformed = () => invalid("the body must be multipart/form-data with the parts purpose and file");
    if (mediaProblem !== undefined) {
      seen.unreadBody = mediaProblem;
      await drain(req);
      throw malformed();
    }
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({ headers: req.headers as BusboyHeaders, limits: { fieldSize: FIELD_LIMIT, parts: PART_LIMIT } });
    } catch (error) {
      seen.formError = messageOf(error); // e.g. no boundary
      await drain(req);
      throw malformed();
    }

    const parts: Record<string, RecordedPart> = {};
    seen.form = parts;
    let purpose: string | undefined;
    // The part as recorded (and judged), and where its bytes are kept while it is not refused.
    let file: { part: { filename: string; type: string; bytes: number }; spool: string | undefined } | undefined;
    let limitProblem: string | undefined; // a part or field over the sandbox's own limits
    let failure: unknown; // the sandbox's own (a write that failed)
    const streams = new Set<Readable>();
    const consumers: Promise<void>[] = [];
    const refusedSoFar = () => limitProblem !== undefined || failure !== undefined || (purpose !== undefined && uploadProblem(purpose, file?.part) !== undefined);

    const store = async (stream: Readable, target: NonNullable<typeof file>) => {
      const { part } = target;
      const spool = path.join(folder, `incoming-${++spooled}`);
      let out: fs.promises.FileHandle | undefined;
      const discard = async () => {
        const open = out;
        out = undefined;
        target.spool = undefined;
        await open?.close().catch(() => undefined);
        await fs.promises.rm(spool, { force: true });
      };
      try {
        out = await fs.promises.open(spool, "wx");
        target.spool = spool;
      } catch (error) {
        failure ??= error;
      }
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          part.bytes += chunk.length;
          if (out && refusedSoFar()) await discard();
          // Awaiting each write holds the parser, and through it the socket: memory stays bounded.
          if (out) await out.write(chunk).catch(async (error: unknown) => ((failure ??= error), await discard()));
        }
        const done = out;
        out = undefined;
        await done?.close();
      } catch (error) {
        seen.formError ??= messageOf(error); // the body ended inside the part, or the parse failed
        await discard();
      }
    };
    const drop = async (stream: Readable, part: { bytes: number }) => {
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) part.bytes += chunk.length;
      } catch (error) {
        seen.formError ??= messageOf(error);
      }
    };

    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (name in parts) return; // the first of a repeated field counts, as the validator records it
      parts[name] = value;
      if (valueTruncated) limitProblem ??= `the field ${name} is longer than ${FIELD_LIMIT} bytes`;
      if (name === "purpose") purpose = value;
    });
    parser.on("file", (name, stream, filename, _encoding, type) => {
      const part = { filename: filename ?? "", type, bytes: 0 };
      streams.add(stream);
      stream.once("close", () => streams.delete(stream));
      const first = !(name in parts);
      if (first) parts[name] = part;
      if (first && name === "file") {
        file = { part, spool: undefined };
        consumers.push(store(stream, file));
      } else {
        consumers.push(drop(stream, part));
      }
    });
    parser.on("partsLimit", () => (limitProblem ??= `the body has more than ${PART_LIMIT} parts`));

    try {
      await new Promise<void>((resolve, reject) => {
        const gone = () => reject(new ClientGone("the request was cut before its body ended"));
        parser.once("finish", resolve);
        let failed = false;
        parser.on("error", (error: unknown) => {
          if (failed) return;
          failed = true;
          seen.formError ??= messageOf(error);
          req.unpipe(parser);
          for (const stream of streams) stream.destroy(error instanceof Error ? error : new Error(String(error)));
          void drain(req).then(() => (req.complete ? resolve() : gone()));
        });
        req.on("error", gone); // only ever "aborted": the socket went away
        req.once("close", () => (req.complete ? undefined : gone()));
        req.pipe(parser);
      });
    } catch (error) {
      for (const stream of streams) stream.destroy();
      await Promise.allSettled(consumers);
      if (file?.spool) await fs.promises.rm(file.spool, { force: true });
      throw error;
    }
    await Promise.all(consumers);

    const spool = file?.spool;
    const problem = uploadProblem(purpose, file?.part) ?? limitProblem;
    if (seen.formError !== undefined || failure !== undefined || problem !== undefined || purpose === undefined || !file || spool === undefined) {
      if (spool !== undefined) await fs.promises.rm(spool, { force: true });
      if (seen.formError !== undefined) throw malformed();
      if (failure !== undefined) throw failure;
      throw problem !== undefined ? invalid(problem) : new Error("the upload was not stored");
    }
    return { purpose, filename: file.part.filename, bytes: file.part.bytes, spool };
  };

  type Answer = { json: Record<string, unknown> } | { file: StoredFile; content: fs.ReadStream };

  const operations: Record<string, (req: http.IncomingMessage, query: URLSearchParams, seen: RecordedRequest) => Promise<Answer>> = {
    async uploadFile(req, _query, seen) {
      const upload = await receiveUpload(req, seen);
      const id = nextId;
      nextId += 1n;
      const location = path.join(folder, `file-${id}`);
      await fs.promises.rename(upload.spool, location).catch(async (error: unknown) => {
        await fs.promises.rm(upload.spool, { force: true });
        throw error;
      });
      const entry: StoredFile = { id, filename: upload.filename, bytes: upload.bytes, createdAt: Math.floor(Date.now() / 1000), purpose: upload.purpose, location };
      files.set(id, entry);
      return { json: { file: fileObject(entry) } };
    },
    async listFiles(_req, query) {
      const purpose = single(query, "purpose");
      if (!(LIST_PURPOSES as readonly string[]).includes(purpose)) throw invalid(`purpose must be one of ${LIST_PURPOSES.join(", ")}`);
      return { json: { files: [...files.values()].filter((f) => f.purpose === purpose).map(fileObject) } };
    },
    async retrieveFile(_req, query) {
      return { json: { file: fileObject(stored(fileIdOf(query))) } };
    },
    async retrieveFileContent(_req, query) {
      const file = stored(fileIdOf(query));
      // Open before answering (see the header): a delete can only win before this, and then the
      // answer is a clean refusal; after it, the handle keeps the bytes the answer promises.
      const handle = await fs.promises.open(file.location, "r").catch((error: NodeJS.ErrnoException) => {
        throw error.code === "ENOENT" ? new BusinessError(FILE_NOT_FOUND, `file not found: ${file.id}`) : error;
      });
      try {
        const { size } = await handle.stat();
        return { file: { ...file, bytes: size }, content: handle.createReadStream() };
      } catch (error) {
        await handle.close();
        throw error;
      }
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
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("the body must be a JSON object");
      const { file_id, purpose } = body as Record<string, unknown>;
      const reading = readInt64Json(file_id);
      if (!reading.ok) throw invalid(`file_id ${reading.problem}`);
      const id = reading.value;
      if (typeof purpose !== "string" || !(DELETE_PURPOSES as readonly string[]).includes(purpose)) throw invalid(`purpose must be one of ${DELETE_PURPOSES.join(", ")}`);
      const file = stored(id);
      // The docs do not say what a wrong purpose does; the sandbox refuses it (an assumption).
      if (file.purpose !== purpose) throw invalid(`purpose ${purpose} is not the file's purpose`);
      files.delete(id);
      await fs.promises.rm(file.location, { force: true });
      return { json: { file_id: id } };
    },
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const traceId = randomBytes(16).toString("hex");
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const method = req.method ?? "GET";
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
    const seen: RecordedRequest = { method, path: url.pathname, query, headers: { ...req.headers } };
    const operation = SPEC_OPERATIONS.get(`${method} ${url.pathname}`)?.operationId;

    const shapeHead = (head: SandboxHead) => (operation && hooks.transformHead ? hooks.transformHead(operation, head) : head);
    const sendJson = (status: number, body: Record<string, unknown>, extra: Record<string, string> = {}) => {
      const shaped = operation && hooks.transformResponse ? hooks.transformResponse(operation, body) : body;
      const text = stringify(shaped) ?? "";
      const head = shapeHead({ status, headers: { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "trace-id": traceId, ...extra } });
      res.writeHead(head.status, head.headers);
      res.end(text);
      record({ operation, request: seen, response: { ...head, body: text, bytes: Buffer.byteLength(text) } });
    };
    const baseResp = (code: number, message: string) => ({ base_resp: { status_code: code, status_msg: message } });

    const run = operation ? operations[operation] : undefined;
    if (!operation || !run) {
      req.resume();
      const known = SPEC_PATHS.has(url.pathname);
      const allow = [...SPEC_OPERATIONS.values()].filter((op) => op.path === url.pathname).map((op) => op.method);
      return sendJson(known ? 405 : 404, baseResp(known ? 405 : 404, known ? `method ${method} not allowed` : "no such operation"), known ? { allow: allow.join(", ") } : {});
    }
    let download: fs.ReadStream | undefined;
    try {
      if (!authorized(req)) {
        seen.unreadBody = "refused for its key before it was read";
        await drain(req);
        throw new BusinessError(NOT_AUTHORIZED, "not authorized: invalid api key");
      }
      if (method === "GET") req.resume();
      const answer = await run(req, url.searchParams, seen);
      if ("json" in answer) return sendJson(200, { ...answer.json, ...baseResp(SUCCESS, "success") });
      const { file, content } = answer;
      download = content;
      const head = shapeHead({ status: 200, headers: { "content-type": "application/octet-stream", "content-length": file.bytes, "trace-id": traceId } });
      res.writeHead(head.status, head.headers);
      record({ operation, request: seen, response: { ...head, bytes: file.bytes } });
      await pipeline(content, res).catch(() => res.destroy());
    } catch (error) {
      download?.destroy(); // an answer that failed before its bytes were sent still closes the file
      if (res.headersSent || error instanceof ClientGone) return void res.destroy();
      if (error instanceof BusinessError) {
        refused.add(seen);
        return sendJson(200, baseResp(error.code, error.message));
      }
      sendJson(500, baseResp(UNKNOWN_ERROR, `sandbox error: ${messageOf(error)}`));
    }
  };

  const server = http.createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await fs.promises.rm(folder, { recursive: true, force: true });
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    apiKey,
    folder,
    exchanges,
    findings,
    requestFindings,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }).finally(() => fs.promises.rm(folder, { recursive: true, force: true }))),
  };
}
