// The sandbox: a stateful local stand-in for MiniMax's file API on node:http, for tests and manual
// trials. It is a test double, not MiniMax: it does what MiniMax's docs (NOTES.md) and the
// effective spec say, and where they are silent it makes a documented assumption (below).
//
// - Routes: the five operations of generated/openapi.json, at their paths and methods.
// - State: uploads kept in a temporary folder (fs.mkdtemp, removed by close()), under int64 ids
//   counting up from 2^53 + 1, so every id is one that JSON.parse would corrupt. JSON is written
//   with lossless-json from BigInt ids: ids go out as exact integers, never through a JS number.
// - Errors as MiniMax reports them: HTTP 200 with `base_resp: { status_code, status_msg }`:
//   1004 for a missing or wrong key (NOTES §2 "鉴权失败" / "not authorized"), 2013 for invalid
//   parameters (NOTES §2 "invalid params"), and 2013 for a file outside UPLOAD_LIMITS (the formats
//   and sizes the docs give per purpose, NOTES §5; the docs give no code of their own for these).
//   An unknown file_id: NOTES documents no "not found" code; the sandbox answers 2013 with
//   status_msg "file not found" (an assumption, until a live run shows what MiniMax sends).
// - Every response carries a Trace-Id header.
// - Every exchange is recorded and, unless `validate: false`, checked against the spec after the
//   answer was written (validator.ts): the checks never touch the bytes the client gets.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { isLosslessNumber, parse, stringify } from "lossless-json";
import { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "../../generated/constants";
import { UPLOAD_LIMITS } from "../upload-limits";
import { ExchangeValidator, SPEC_OPERATIONS, SPEC_PATHS, type RecordedPart, type RecordedRequest, type SandboxExchange, type SandboxFinding } from "./validator";

export type { RecordedPart, RecordedRequest, RecordedResponse, SandboxExchange, SandboxFinding } from "./validator";

export interface SandboxOptions {
  /** Port on `host`; 0 (the default) picks a free one. */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** The only key accepted as `Authorization: Bearer <apiKey>`. @default "sandbox-key" */
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
  /** Every way an exchange differed from the spec (empty when validate is false). */
  findings: SandboxFinding[];
  /** Stops the server, cuts open connections and removes the stored files. */
  close(): Promise<void>;
}

/** For the sandbox's own tests: a way to break the answers on purpose. Not part of the public API. */
export interface SandboxHooks {
  /** Called with each JSON body before it is written; what it returns is written instead. */
  transformResponse?: (operation: string, body: Record<string, unknown>) => unknown;
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

const invalid = (message: string) => new BusinessError(INVALID_PARAMS, `invalid params, ${message}`);
const DECIMAL_ID = /^(0|[1-9]\d*)$/;
const INT64_MAX = 2n ** 63n - 1n;

function fileIdFrom(value: unknown): bigint {
  const text = isLosslessNumber(value) ? value.toString() : typeof value === "string" ? value : undefined;
  if (text === undefined || !DECIMAL_ID.test(text) || BigInt(text) > INT64_MAX) throw invalid(`file_id must be an int64 integer, not ${JSON.stringify(text ?? value ?? null)}`);
  return BigInt(text);
}

export async function createSandbox(options: SandboxOptions = {}, hooks: SandboxHooks = {}): Promise<InternalSandbox> {
  const { port = 0, host = "127.0.0.1", apiKey = DEFAULT_SANDBOX_KEY, validate = true } = options;
  const validator = validate ? new ExchangeValidator() : undefined; // throws now if Ajv is missing
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "minimax-sandbox-"));
  const files = new Map<bigint, StoredFile>();
  const exchanges: SandboxExchange[] = [];
  const findings: SandboxFinding[] = [];
  let nextId = FIRST_FILE_ID;
  let spooled = 0;

  const fileObject = (file: StoredFile) => ({ file_id: file.id, bytes: file.bytes, created_at: file.createdAt, filename: file.filename, purpose: file.purpose });
  const stored = (id: bigint) => {
    const file = files.get(id);
    if (!file) throw new BusinessError(FILE_NOT_FOUND, `file not found: ${id}`);
    return file;
  };
  const authorized = (req: http.IncomingMessage) => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
    return match?.[1] === apiKey;
  };

  /** Records the exchange, then checks it. Runs after the answer was handed to the socket. */
  const record = (exchange: SandboxExchange) => {
    exchanges.push(exchange);
    if (!validator) return;
    try {
      findings.push(...validator.validate(exchange));
    } catch (error) {
      findings.push({ operation: exchange.operation ?? `${exchange.request.method} ${exchange.request.path}`, check: "validator", finding: `the validator failed: ${String(error)}` });
    }
  };

  const readSmallBody = async (req: http.IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= JSON_BODY_LIMIT) chunks.push(chunk);
    }
    if (size > JSON_BODY_LIMIT) throw invalid(`the body is larger than ${JSON_BODY_LIMIT} bytes`);
    return Buffer.concat(chunks).toString("utf8");
  };

  /** Parses a multipart upload, spooled to disk first so a big body is not held twice. */
  const readForm = async (req: http.IncomingMessage, seen: RecordedRequest): Promise<FormData | undefined> => {
    const spool = path.join(folder, `incoming-${++spooled}`);
    try {
      await pipeline(req, fs.createWriteStream(spool));
      const body = await fs.promises.readFile(spool);
      const form = await new Response(body, { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
      const parts: Record<string, RecordedPart> = {};
      form.forEach((value, name) => {
        parts[name] = typeof value === "string" ? value : { filename: value.name, type: value.type, bytes: value.size };
      });
      seen.form = parts;
      return form;
    } catch (error) {
      seen.formError = error instanceof Error ? error.message : String(error);
      return undefined;
    } finally {
      await fs.promises.rm(spool, { force: true });
    }
  };

  type Answer = { json: Record<string, unknown> } | { file: StoredFile };

  const operations: Record<string, (req: http.IncomingMessage, query: URLSearchParams, seen: RecordedRequest) => Promise<Answer>> = {
    async uploadFile(req, _query, seen) {
      const form = await readForm(req, seen);
      if (!form) throw invalid("the body must be multipart/form-data with the parts purpose and file");
      const purpose = form.get("purpose");
      const file = form.get("file");
      if (typeof purpose !== "string" || !(UPLOAD_PURPOSES as readonly string[]).includes(purpose)) throw invalid(`purpose must be one of ${UPLOAD_PURPOSES.join(", ")}`);
      if (file === null || typeof file === "string") throw invalid("file must be a file part");
      const limits = UPLOAD_LIMITS[purpose as keyof typeof UPLOAD_LIMITS];
      const extension = path.extname(file.name).slice(1).toLowerCase();
      if (!limits.formats.includes(extension)) throw invalid(`${purpose} takes ${limits.formats.join(", ")} files, not ${JSON.stringify(file.name)}`);
      if (limits.maxBytes !== undefined && file.size > limits.maxBytes) throw invalid(`file too large: ${file.size} bytes, ${purpose} takes at most ${limits.maxBytes}`);
      const id = nextId;
      nextId += 1n;
      const location = path.join(folder, `file-${id}`);
      await fs.promises.writeFile(location, new Uint8Array(await file.arrayBuffer()));
      const entry: StoredFile = { id, filename: file.name, bytes: file.size, createdAt: Math.floor(Date.now() / 1000), purpose, location };
      files.set(id, entry);
      return { json: { file: fileObject(entry) } };
    },
    async listFiles(_req, query) {
      const purpose = query.get("purpose");
      if (purpose === null || !(LIST_PURPOSES as readonly string[]).includes(purpose)) throw invalid(`purpose must be one of ${LIST_PURPOSES.join(", ")}`);
      return { json: { files: [...files.values()].filter((f) => f.purpose === purpose).map(fileObject) } };
    },
    async retrieveFile(_req, query) {
      return { json: { file: fileObject(stored(fileIdFrom(query.get("file_id") ?? undefined))) } };
    },
    async retrieveFileContent(_req, query) {
      return { file: stored(fileIdFrom(query.get("file_id") ?? undefined)) };
    },
    async deleteFile(req, _query, seen) {
      const text = await readSmallBody(req);
      seen.body = text;
      let body: unknown;
      try {
        body = parse(text);
      } catch {
        throw invalid("the body must be JSON");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("the body must be a JSON object");
      const { file_id, purpose } = body as Record<string, unknown>;
      if (!isLosslessNumber(file_id)) throw invalid(`file_id must be an int64 integer, not ${JSON.stringify(file_id ?? null)}`);
      const id = fileIdFrom(file_id);
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

    const sendJson = (status: number, body: Record<string, unknown>, extra: Record<string, string> = {}) => {
      const shaped = operation && hooks.transformResponse ? hooks.transformResponse(operation, body) : body;
      const text = stringify(shaped) ?? "";
      const headers = { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "trace-id": traceId, ...extra };
      res.writeHead(status, headers);
      res.end(text);
      record({ operation, request: seen, response: { status, headers, body: text, bytes: Buffer.byteLength(text) } });
    };
    const baseResp = (code: number, message: string) => ({ base_resp: { status_code: code, status_msg: message } });

    const run = operation ? operations[operation] : undefined;
    if (!operation || !run) {
      req.resume();
      const known = SPEC_PATHS.has(url.pathname);
      const allow = [...SPEC_OPERATIONS.values()].filter((op) => op.path === url.pathname).map((op) => op.method);
      return sendJson(known ? 405 : 404, baseResp(known ? 405 : 404, known ? `method ${method} not allowed` : "no such operation"), known ? { allow: allow.join(", ") } : {});
    }
    try {
      if (!authorized(req)) {
        req.resume(); // read the body to its end, so the client gets the answer, not a reset
        await new Promise((resolve) => (req.readableEnded ? resolve(undefined) : req.once("end", resolve).once("error", resolve)));
        throw new BusinessError(NOT_AUTHORIZED, "not authorized: invalid api key");
      }
      if (method === "GET") req.resume();
      const answer = await run(req, url.searchParams, seen);
      if ("json" in answer) return sendJson(200, { ...answer.json, ...baseResp(SUCCESS, "success") });
      const { file } = answer;
      const headers = { "content-type": "application/octet-stream", "content-length": file.bytes, "trace-id": traceId };
      const content = fs.createReadStream(file.location); // opened before the file can be deleted
      res.writeHead(200, headers);
      record({ operation, request: seen, response: { status: 200, headers, bytes: file.bytes } });
      await pipeline(content, res).catch(() => res.destroy());
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      if (error instanceof BusinessError) return sendJson(200, baseResp(error.code, error.message));
      sendJson(500, baseResp(UNKNOWN_ERROR, `sandbox error: ${error instanceof Error ? error.message : String(error)}`));
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
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }).finally(() => fs.promises.rm(folder, { recursive: true, force: true }))),
  };
}
