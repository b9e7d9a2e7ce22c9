export { MiniMaxFiles } from "./client";
export type { DeleteParams, DownloadOptions, ListParams, RetrieveContentOptions, UploadOptions } from "./client";
export type { DownloadedFile, DownloadProgress } from "./transfer/download-to";
export type { UploadProgress } from "./transfer/multipart-body";
export { toFile, type ToFileOptions } from "./transfer/to-file";
export type { NamedUpload } from "./transfer/upload-source";
export type { FindUploadedParams } from "./transfer/find-uploaded";
export { APIPromise, type WithResponse } from "./core/api-promise";
export type { DeletedFile, FileObject } from "./http/results";
export type { FileId, FileIdInput } from "./spec/file-id";
export type { Backoff, FetchLike, MiniMaxFilesOptions, Region, RequestOptions } from "./core/options";
export { DEFAULT_BACKOFF, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, REGION_BASE_URLS } from "./core/options";
export type { UploadParams, UploadableFile } from "./transfer/upload-params";
export { UPLOAD_LIMITS, type PurposeLimits } from "./transfer/upload-limits";
export type { DeletePurpose, ListPurpose, UploadPurpose } from "./spec/values";
export { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "./spec/values";
export {
  AuthenticationError,
  BadRequestError,
  ContentSafetyError,
  InsufficientBalanceError,
  InternalServerError,
  MiniMaxAbortError,
  MiniMaxAPIError,
  MiniMaxConfigError,
  MiniMaxConnectionError,
  MiniMaxError,
  MiniMaxInputError,
  MiniMaxRequestError,
  MiniMaxResponseError,
  MiniMaxTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors";
export type {
  APIErrorDetails,
  BaseResp,
  RequestDetails,
  RequestSummary,
  ResponseDetails,
  ValidationIssue,
} from "./errors";
export { BUSINESS_CODES, HTTP_STATUSES, type CodeInfo, type ErrorKind, type RetryRule } from "./errors/error-map";
export type { components, paths, operations } from "../generated/schema";
