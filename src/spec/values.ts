// Runtime copies of the spec's enums, written into generated/constants.ts by `npm run generate`
// from the same effective spec as the types, so regenerating updates both (and the check below
// fails to compile if they ever differ). Types alone vanish at run time, and JavaScript callers or
// `as any` casts still need a clear error before anything is sent. Only these build-time
// constants ship; the spec document itself is not loaded at run time.
import { DELETE_PURPOSES as DELETE, LIST_PURPOSES as LIST, UPLOAD_PURPOSES as UPLOAD } from "../../generated/constants";
import type { paths } from "../../generated/schema";

export { ID_FIELDS, OPERATIONS } from "../../generated/constants";

export type UploadPurpose =
  paths["/v1/files/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
export type ListPurpose = paths["/v1/files/list"]["get"]["parameters"]["query"]["purpose"];
export type DeletePurpose = paths["/v1/files/delete"]["post"]["requestBody"]["content"]["application/json"]["purpose"];

export const UPLOAD_PURPOSES: readonly UploadPurpose[] = UPLOAD;
export const LIST_PURPOSES: readonly ListPurpose[] = LIST;
export const DELETE_PURPOSES: readonly DeletePurpose[] = DELETE;

// Compile-time proof that each constant array holds exactly the values of its generated type
// (the assignments above only catch extra values, not missing ones).
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
// Exported only so that noUnusedLocals keeps it: it is a compile-time check, never used.
export type SpecValuesMatchTypes = [
  Holds<SameSet<(typeof UPLOAD)[number], UploadPurpose>>,
  Holds<SameSet<(typeof LIST)[number], ListPurpose>>,
  Holds<SameSet<(typeof DELETE)[number], DeletePurpose>>,
];
