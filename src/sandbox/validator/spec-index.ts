// The effective spec (generated/openapi.json) as the sandbox and its validator look things up in
// it: local $refs resolved once at load, and every operation indexed by "METHOD /path". Read-only
// data; no rule of what is valid lives here (see wire-rules.ts and exchange-checks.ts).
import specDocument from "../../../generated/openapi.json";

export type JsonObject = { [key: string]: unknown };
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A copy of `node` with every local $ref replaced by what it points at in `root`. */
export function resolveRefs(node: unknown, root: unknown, stack: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, root, stack));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    if (!ref.startsWith("#/")) throw new Error(`the sandbox resolves local $refs only, not ${ref}`);
    // Ajv is given the resolved schemas: a recursive one would never finish resolving.
    if (stack.includes(ref)) throw new Error(`the sandbox cannot validate a recursive schema (${ref})`);
    let target: unknown = root;
    for (const token of ref.slice(2).split("/")) {
      const key = decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`the spec's ${ref} points nowhere`);
    return resolveRefs(target, root, [...stack, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveRefs(value, root, stack)]));
}

export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: JsonObject[];
  requestBody: JsonObject | undefined;
  responses: JsonObject;
  security: unknown[];
}

/** The effective spec with its local $refs resolved. */
export const SPEC = resolveRefs(specDocument, specDocument) as JsonObject;
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the effective spec, by "METHOD /path". */
export const SPEC_OPERATIONS: ReadonlyMap<string, SpecOperation> = new Map(
  Object.entries(isObject(SPEC["paths"]) ? SPEC["paths"] : {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const op = isObject(item) ? item[method] : undefined;
      if (!isObject(op) || typeof op["operationId"] !== "string") return [];
      const operation: SpecOperation = {
        operationId: op["operationId"],
        method: method.toUpperCase(),
        path,
        parameters: Array.isArray(op["parameters"]) ? op["parameters"].filter(isObject) : [],
        requestBody: isObject(op["requestBody"]) ? op["requestBody"] : undefined,
        responses: isObject(op["responses"]) ? op["responses"] : {},
        // An operation without its own security inherits the document's (OAS 3.1 §4.8.10).
        security: Array.isArray(op["security"])
          ? op["security"]
          : Array.isArray(SPEC["security"])
            ? SPEC["security"]
            : [],
      };
      return [[`${operation.method} ${path}`, operation] as const];
    }),
  ),
);

/** The documented paths (for telling a wrong method from an unknown path). */
export const SPEC_PATHS: ReadonlySet<string> = new Set([...SPEC_OPERATIONS.values()].map((op) => op.path));

/** The operation at "METHOD /path"; throws when the spec has none (for the operations the sandbox is built around). */
export function operationAt(key: string): SpecOperation {
  const op = SPEC_OPERATIONS.get(key);
  if (!op) throw new Error(`the spec has no ${key}`);
  return op;
}

/** The media type of a Content-Type value, lower case and without parameters ("" when there is none). */
export const mediaTypeOf = (contentType: unknown): string =>
  typeof contentType === "string" ? (contentType.split(";")[0] ?? "").trim().toLowerCase() : "";
export const isJsonMedia = (media: string): boolean => media === "application/json" || media.endsWith("+json");

/** Whether the spec documents a JSON answer for this status of the operation (an in-band refusal can only conform where it does). */
export function documentsJson(op: SpecOperation, status: number): boolean {
  const documented = op.responses[String(status)];
  return (
    isObject(documented) &&
    isObject(documented["content"]) &&
    Object.keys(documented["content"]).some((media) => isJsonMedia(mediaTypeOf(media)))
  );
}
