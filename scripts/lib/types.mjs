// TypeScript types from the effective spec, through openapi-typescript's Node API.
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { SpecError, pointerToken, readableLocation } from "./spec.mjs";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const STRING = ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);

/** Property and parameter names whose int64 values are file ids: decimal strings in the client. */
export const ID_FIELDS = ["file_id"];

// Private to the type generator: set on a copy of the spec, never written to generated/openapi.json.
const DECIMAL_ID = "x-minimax-decimal-id";
const DECIMAL_ID_NOTE = "int64 on the wire; a decimal string in this client, so ids above 2^53 keep every digit.";

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt64 = (schema) => isObject(schema) && schema.type === "integer" && schema.format === "int64";
const withNote = (description) => (description ? `${description}\n\n${DECIMAL_ID_NOTE}` : DECIMAL_ID_NOTE);

/**
 * Marks, in place, every int64 schema of a property or parameter named in ID_FIELDS, and adds the
 * note to the description openapi-typescript turns into JSDoc. Returns where each one is.
 */
export function markDecimalIds(doc, source, notes = []) {
  const marked = [];
  const problems = [];
  const mark = (schema, at, noteOn = schema) => {
    if (isObject(schema) && typeof schema.$ref === "string")
      problems.push(`at ${readableLocation(at)}: a $ref; only an inline int64 schema can be typed as a decimal string`);
    if (isObject(schema) && schema.$ref === undefined && !isInt64(schema))
      notes.push(
        schema.type === "string"
          ? `${at} is a string in the spec, not an int64: it is typed as a string already, so the decimal-id transform does not apply there`
          : `${at} is ${JSON.stringify(schema.type)}${schema.format ? ` (${schema.format})` : ""} in the spec, not an int64: the decimal-id transform does not apply there, so ids above 2^53 typed as numbers would lose digits`,
      );
    if (!isInt64(schema) || schema[DECIMAL_ID]) return;
    schema[DECIMAL_ID] = true;
    noteOn.description = withNote(noteOn.description);
    marked.push(readableLocation(at));
  };
  const walk = (node, at) => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${at}/${i}`);
      return;
    }
    if (!isObject(node)) return;
    // A parameter object: its JSDoc comes from the parameter, its type from `schema`.
    if (typeof node.in === "string" && ID_FIELDS.includes(node.name)) mark(node.schema, `${at}/schema`, node);
    if (isObject(node.properties))
      for (const name of ID_FIELDS) mark(node.properties[name], `${at}/properties/${name}`);
    for (const [key, value] of Object.entries(node)) walk(value, `${at}/${pointerToken(key)}`);
  };
  walk(doc, "#");
  if (marked.length === 0)
    problems.push(
      `no int64 property or parameter is named ${ID_FIELDS.join(" or ")}: file ids would be typed as numbers`,
    );
  if (problems.length) throw new SpecError(source, problems, "lacks what the client's file ids need");
  return marked;
}

/** The file-id fields the decimal-id transform does not apply to, and why (`npm run generate` warns). */
export function decimalIdNotes(effectiveSpec, source) {
  const notes = [];
  markDecimalIds(structuredClone(effectiveSpec), source, notes);
  return notes;
}

export async function generateTypes(effectiveSpec, banner, source) {
  const spec = structuredClone(effectiveSpec);
  markDecimalIds(spec, source);
  const ast = await openapiTS(spec, {
    transform(schemaObject) {
      // openapi-typescript's documented way to type file parts: without it `file` would be `string`.
      if (schemaObject.format === "binary") return BLOB;
      if (schemaObject[DECIMAL_ID] === true) return STRING;
      return undefined;
    },
  });
  return `${banner}\n${astToString(ast)}`;
}
