export { MiniMaxFiles } from "./client";
export type { DeleteParams, DeletedFile, FileObject, ListParams, RetrieveContentOptions } from "./client";
export type { FetchLike, MiniMaxFilesOptions, Region } from "./options";
export { REGION_BASE_URLS } from "./options";
export type { UploadParams, UploadableFile } from "./upload-body";
export type { DeletePurpose, ListPurpose, UploadPurpose } from "./spec-values";
export { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "./spec-values";
export * from "./errors";
export type { components, paths, operations } from "../generated/schema";
