export { MiniMaxFiles } from "./client";
export type { DeleteParams, DownloadOptions, ListParams, RetrieveContentOptions, UploadOptions } from "./client";
export type { DownloadedFile, DownloadProgress } from "./download";
export type { UploadProgress } from "./multipart";
export { toFile, type ToFileOptions } from "./to-file";
export type { NamedUpload } from "./upload-source";
export { APIPromise, type WithResponse } from "./api-promise";
export type { DeletedFile, FileObject } from "./results";
export type { FileId, FileIdInput } from "./file-id";
export type { Backoff, FetchLike, MiniMaxFilesOptions, Region, RequestOptions } from "./options";
export { DEFAULT_BACKOFF, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, REGION_BASE_URLS } from "./options";
export type { UploadParams, UploadableFile } from "./upload-body";
export { UPLOAD_LIMITS, type PurposeLimits } from "./upload-limits";
export type { DeletePurpose, ListPurpose, UploadPurpose } from "./spec-values";
export { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "./spec-values";
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
  MiniMaxResponseError,
  MiniMaxTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors";
export type { APIErrorDetails, BaseResp, RequestSummary, ValidationIssue } from "./errors";
export { BUSINESS_CODES, HTTP_STATUSES, type CodeInfo, type ErrorKind, type RetryRule } from "./error-map";
export type { components, paths, operations } from "../generated/schema";
