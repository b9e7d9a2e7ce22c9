// TypeScript types from the effective spec, through openapi-typescript's Node API.
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

export async function generateTypes(effectiveSpec, banner) {
  const ast = await openapiTS(structuredClone(effectiveSpec), {
    // openapi-typescript's documented way to type file parts: without it `file` would be `string`.
    transform(schemaObject) {
      if (schemaObject.format === "binary") return BLOB;
      return undefined;
    },
  });
  return `${banner}\n${astToString(ast)}`;
}
