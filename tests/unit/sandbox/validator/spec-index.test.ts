// The effective spec as the sandbox looks things up in it (src/sandbox/validator/spec-index.ts):
// local $refs resolved, the operations by "METHOD /path".
import specDocument from "../../../../generated/openapi.json";
import {
  documentsJson,
  isJsonMedia,
  mediaTypeOf,
  operationAt,
  resolveRefs,
  SPEC,
  SPEC_OPERATIONS,
  SPEC_PATHS,
} from "../../../../src/sandbox/validator/spec-index";

it("indexes the five operations of generated/openapi.json by method and path", () => {
  expect([...SPEC_OPERATIONS.keys()].sort()).toEqual([
    "GET /v1/files/list",
    "GET /v1/files/retrieve",
    "GET /v1/files/retrieve_content",
    "POST /v1/files/delete",
    "POST /v1/files/upload",
  ]);
  expect([...SPEC_OPERATIONS.values()].map((op) => op.operationId).sort()).toEqual([
    "deleteFile",
    "listFiles",
    "retrieveFile",
    "retrieveFileContent",
    "uploadFile",
  ]);
  expect(SPEC_OPERATIONS.get("GET /v1/files/retrieve")).toMatchObject({
    method: "GET",
    path: "/v1/files/retrieve",
    parameters: [expect.objectContaining({ name: "file_id", in: "query" })],
  });
  expect([...SPEC_PATHS].sort()).toEqual([
    "/v1/files/delete",
    "/v1/files/list",
    "/v1/files/retrieve",
    "/v1/files/retrieve_content",
    "/v1/files/upload",
  ]);
});

it("each operation carries the spec's security requirement, and its schemas with no $ref left", () => {
  const documentSecurity = (specDocument as { security?: unknown[] }).security;
  for (const op of SPEC_OPERATIONS.values()) {
    expect(op.security.length).toBeGreaterThan(0);
    const own = (specDocument.paths as Record<string, Record<string, { security?: unknown[] }>>)[op.path]![
      op.method.toLowerCase()
    ]!.security;
    expect(op.security).toEqual(own ?? documentSecurity);
  }
  expect(JSON.stringify(SPEC)).not.toContain('"$ref"');
  expect(JSON.stringify(specDocument)).toContain('"$ref"'); // there was something to resolve
});

it("resolveRefs follows local pointers (with ~1 and ~0 escapes), and refuses remote, dangling and recursive ones", () => {
  const root = { defs: { "a/b": { type: "string" }, "c~d": { items: { $ref: "#/defs/a~1b" } } } };
  expect(resolveRefs({ x: { $ref: "#/defs/c~0d" } }, root)).toEqual({ x: { items: { type: "string" } } });
  expect(resolveRefs([{ $ref: "#/defs/a~1b" }, 1], root)).toEqual([{ type: "string" }, 1]);
  expect(() => resolveRefs({ $ref: "other.json#/x" }, root)).toThrow(
    "the sandbox resolves local $refs only, not other.json#/x",
  );
  expect(() => resolveRefs({ $ref: "#/defs/none" }, root)).toThrow("the spec's #/defs/none points nowhere");
  const loop = { defs: { node: { properties: { next: { $ref: "#/defs/node" } } } } };
  expect(() => resolveRefs({ $ref: "#/defs/node" }, loop)).toThrow(
    "the sandbox cannot validate a recursive schema (#/defs/node)",
  );
});

it("operationAt gives an operation the spec has and throws for one it does not", () => {
  expect(operationAt("POST /v1/files/upload").operationId).toBe("uploadFile");
  expect(() => operationAt("PUT /v1/files/upload")).toThrow("the spec has no PUT /v1/files/upload");
});

it("media types are read without parameters or case, and JSON is application/json or +json", () => {
  expect(mediaTypeOf("Application/JSON; charset=utf-8")).toBe("application/json");
  expect(mediaTypeOf(" multipart/form-data ; boundary=x")).toBe("multipart/form-data");
  expect(mediaTypeOf(undefined)).toBe("");
  expect(mediaTypeOf(["application/json"])).toBe("");
  expect(isJsonMedia("application/json")).toBe(true);
  expect(isJsonMedia("application/problem+json")).toBe(true);
  expect(isJsonMedia("application/octet-stream")).toBe(false);
});

it("documentsJson: JSON answers are documented for the JSON operations' 200, not for retrieve_content's bytes", () => {
  for (const key of ["GET /v1/files/list", "GET /v1/files/retrieve", "POST /v1/files/delete", "POST /v1/files/upload"])
    expect(documentsJson(operationAt(key), 200)).toBe(true);
  expect(documentsJson(operationAt("GET /v1/files/retrieve_content"), 200)).toBe(false);
  expect(documentsJson(operationAt("GET /v1/files/list"), 404)).toBe(false);
});
