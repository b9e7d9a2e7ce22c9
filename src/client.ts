import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/schema";
import { assertFileId, assertObject, assertOneOf } from "./inputs";
import { createMiddleware, summarize } from "./middleware";
import { resolveOptions, type MiniMaxFilesOptions } from "./options";
import { parseEnvelope, requireField, throwIfBaseRespFailed, type ResponseContext } from "./response";
import { DELETE_PURPOSES, LIST_PURPOSES, type DeletePurpose, type ListPurpose } from "./spec-values";
import { toFormData, toUploadPart, type UploadParams } from "./upload-body";
import { isRecord } from "./errors";

export type FileObject = components["schemas"]["FileObject"];
export type DeletedFile = Omit<components["schemas"]["DeleteFileResp"], "base_resp">;

export interface ListParams {
  /** Which files to list. */
  purpose: ListPurpose;
}

export interface DeleteParams {
  /** The purpose the file was uploaded (or generated) with. */
  purpose: DeletePurpose;
}

export interface RetrieveContentOptions<As extends "bytes" | "stream" = "bytes" | "stream"> {
  /**
   * `'bytes'` buffers the whole file; `'stream'` hands over the body as it arrives.
   * @default 'bytes'
   */
  as?: As;
}

/**
 * Client for the MiniMax File Management API.
 *
 * @example
 * const files = new MiniMaxFiles(); // reads MINIMAX_API_KEY
 * const file = await files.upload({ file: await fs.openAsBlob('voice.mp3'), filename: 'voice.mp3', purpose: 'voice_clone' });
 */
export class MiniMaxFiles {
  /**
   * The openapi-fetch client typed by the spec, for anything the methods do not cover. It shares
   * the key, base URL and fetch, and throws the same MiniMaxHTTPError classes for non-2xx
   * responses; MiniMax's in-band `base_resp` failures are left in `data` for you to check.
   */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  // A private field: util.inspect and JSON.stringify of the client do not show it.
  readonly #apiKey: string;

  constructor(options: MiniMaxFilesOptions = {}) {
    const resolved = resolveOptions(options);
    this.#apiKey = resolved.apiKey;
    this.baseUrl = resolved.baseUrl;
    this.raw = createClient<paths>({ baseUrl: resolved.baseUrl, fetch: resolved.fetch });
    this.raw.use(createMiddleware(resolved.apiKey));
  }

  /** POST /v1/files/upload: stores a file and returns its record (with `file_id`). */
  async upload(params: UploadParams): Promise<FileObject> {
    const part = toUploadPart(params);
    const { data, response } = await this.raw.POST("/v1/files/upload", {
      body: part,
      bodySerializer: () => toFormData(part),
      parseAs: "text",
    });
    const ctx = this.#context("POST", response);
    return requireField(parseEnvelope<components["schemas"]["UploadFileResp"]>(data, ctx).file, "file", ctx);
  }

  /** GET /v1/files/list: the files stored for one purpose. */
  async list(params: ListParams): Promise<FileObject[]> {
    assertObject(params, "params");
    assertOneOf(params.purpose, LIST_PURPOSES, "purpose");
    const { data, response } = await this.raw.GET("/v1/files/list", {
      params: { query: { purpose: params.purpose } },
      parseAs: "text",
    });
    // MiniMax omits `files` when there are none.
    return parseEnvelope<components["schemas"]["ListFileResp"]>(data, this.#context("GET", response)).files ?? [];
  }

  /** GET /v1/files/retrieve: one file's record; for generated files it includes `download_url`. */
  async retrieve(fileId: number): Promise<FileObject> {
    assertFileId(fileId);
    const { data, response } = await this.raw.GET("/v1/files/retrieve", {
      params: { query: { file_id: fileId } },
      parseAs: "text",
    });
    const ctx = this.#context("GET", response);
    return requireField(parseEnvelope<components["schemas"]["RetrieveFileResp"]>(data, ctx).file, "file", ctx);
  }

  /** GET /v1/files/retrieve_content: the file's bytes, never decoded as text. */
  retrieveContent(fileId: number, options?: RetrieveContentOptions<"bytes">): Promise<Uint8Array>;
  retrieveContent(fileId: number, options: RetrieveContentOptions<"stream">): Promise<ReadableStream<Uint8Array>>;
  async retrieveContent(fileId: number, options: RetrieveContentOptions = {}): Promise<Uint8Array | ReadableStream<Uint8Array>> {
    assertFileId(fileId);
    const opts: unknown = options;
    assertObject(opts, "options");
    const as = opts["as"] ?? "bytes";
    assertOneOf(as, ["bytes", "stream"] as const, "options.as");
    const { data, response } = await this.raw.GET("/v1/files/retrieve_content", {
      params: { query: { file_id: fileId } },
      parseAs: "stream",
    });
    // openapi-fetch gives no stream for an empty body; new Response(null) reads as zero bytes.
    const body = data ?? null;
    const readBytes = async () => new Uint8Array(await new Response(body).arrayBuffer());
    // A download is bytes; a JSON body on this route is MiniMax reporting a failure in base_resp.
    if (/^application\/json\b/i.test(response.headers.get("content-type") ?? "")) {
      const bytes = await readBytes();
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        parsed = undefined; // a JSON file served as such: return it
      }
      if (isRecord(parsed)) throwIfBaseRespFailed(parsed, this.#context("GET", response));
      return as === "stream" ? streamOf(bytes) : bytes;
    }
    if (as === "bytes") return readBytes();
    return body ?? streamOf(new Uint8Array(0));
  }

  /** POST /v1/files/delete: deletes a file; `purpose` must be the file's purpose. */
  async delete(fileId: number, params: DeleteParams): Promise<DeletedFile> {
    assertFileId(fileId);
    assertObject(params, "params");
    assertOneOf(params.purpose, DELETE_PURPOSES, "purpose");
    const { data, response } = await this.raw.POST("/v1/files/delete", {
      body: { file_id: fileId, purpose: params.purpose },
      parseAs: "text",
    });
    const { base_resp: _baseResp, ...deleted } = parseEnvelope<components["schemas"]["DeleteFileResp"]>(data, this.#context("POST", response));
    return deleted;
  }

  #context(method: string, response: Response): ResponseContext {
    return { request: summarize(method, response.url, this.#apiKey), response, apiKey: this.#apiKey };
  }
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
}
