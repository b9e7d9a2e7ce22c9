// Invalid requests generated from an OpenAPI document by mutating what it documents about each
// operation's input, for the contract suite's `negative_data_rejection` check
// (tests/contract/negative.test.ts). A case is data (what to change, where), so a spec change
// changes the cases (tests/unit/negative-cases.test.ts feeds the generator modified copies), and
// `applyCase` applies one to a valid request on its way out, after the client's own input checks,
// which would refuse every one of these before sending.
//
// Mutations, per documented input (query and header parameters, the request body, the top-level
// properties of a JSON or multipart body):
// - missing_required: a required parameter or property, or a required body, left out;
// - wrong_type: a value of another type. In JSON, the sent value as another JSON type (a number
//   as a string, a string in an array). In text (query, header, multipart field), only a numeric
//   or boolean schema has another type to break: text that does not parse as one. A string schema
//   there has none (every text is a string; a multipart file part is bytes, a string too);
// - outside_enum: a value outside the enum. Values other operations' enums allow for a field of
//   the same name (the likeliest mix-up), and the sent value upper-cased (enums are
//   case-sensitive; a lenient server that folds case accepts it);
// - non_integer: for an integer schema (int64 ids), the sent integer with a fraction appended.
// Values are derived from the valid value actually sent wherever they can be, so the only thing
// wrong with a mutated request is the mutation (e.g. the id keeps naming a stored file).
import { isLosslessNumber, LosslessNumber, parse, stringify } from "lossless-json";
import { DELETE_PURPOSES, LIST_PURPOSES, UPLOAD_PURPOSES } from "../../generated/constants";
import { UPLOAD_LIMITS, type MiniMaxFiles } from "../../src";

export type MutationKind = "missing_required" | "wrong_type" | "outside_enum" | "non_integer";
/** Where the mutated value sits: a parameter, a property of a JSON or multipart body, or the whole body. */
export type CaseLocation = "query" | "header" | "json" | "multipart" | "body";

/** How the sent value is changed (data, so a case can be compared and printed). */
export type Change =
  | { op: "remove" }
  /** A value of its own (a neighbouring enum value). */
  | { op: "set"; value: string }
  | { op: "upper_case" }
  /** The sent text (a number's digits in JSON) with this appended. */
  | { op: "append"; suffix: string }
  /** JSON only: the sent value as a JSON string (a number's exact digits). */
  | { op: "to_string" }
  /** JSON only: the sent value inside an array. */
  | { op: "wrap_in_array" };

export interface NegativeCase {
  operation: string;
  method: string;
  path: string;
  kind: MutationKind;
  location: CaseLocation;
  /** The parameter or property; "" for the whole body. */
  name: string;
  /** The body's media type, for a body location. */
  media?: string;
  change: Change;
  /** Why the spec forbids the result, read from the spec. */
  why: string;
  /** One line naming the operation, the mutation and what is changed, for test names and failures. */
  title: string;
}

export interface OperationCases {
  operation: string;
  method: string;
  path: string;
  cases: NegativeCase[];
  /** Set when there is nothing to mutate: why, read from the spec. */
  notApplicable?: string;
}

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The node with its local $refs resolved (the generated spec has only local ones). */
function resolve(node: unknown, root: unknown, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => resolve(item, root, seen));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    if (!ref.startsWith("#/")) throw new Error(`negative cases: only local $refs are resolved, not ${ref}`);
    if (seen.includes(ref)) return {}; // a recursive schema: its inner levels are not mutated
    let target: unknown = root;
    for (const token of ref.slice(2).split("/"))
      target = isObject(target) ? target[token.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    if (target === undefined) throw new Error(`negative cases: ${ref} points nowhere`);
    return resolve(target, root, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value, root, seen)]));
}

const typeOf = (schema: Json): string | undefined => (typeof schema["type"] === "string" ? schema["type"] : undefined);
const enumOf = (schema: Json): string[] | undefined =>
  Array.isArray(schema["enum"]) ? schema["enum"].filter((v): v is string => typeof v === "string") : undefined;

/** Every string enum the spec gives a field of this name (parameters and body properties), by operation. */
function enumsByField(
  operations: readonly ResolvedOperation[],
): Map<string, { operation: string; values: string[] }[]> {
  const found = new Map<string, { operation: string; values: string[] }[]>();
  const add = (name: string, operation: string, schema: unknown) => {
    const values = isObject(schema) ? enumOf(schema) : undefined;
    if (values) (found.get(name) ?? found.set(name, []).get(name)!).push({ operation, values });
  };
  for (const op of operations) {
    for (const p of op.parameters) add(String(p["name"]), op.operationId, p["schema"]);
    for (const { schema } of op.bodies)
      for (const [name, property] of Object.entries(isObject(schema["properties"]) ? schema["properties"] : {}))
        add(name, op.operationId, property);
  }
  return found;
}

interface ResolvedOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Json[];
  body: Json | undefined;
  bodies: { media: string; schema: Json }[];
}

function operationsOf(spec: unknown): ResolvedOperation[] {
  const resolved = resolve(spec, spec);
  const paths = isObject(resolved) && isObject(resolved["paths"]) ? resolved["paths"] : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = isObject(item) ? item[method] : undefined;
      if (!isObject(op) || typeof op["operationId"] !== "string") return [];
      // Path-level parameters apply unless the operation redefines them (same name and location).
      const own = Array.isArray(op["parameters"]) ? op["parameters"].filter(isObject) : [];
      const shared = isObject(item) && Array.isArray(item["parameters"]) ? item["parameters"].filter(isObject) : [];
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o["name"] === s["name"] && o["in"] === s["in"])),
        ...own,
      ];
      const body = isObject(op["requestBody"]) ? op["requestBody"] : undefined;
      const content = body && isObject(body["content"]) ? body["content"] : {};
      const bodies = Object.entries(content).flatMap(([media, value]) =>
        isObject(value) && isObject(value["schema"]) ? [{ media, schema: value["schema"] }] : [],
      );
      return [{ operationId: op["operationId"], method: method.toUpperCase(), path, parameters, body, bodies }];
    }),
  );
}

const mediaKind = (media: string): "json" | "multipart" | undefined =>
  media === "application/json" || media.endsWith("+json")
    ? "json"
    : media === "multipart/form-data"
      ? "multipart"
      : undefined;

const showChange = (change: Change): string => {
  switch (change.op) {
    case "remove":
      return "left out";
    case "set":
      return `= ${JSON.stringify(change.value)}`;
    case "upper_case":
      return "= the sent value upper-cased";
    case "append":
      return `= the sent value + ${JSON.stringify(change.suffix)}`;
    case "to_string":
      return "= the sent value as a JSON string";
    case "wrap_in_array":
      return "= the sent value in an array";
  }
};

/** The cases of one documented input: a parameter, or a property of a body. */
function casesOfField(
  base: Omit<NegativeCase, "kind" | "name" | "change" | "why" | "title">,
  name: string,
  schema: Json,
  required: boolean,
  enums: Map<string, { operation: string; values: string[] }[]>,
): NegativeCase[] {
  const cases: NegativeCase[] = [];
  const where = base.location === "json" || base.location === "multipart" ? `body.${name}` : `${base.location}.${name}`;
  const add = (kind: MutationKind, change: Change, why: string) =>
    cases.push({
      ...base,
      kind,
      name,
      change,
      why,
      title: `${base.operation} ${kind} ${where} ${showChange(change)}${base.media ? ` (${base.media})` : ""}`,
    });
  const type = typeOf(schema);
  const json = base.location === "json";

  if (required) add("missing_required", { op: "remove" }, `${where} is required`);

  if (json) {
    if (type === "integer" || type === "number" || type === "boolean")
      add("wrong_type", { op: "to_string" }, `${where} must be ${type === "integer" ? "an integer" : `a ${type}`}`);
    else if (type === "string") add("wrong_type", { op: "wrap_in_array" }, `${where} must be a string`);
  } else if (type === "integer" || type === "number") {
    add(
      "wrong_type",
      { op: "append", suffix: "abc" },
      `${where} must be ${type === "integer" ? "an integer" : "a number"}`,
    );
  } else if (type === "boolean") {
    add("wrong_type", { op: "set", value: "not-a-boolean" }, `${where} must be a boolean`);
  }

  if (type === "integer")
    add(
      "non_integer",
      { op: "append", suffix: ".5" },
      `${where} must be an integer${schema["format"] ? ` (${String(schema["format"])})` : ""}`,
    );

  const allowed = enumOf(schema);
  if (allowed) {
    const own = new Set(allowed);
    const neighbours = new Map<string, string>();
    for (const other of enums.get(name) ?? [])
      for (const value of other.values)
        if (!own.has(value) && !neighbours.has(value)) neighbours.set(value, other.operation);
    for (const [value, operation] of [...neighbours].sort(([a], [b]) => a.localeCompare(b)))
      add(
        "outside_enum",
        { op: "set", value },
        `${where} must be one of ${allowed.join(", ")}; ${JSON.stringify(value)} is ${operation}'s, not this operation's`,
      );
    if (allowed.some((value) => value.toUpperCase() !== value && !own.has(value.toUpperCase())))
      add("outside_enum", { op: "upper_case" }, `${where} must be one of ${allowed.join(", ")} (case-sensitive)`);
  }
  return cases;
}

/** The negative cases of every operation of `spec` (an OpenAPI 3.x document), in the spec's order. */
export function negativeCases(spec: unknown): OperationCases[] {
  const operations = operationsOf(spec);
  const enums = enumsByField(operations);
  return operations.map((op) => {
    const base = { operation: op.operationId, method: op.method, path: op.path };
    const cases: NegativeCase[] = [];
    for (const parameter of op.parameters) {
      const location = parameter["in"];
      if (location !== "query" && location !== "header")
        throw new Error(
          `negative cases: ${op.operationId} has a ${String(location)} parameter (${String(parameter["name"])}), which the generator does not mutate yet`,
        );
      const name = String(parameter["name"]);
      // OAS: a header parameter named Content-Type (or Accept, Authorization) is ignored.
      if (location === "header" && ["content-type", "accept", "authorization"].includes(name.toLowerCase())) continue;
      cases.push(
        ...casesOfField(
          { ...base, location },
          name,
          isObject(parameter["schema"]) ? parameter["schema"] : {},
          parameter["required"] === true,
          enums,
        ),
      );
    }
    if (op.body?.["required"] === true)
      cases.push({
        ...base,
        kind: "missing_required",
        location: "body",
        name: "",
        change: { op: "remove" },
        why: "the request body is required",
        title: `${op.operationId} missing_required body left out`,
      });
    for (const { media, schema } of op.bodies) {
      const location = mediaKind(media);
      if (!location)
        throw new Error(
          `negative cases: ${op.operationId} documents a ${media} body, which the generator does not mutate yet`,
        );
      const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
      for (const [name, property] of Object.entries(isObject(schema["properties"]) ? schema["properties"] : {}))
        cases.push(
          ...casesOfField(
            { ...base, location, media },
            name,
            isObject(property) ? property : {},
            required.has(name),
            enums,
          ),
        );
    }
    if (cases.length > 0) return { ...base, cases };
    const inputs = [
      ...op.parameters.map((p) => `${String(p["in"])} parameter ${String(p["name"])}`),
      ...(op.body ? ["an optional request body"] : []),
    ];
    const notApplicable =
      inputs.length === 0
        ? `the spec documents no parameters and no request body for ${op.method} ${op.path}: nothing to mutate`
        : `the spec marks nothing required and gives no type or enum to break in ${inputs.join(", ")}`;
    return { ...base, cases, notApplicable };
  });
}

// ---- applying a case to a valid request ----

function changeText(change: Change, sent: string): string {
  switch (change.op) {
    case "set":
      return change.value;
    case "upper_case":
      return sent.toUpperCase();
    case "append":
      return sent + change.suffix;
    case "remove":
    case "to_string":
    case "wrap_in_array":
      throw new Error(`negative cases: ${change.op} does not apply to a text value`);
  }
}

function changeJson(change: Change, sent: unknown): unknown {
  switch (change.op) {
    case "set":
      return change.value;
    case "upper_case":
      if (typeof sent !== "string")
        throw new Error(`negative cases: upper_case needs a sent string, got ${stringify(sent) ?? String(sent)}`);
      return sent.toUpperCase();
    case "append":
      // A number stays a JSON number (its exact digits plus the suffix), a string stays a string.
      return isLosslessNumber(sent)
        ? new LosslessNumber(sent.toString() + change.suffix)
        : `${String(sent)}${change.suffix}`;
    case "to_string":
      return isLosslessNumber(sent) ? sent.toString() : stringify(sent);
    case "wrap_in_array":
      return [sent];
    case "remove":
      throw new Error("negative cases: remove is applied by leaving the value out");
  }
}

const withoutBodyHeaders = (headers: Headers): Headers => {
  const copy = new Headers(headers);
  copy.delete("content-length");
  copy.delete("content-type"); // a new body brings its own (a multipart one its boundary)
  return copy;
};

const rebuilt = (request: Request, init: { url?: string; headers?: Headers; body?: BodyInit | null }) =>
  new Request(init.url ?? request.url, {
    method: request.method,
    headers: init.headers ?? request.headers,
    body: init.body === undefined ? null : init.body,
    signal: request.signal,
  });

/**
 * The request with the case applied. The base request must be a valid one that sends the value
 * being changed (a case for a value it does not send is an error, not a silent no-op).
 */
export async function applyCase(request: Request, c: NegativeCase): Promise<Request> {
  const missing = () =>
    new Error(`negative cases: ${c.title}: the base request sends no ${c.location} ${c.name || "body"} to change`);
  switch (c.location) {
    case "query": {
      const url = new URL(request.url);
      const sent = url.searchParams.get(c.name);
      if (sent === null) throw missing();
      if (c.change.op === "remove") url.searchParams.delete(c.name);
      else url.searchParams.set(c.name, changeText(c.change, sent));
      return rebuilt(request, {
        url: url.toString(),
        body: request.body === null ? null : await request.arrayBuffer(),
      });
    }
    case "header": {
      const headers = new Headers(request.headers);
      const sent = headers.get(c.name);
      if (sent === null) throw missing();
      if (c.change.op === "remove") headers.delete(c.name);
      else headers.set(c.name, changeText(c.change, sent));
      return rebuilt(request, { headers, body: request.body === null ? null : await request.arrayBuffer() });
    }
    case "body":
      if (request.body === null) throw missing();
      await request.arrayBuffer(); // read to its end, as fetch would, so the client's body source finishes normally
      return rebuilt(request, { headers: withoutBodyHeaders(request.headers), body: null });
    case "json": {
      const body = parse(await request.text());
      if (!isObject(body) || !(c.name in body)) throw missing();
      if (c.change.op === "remove") delete body[c.name];
      else body[c.name] = changeJson(c.change, body[c.name]);
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      return rebuilt(request, { headers, body: stringify(body) ?? "" });
    }
    case "multipart": {
      const form = await request.formData();
      const sent = form.get(c.name);
      if (sent === null) throw missing();
      if (c.change.op !== "remove" && typeof sent !== "string")
        throw new Error(`negative cases: ${c.title}: ${c.name} is a file part, which has no text to change`);
      // Same fields in the same order, the mutated one changed or left out.
      const mutated = new FormData();
      form.forEach((value, name) => {
        if (name !== c.name)
          typeof value === "string" ? mutated.append(name, value) : mutated.append(name, value, value.name);
        else if (c.change.op !== "remove") mutated.append(name, changeText(c.change, value as string));
      });
      return rebuilt(request, { headers: withoutBodyHeaders(request.headers), body: mutated });
    }
  }
}

// ---- the valid requests the cases mutate: one call through MiniMaxFiles per operation ----

/**
 * The purpose of the base requests: one that upload, list and delete all take and that takes a
 * .txt file, so a live target is sent only a small text fixture.
 */
export const BASE_PURPOSE = (() => {
  const purpose = UPLOAD_PURPOSES.find(
    (p) =>
      (LIST_PURPOSES as readonly string[]).includes(p) &&
      (DELETE_PURPOSES as readonly string[]).includes(p) &&
      UPLOAD_LIMITS[p]?.formats.includes("txt"),
  );
  if (!purpose)
    throw new Error("negative cases: no purpose of the spec is taken by upload, list and delete with .txt files");
  return purpose as (typeof UPLOAD_PURPOSES)[number] &
    (typeof LIST_PURPOSES)[number] &
    (typeof DELETE_PURPOSES)[number];
})();
export const BASE_FILE = {
  bytes: new TextEncoder().encode("minimax-files negative_data_rejection fixture\n"),
  filename: "negative-fixture.txt",
};

export interface BaseCall {
  /** The valid call; `fileId` names a stored file of BASE_PURPOSE. */
  call(client: MiniMaxFiles, fileId: string): Promise<unknown>;
  /** The call removes the file it names (each run then needs a file of its own). */
  consumesFile?: boolean;
}

/** A valid call per operation of the spec (a new operation needs one here). */
export const BASE_CALLS: Readonly<Record<string, BaseCall>> = {
  uploadFile: {
    call: (client) => client.upload({ file: BASE_FILE.bytes, filename: BASE_FILE.filename, purpose: BASE_PURPOSE }),
  },
  listFiles: { call: (client) => client.list({ purpose: BASE_PURPOSE }) },
  retrieveFile: { call: (client, id) => client.retrieve(id) },
  retrieveFileContent: { call: (client, id) => client.retrieveContent(id) },
  deleteFile: { call: (client, id) => client.delete(id, { purpose: BASE_PURPOSE }), consumesFile: true },
};
