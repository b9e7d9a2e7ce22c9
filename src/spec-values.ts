// Runtime copies of the spec's enums, read from the effective spec so they can never drift from
// the generated types: regenerating updates both. (Types alone vanish at run time, and JavaScript
// callers or `as any` casts still need a clear error before anything is sent.)
import spec from "../generated/openapi.json";
import type { paths } from "../generated/schema";

export type UploadPurpose = paths["/v1/files/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]["purpose"];
export type ListPurpose = paths["/v1/files/list"]["get"]["parameters"]["query"]["purpose"];
export type DeletePurpose = paths["/v1/files/delete"]["post"]["requestBody"]["content"]["application/json"]["purpose"];

function queryParameterEnum(parameters: ReadonlyArray<{ name: string; in: string; schema: { enum?: string[] } }>, name: string): readonly string[] {
  const found = parameters.find((p) => p.in === "query" && p.name === name)?.schema.enum;
  if (!found) throw new Error(`generated/openapi.json has no enum for query parameter ${name}; run npm run generate`);
  return found;
}

export const UPLOAD_PURPOSES = spec.paths["/v1/files/upload"].post.requestBody.content["multipart/form-data"].schema.properties.purpose.enum as readonly UploadPurpose[];
export const LIST_PURPOSES = queryParameterEnum(spec.paths["/v1/files/list"].get.parameters, "purpose") as readonly ListPurpose[];
export const DELETE_PURPOSES = spec.components.schemas.DeleteFileReq.properties.purpose.enum as readonly DeletePurpose[];
