// MiniMaxFiles: one method per operation, each a Call handed to the pipeline (src/core/pipeline.ts),
// and `raw`, the openapi-fetch client every request goes through.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema";
import { APIPromise } from "./core/api-promise";
import type {
  DeleteParams,
  DownloadOptions,
  ListParams,
  RetrieveContentOptions,
  UploadOptions,
} from "./core/method-params";
import { resolveOptions, type FetchLike, type MiniMaxFilesOptions, type RequestOptions } from "./core/options";
import { runCall, type Call, type PipelineConfig } from "./core/pipeline";
import { createRedactor } from "./errors/redact";
import { serializeBody } from "./http/body-serializer";
import { createMiddleware } from "./http/middleware";
import { createDefaultTransport } from "./http/node-transport";
import { envelope, fileOf, checkFileObject, type DeletedFile, type FileObject } from "./http/results";
import { toFileId, type FileIdInput } from "./spec/file-id";
import { DELETE_PURPOSES, LIST_PURPOSES } from "./spec/values";
import { checkDestination, writeAtomically, type DownloadedFile } from "./transfer/download-to";
import { contentOf } from "./transfer/file-content";
import { encodeUpload, type UploadPart } from "./transfer/multipart-body";
import { checkFindUploaded, matchingUploads, type FindUploadedParams } from "./transfer/find-uploaded";
import { toUploadPart, type UploadParams } from "./transfer/upload-params";
import { showJson } from "./util/describe";
import { isRecord } from "./util/guards";
import { assertObject, assertOneOf, assertOptionalFunction } from "./util/inputs";

export type {
  DeleteParams,
  DownloadOptions,
  ListParams,
  RetrieveContentOptions,
  UploadOptions,
} from "./core/method-params";

/**
 * Client for the MiniMax File Management API.
 *
 * @example
 * const files = new MiniMaxFiles(); // reads MINIMAX_API_KEY
 * const file = await files.upload({ file: await fs.openAsBlob('voice.mp3'), filename: 'voice.mp3', purpose: 'voice_clone' });
 * await files.retrieve(file.file_id);
 */
export class MiniMaxFiles {
  /**
   * The openapi-fetch client typed by the spec, for anything the methods do not cover. It shares
   * the key, base URL, fetch, body encoding (multipart for Blobs, exact int64 ids) and error
   * classes; it does not retry or time out (pass `signal`), and MiniMax's in-band `base_resp`
   * failures are left in `data` for you to check.
   */
  readonly raw: Client<paths>;
  readonly baseUrl: string;
  // A private field: util.inspect and JSON.stringify of the client do not show what it holds.
  readonly #config: PipelineConfig;

  constructor(options: MiniMaxFilesOptions = {}) {
    const resolved = resolveOptions(options);
    const redact = createRedactor(resolved.apiKey);
    this.baseUrl = resolved.baseUrl;
    this.#config = {
      baseUrl: resolved.baseUrl,
      timeout: resolved.timeout,
      maxRetries: resolved.maxRetries,
      backoff: resolved.backoff,
      redact,
    };
    this.raw = createClient<paths>({
      baseUrl: resolved.baseUrl,
      fetch: sendUnlessAborted(resolved.fetch ?? createDefaultTransport()),
      bodySerializer: serializeBody,
    });
    this.raw.use(createMiddleware(resolved.apiKey, redact));
  }

  /**
   * POST /v1/files/upload: stores a file and returns its record (with `file_id`).
   *
   * The file is read as it is sent (a path, Blob or stream is never held whole in memory), with a
   * Content-Length whenever its size is known. Checked before any byte is sent: purpose, filename,
   * a path that is missing, a directory or unreadable, an empty file, and (unless `checkLimits:
   * false`) the formats and sizes MiniMax documents for the purpose.
   *
   * @example
   * const file = await files.upload({ file: 'voice.mp3', purpose: 'voice_clone' }, { onProgress: ({ loaded, total }) => … });
   */
  upload(params: UploadParams, options?: UploadOptions): APIPromise<FileObject> {
    let part: UploadPart | undefined;
    const { onProgress }: UploadOptions = isRecord(options) ? options : {};
    return this.#run<FileObject>(
      {
        method: "POST",
        path: "/v1/files/upload",
        idempotent: false,
        // A stream read by a failed attempt cannot be sent again.
        get replayable() {
          return part?.source.replayable ?? true;
        },
        prepare: async () => {
          assertOptionalFunction(onProgress, "options.onProgress");
          part = await toUploadPart(params);
        },
        // The multipart body is built again from the source for every attempt.
        send: (signal) => {
          const { headers, body } = encodeUpload(part!, onProgress, signal);
          return this.raw.POST("/v1/files/upload", {
            body: body as never,
            bodySerializer: (b: unknown) => b as never,
            headers,
            // fetch needs it to send a stream; openapi-fetch passes it on to the Request.
            duplex: "half",
            signal,
          } as never) as Promise<{ data?: unknown; response: Response }>;
        },
        parse: (data, ctx) => fileOf(data, ctx),
        // A stream never read (the call failed or was aborted before sending) is closed.
        finish: async () => part?.source.dispose(),
      },
      // As given: the pipeline checks it and reads only signal, timeout and maxRetries from it.
      options,
    );
  }

  /** GET /v1/files/list: the files stored for one purpose. */
  list(params: ListParams, options?: RequestOptions): APIPromise<FileObject[]> {
    let purpose: ListParams["purpose"];
    return this.#run<FileObject[]>(
      {
        method: "GET",
        path: "/v1/files/list",
        query: () => ({ purpose }),
        idempotent: true,
        replayable: true,
        prepare: () => {
          assertObject(params, "params");
          assertOneOf(params.purpose, LIST_PURPOSES, "purpose");
          // Kept as checked: the caller's object may change before the request (or a retry) is sent.
          purpose = params.purpose;
        },
        send: (signal) => this.raw.GET("/v1/files/list", { params: { query: { purpose } }, signal }),
        parse: (data, ctx) => {
          const body = envelope(data, ctx);
          // MiniMax omits `files` when there are none.
          const files = body["files"] ?? [];
          if (!Array.isArray(files)) throw ctx.problem(`files ${showJson(files)}, not a list`);
          for (let i = 0; i < files.length; i++) {
            const checked = checkFileObject(files[i], () => `files[${i}]`);
            if (typeof checked === "string") throw ctx.problem(checked);
          }
          return files as FileObject[]; // checked in place: every element is a FileObject
        },
      },
      options,
    );
  }

  /**
   * The stored files an upload of `filename` (of `bytes` bytes, if given) under `purpose` would
   * duplicate: one `list` call, filtered. For when an upload failed with `fileMayBeStored`.
   * @example
   * const stored = await files.findUploaded({ purpose: 'voice_clone', filename: 'voice.mp3', bytes: 48213 });
   * if (stored.length === 0) await files.upload({ file: 'voice.mp3', purpose: 'voice_clone' });
   */
  async findUploaded(params: FindUploadedParams, options?: RequestOptions): Promise<FileObject[]> {
    checkFindUploaded(params);
    const { purpose, filename, bytes } = params;
    return matchingUploads(await this.list({ purpose }, options), { purpose, filename, bytes });
  }

  /** GET /v1/files/retrieve: one file's record; for generated files it includes `download_url`. */
  retrieve(fileId: FileIdInput, options?: RequestOptions): APIPromise<FileObject> {
    let id: string;
    return this.#run<FileObject>(
      {
        method: "GET",
        path: "/v1/files/retrieve",
        query: () => ({ file_id: id }),
        idempotent: true,
        replayable: true,
        prepare: () => void (id = toFileId(fileId)),
        send: (signal) => this.raw.GET("/v1/files/retrieve", { params: { query: { file_id: id } }, signal }),
        parse: (data, ctx) => fileOf(data, ctx),
      },
      options,
    );
  }

  /** GET /v1/files/retrieve_content: the file's bytes, never decoded as text. */
  retrieveContent(fileId: FileIdInput, options?: RetrieveContentOptions<"bytes">): APIPromise<Uint8Array>;
  retrieveContent(
    fileId: FileIdInput,
    options: RetrieveContentOptions<"stream">,
  ): APIPromise<ReadableStream<Uint8Array>>;
  retrieveContent(
    fileId: FileIdInput,
    options?: RetrieveContentOptions,
  ): APIPromise<Uint8Array | ReadableStream<Uint8Array>>;
  retrieveContent(
    fileId: FileIdInput,
    options?: RetrieveContentOptions,
  ): APIPromise<Uint8Array | ReadableStream<Uint8Array>> {
    let id: string;
    const { as = "bytes", ...requestOptions }: RetrieveContentOptions = isRecord(options) ? options : {};
    return this.#run<Uint8Array | ReadableStream<Uint8Array>>(
      {
        method: "GET",
        path: "/v1/files/retrieve_content",
        query: () => ({ file_id: id }),
        idempotent: true,
        replayable: true,
        prepare: () => {
          id = toFileId(fileId);
          if (options !== undefined) assertObject(options, "options");
          assertOneOf(as, ["bytes", "stream"] as const, "options.as");
        },
        send: (signal) =>
          this.raw.GET("/v1/files/retrieve_content", { params: { query: { file_id: id } }, parseAs: "stream", signal }),
        parse: (data, ctx) => contentOf(data, ctx, as),
      },
      // {} when none were given: the client's timeout and maxRetries (prepare checked options).
      requestOptions,
    );
  }

  /**
   * Writes a file's content to `destination` as it arrives (bounded memory), atomically: into a
   * temporary file in the same folder, renamed onto `destination` once complete; on failure or
   * abort the temporary file is removed and `destination` is untouched. An existing file at
   * `destination` is replaced. The time limit covers the whole download.
   *
   * @example
   * const { path, bytes } = await files.downloadTo(fileId, 'out/speech.mp3', { onProgress: ({ loaded, total }) => … });
   */
  downloadTo(fileId: FileIdInput, destination: string | URL, options?: DownloadOptions): APIPromise<DownloadedFile> {
    const { onProgress, ...requestOptions }: DownloadOptions = isRecord(options) ? options : {};
    const outcome = (async () => {
      const id = toFileId(fileId);
      if (options !== undefined) assertObject(options, "options");
      assertOptionalFunction(onProgress, "options.onProgress");
      const where = await checkDestination(destination);
      const request = { method: "GET", url: `${this.baseUrl}/v1/files/retrieve_content?file_id=${id}` };
      return writeAtomically(this.retrieveContent(id, { ...requestOptions, as: "stream" }), request, where, onProgress);
    })();
    return new APIPromise(outcome);
  }

  /** POST /v1/files/delete: deletes a file; `purpose` must be the file's purpose. */
  delete(fileId: FileIdInput, params: DeleteParams, options?: RequestOptions): APIPromise<DeletedFile> {
    let id: string;
    let purpose: DeleteParams["purpose"];
    return this.#run<DeletedFile>(
      {
        method: "POST",
        path: "/v1/files/delete",
        // Deleting twice cannot delete more: a repeat after a lost answer is harmless.
        idempotent: true,
        replayable: true,
        prepare: () => {
          id = toFileId(fileId);
          assertObject(params, "params");
          assertOneOf(params.purpose, DELETE_PURPOSES, "purpose");
          purpose = params.purpose; // as checked, as in list
        },
        send: (signal) => this.raw.POST("/v1/files/delete", { body: { file_id: id, purpose }, signal }),
        parse: (data, ctx) => {
          const body = envelope(data, ctx);
          const deleted = body["file_id"] ?? id; // the id asked for, when MiniMax does not echo it
          if (typeof deleted !== "string") throw ctx.problem(`file_id ${showJson(deleted)}, not an id`);
          return { file_id: deleted };
        },
      },
      options,
    );
  }

  #run<T>(call: Call<T>, options: unknown): APIPromise<T> {
    return runCall(this.#config, call, options);
  }
}

/**
 * Node 24's fetch, handed an already-aborted request with a FormData body, rejects and then
 * throws an uncaught "ReadableStream is already closed" that kills the process. The signal can
 * abort between openapi-fetch building the request and calling fetch, so the check sits here,
 * in the same tick as the call; the middleware's onError turns the rejection into our abort error.
 */
function sendUnlessAborted(send: FetchLike): FetchLike {
  return (request) => (request.signal.aborted ? Promise.reject(request.signal.reason) : send(request));
}
