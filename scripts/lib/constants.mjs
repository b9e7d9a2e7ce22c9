// generated/constants.ts: the values the client needs at run time (purpose enums, operation ids),
// taken from the effective spec at build time so the runtime does not ship the whole document.
import { SpecError, pointerToken, readableLocation } from "./spec.mjs";
import { ID_FIELDS } from "./types.mjs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const pointer = (tokens) => `#/${tokens.map(pointerToken).join("/")}`;
const unescapeToken = (t) => t.replace(/~1/g, "/").replace(/~0/g, "~");

/** Follows a chain of local $refs from `node` (found at `at`); `undefined` if one dangles or loops. */
function deref(doc, node, at) {
  const seen = new Set();
  while (node && typeof node.$ref === "string") {
    if (!node.$ref.startsWith("#/") || seen.has(node.$ref)) return { node: undefined, at };
    seen.add(node.$ref);
    at = node.$ref.slice(2).split("/").map(unescapeToken);
    node = at.reduce((n, t) => n?.[t], doc);
  }
  return { node, at };
}

/** The node at `tokens` below `from`, following $refs at every step. */
function resolve(doc, tokens, from = { node: doc, at: [] }) {
  let here = from;
  for (const token of tokens) {
    if (here.node === undefined) break;
    here = deref(doc, here.node?.[token], [...here.at, token]);
  }
  return here.node;
}

/** The query parameter `name` of an operation (its own parameters override the path item's). */
function queryParameter(doc, route, method, name) {
  const holders = [
    ["paths", route, method, "parameters"],
    ["paths", route, "parameters"],
  ];
  for (const tokens of holders) {
    const parameters = resolve(doc, tokens);
    for (const [i, candidate] of (Array.isArray(parameters) ? parameters : []).entries()) {
      const found = deref(doc, candidate, [...tokens, i]);
      if (found.node?.in === "query" && found.node.name === name) return found;
    }
  }
  return undefined;
}

export function generateConstants(effectiveSpec, banner, source) {
  const problems = [];
  const stringEnum = (value, where) => {
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) return value;
    problems.push(`at ${where}: no enum (expected a non-empty list of strings), found ${JSON.stringify(value)}`);
    return [];
  };
  const bodyPurposes = (route, mediaType) => {
    const tokens = [
      "paths",
      route,
      "post",
      "requestBody",
      "content",
      mediaType,
      "schema",
      "properties",
      "purpose",
      "enum",
    ];
    return stringEnum(resolve(effectiveSpec, tokens), readableLocation(pointer(tokens)));
  };

  const upload = bodyPurposes("/v1/files/upload", "multipart/form-data");
  const parameter = queryParameter(effectiveSpec, "/v1/files/list", "get", "purpose");
  const list = stringEnum(
    parameter && resolve(effectiveSpec, ["schema", "enum"], parameter),
    parameter
      ? `${readableLocation(pointer(parameter.at))}.schema.enum`
      : 'paths["/v1/files/list"].get.parameters (query parameter purpose)',
  );
  const remove = bodyPurposes("/v1/files/delete", "application/json");

  const operations = [];
  for (const [route, item] of Object.entries(effectiveSpec.paths ?? {})) {
    for (const method of METHODS.filter((m) => item?.[m])) {
      const id = item[method].operationId;
      if (typeof id === "string" && id) operations.push([`${method.toUpperCase()} ${route}`, id]);
      else problems.push(`at ${readableLocation(pointer(["paths", route, method]))}: no operationId`);
    }
  }
  if (problems.length) throw new SpecError(source, problems, "lacks what generated/constants.ts needs");

  const literal = (values) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
  return [
    banner,
    "/** The `purpose` values of POST /v1/files/upload (its multipart `purpose` enum). */",
    `export const UPLOAD_PURPOSES = ${literal(upload)} as const;`,
    "/** The `purpose` values of GET /v1/files/list (its query parameter `purpose`). */",
    `export const LIST_PURPOSES = ${literal(list)} as const;`,
    "/** The `purpose` values of POST /v1/files/delete (DeleteFileReq.purpose). */",
    `export const DELETE_PURPOSES = ${literal(remove)} as const;`,
    '/** "METHOD path" → operationId, for every operation in the spec. */',
    "export const OPERATIONS = {",
    ...operations.map(([key, id]) => `    ${JSON.stringify(key)}: ${JSON.stringify(id)},`),
    "} as const;",
    "/** Property/parameter names whose int64 values are file ids (decimal strings in the client). */",
    `export const ID_FIELDS = ${literal(ID_FIELDS)} as const;`,
    "",
  ].join("\n");
}

/** The exported values of a generated constants.ts (its `export const X = … as const;` lines). */
export function constantValues(text) {
  const values = {};
  for (const m of text.matchAll(/^export const (\w+) = ([\s\S]*?) as const;$/gm))
    values[m[1]] = new Function(`return (${m[2]});`)();
  return values;
}
