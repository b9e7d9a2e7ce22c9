// The effective spec (generated/openapi.json), dereferenced, and Ajv (JSON Schema 2020-12, the
// spec's jsonSchemaDialect) validators for its schemas.
import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";

export const ROOT = path.resolve(__dirname, "../..");
export const EFFECTIVE_SPEC_FILE = path.join(ROOT, "generated/openapi.json");

export type Json = Record<string, any>;

export function readEffectiveSpec(): Json {
  return JSON.parse(fs.readFileSync(EFFECTIVE_SPEC_FILE, "utf8"));
}

let dereferenced: Promise<Json> | undefined;
export function dereferencedSpec(): Promise<Json> {
  dereferenced ??= SwaggerParser.dereference(readEffectiveSpec() as any) as Promise<Json>;
  return dereferenced;
}

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // OpenAPI's own formats (OAS 3.1 §4.4): int64 numbers are integers; binary marks raw bytes.
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("binary", true);
  ajv.addKeyword("example"); // an OpenAPI annotation, not a JSON Schema keyword
  return ajv;
}
