// The parameters and per-call options of MiniMaxFiles' methods (src/client.ts).
import type { DownloadProgress } from "../transfer/download-to";
import type { UploadProgress } from "../transfer/multipart-body";
import type { DeletePurpose, ListPurpose } from "../spec/values";
import type { RequestOptions } from "./options";

export interface ListParams {
  /** Which files to list. */
  purpose: ListPurpose;
}

export interface DeleteParams {
  /** The purpose the file was uploaded (or generated) with. */
  purpose: DeletePurpose;
}

export interface UploadOptions extends RequestOptions {
  /**
   * Called as the file's bytes are handed to the connection: `loaded` bytes of the file so far
   * (increasing), of `total` (the file's size) when it is known; the last call has loaded ===
   * total. `bodyLoaded` and `bodyTotal` count the whole request body (the multipart framing
   * too). A retry starts again from 0.
   * @example onProgress: ({ loaded, total }) => console.log(`${loaded} of ${total ?? "?"} bytes`)
   */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
}

export interface DownloadOptions extends RequestOptions {
  /** Called as bytes are written: `loaded` so far, of `total` when the server sent a Content-Length. */
  onProgress?: ((progress: DownloadProgress) => void) | undefined;
}

export interface RetrieveContentOptions<As extends "bytes" | "stream" = "bytes" | "stream"> extends RequestOptions {
  /**
   * `'bytes'` buffers the whole file; `'stream'` hands over the body as it arrives (the call's
   * `timeout` keeps running until the stream is read to its end or cancelled).
   * @default 'bytes'
   */
  as?: As;
}
