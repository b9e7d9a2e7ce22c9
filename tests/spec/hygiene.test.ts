// Checks on the effective spec (generated/openapi.json) that Prism and the type generator read.
import { createAjv, dereferencedSpec, readEffectiveSpec, type Json } from "../helpers/spec";
import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every `example` under a schema, with the schema it must satisfy and where it is. */
function collectSchemaExamples(node: unknown, at: string, out: Array<{ at: string; schema: Json; example: unknown }>) {
  if (Array.isArray(node)) return node.forEach((v, i) => collectSchemaExamples(v, `${at}[${i}]`, out));
  if (typeof node !== "object" || node === null) return;
  const obj = node as Json;
  if ("example" in obj && ("type" in obj || "properties" in obj || "enum" in obj)) {
    const { example, ...schema } = obj;
    out.push({ at, schema, example });
  }
  for (const [key, value] of Object.entries(obj)) collectSchemaExamples(value, `${at}.${key}`, out);
}

async function invalidExamples(doc: Json): Promise<string[]> {
  const spec = (await SwaggerParser.dereference(structuredClone(doc) as any)) as Json;
  const found: Array<{ at: string; schema: Json; example: unknown }> = [];
  collectSchemaExamples(spec["paths"], "paths", found);
  collectSchemaExamples(spec["components"], "components", found);
  const ajv = createAjv();
  const failures: string[] = [];
  for (const { at, schema, example } of found) {
    const validate = ajv.compile(schema);
    if (!validate(example)) failures.push(`${at}: ${ajv.errorsText(validate.errors)}`);
  }
  expect(found.length).toBeGreaterThan(5); // the walk found the examples at all
  return failures;
}

describe("effective spec", () => {
  it("has the five operations of the MiniMax File Management API", () => {
    const spec = readEffectiveSpec();
    const operations = Object.entries(spec["paths"] as Json).flatMap(([route, item]) =>
      Object.entries(item as Json)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => `${(op as Json)["operationId"]} ${method.toUpperCase()} ${route}`),
    );
    expect(operations.sort()).toEqual(
      [
        "uploadFile POST /v1/files/upload",
        "listFiles GET /v1/files/list",
        "retrieveFile GET /v1/files/retrieve",
        "retrieveFileContent GET /v1/files/retrieve_content",
        "deleteFile POST /v1/files/delete",
      ].sort(),
    );
  });

  it("keeps no header parameter that OAS says is ignored (Content-Type, Accept, Authorization)", async () => {
    const spec = await dereferencedSpec();
    const headers = Object.values(spec["paths"] as Json).flatMap((item: Json) =>
      [item, ...METHODS.map((m) => item[m]).filter(Boolean)].flatMap((holder: Json) => (holder["parameters"] ?? []) as Json[]),
    );
    expect(headers.filter((p) => p["in"] === "header" && /^(content-type|accept|authorization)$/i.test(p["name"]))).toEqual([]);
  });

  it("declares JSON Schema 2020-12 as its dialect, so Prism validates 3.1 keywords", () => {
    expect(readEffectiveSpec()["jsonSchemaDialect"]).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("has only examples that validate against their schemas", async () => {
    expect(await invalidExamples(readEffectiveSpec())).toEqual([]);
  });

  it("needs the overlay: the stored spec's examples put a string placeholder in int64 file_id", async () => {
    const stored = JSON.parse(fs.readFileSync(path.join(__dirname, "../../openapi/openapi.json"), "utf8"));
    const failures = await invalidExamples(stored);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toMatch(/file_id must be integer/);
  });
});
