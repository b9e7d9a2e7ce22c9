// Checks of recorded exchanges against the effective spec (generated/openapi.json), out of the
// data path: the sandbox writes its answer first and validates the record of it afterwards, so
// what is validated is never what is sent (nothing is re-serialized on the way to the client).
//
// int64 ids: the recorded JSON text is parsed with lossless-json (every number kept as its source
// text, a LosslessNumber), then turned into a "schema view" for Ajv in which each number becomes a
// JS number chosen to keep what the spec's keywords can ask about it (see numberForSchema): an
// integer stays an integer (its magnitude may round to a neighbouring integer, which no keyword of
// this spec can tell: it sets no minimum, maximum or multipleOf), a non-integer stays a
// non-integer, and an integer outside int64 becomes 2^64, which the `int64` format refuses. The
// view is only ever given to Ajv; ids in the exchange log stay the exact text.
//
// One definition of what is valid, shared with the sandbox (server.ts): where the sandbox judges
// what the validator judges (the Authorization header, an int64 id in a query or a JSON body, a
// body's Content-Type) it calls the same functions (readBearer, readInt64Query, readInt64Json,
// requestMediaProblem), so it never takes what the validator reports, nor refuses what it passes.
//
// Who is to blame: each finding says its side. "request": what was sent is not what the spec
// documents (the client's break), or the answer could only differ from the spec because the request
// was refused (see validate's `refused`). "response": the answer breaks the spec (the server's).
//
// Ajv is loaded lazily, only when a sandbox is started with validation on: the sandbox ships in
// dist/ (subpath "minimax-files/sandbox"), but Ajv is not a runtime dependency of the client, and
// not declared at all: an optionalDependency would be installed for every user of the client, and
// even an optional peer makes npm refuse to install the client into a project that has another
// Ajv version (ERESOLVE). Whoever wants the validating sandbox installs Ajv (the error says how).
import type Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import { isLosslessNumber, parse } from "lossless-json";
import specDocument from "../../generated/openapi.json";

export interface SandboxFinding {
  /** The spec's operationId, or "METHOD /path" for a request to no documented operation. */
  operation: string;
  /** What was checked: `request_security`, `request_parameters`, `request_body`, `operation_documented`, `status_code_conformance`, `response_headers_conformance`, `content_type_conformance`, `response_schema_conformance`. */
  check: string;
  /** What is wrong, with the JSON path (a JSON pointer) or the parameter it concerns. */
  finding: string;
  /** Whose break it is: "request" (what the client sent, see the header comment) or "response" (the server's answer). */
  side: "request" | "response";
}

/** A multipart part as recorded: a field's text, or a file's name, type and size. */
export type RecordedPart = string | { filename: string; type: string; bytes: number };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text of a JSON request. */
  body?: string;
  /** The parts of a multipart request that could be parsed (files are not kept here). */
  form?: Record<string, RecordedPart>;
  /** Why a multipart body could not be parsed. */
  formError?: string;
  /** Why the body was not read at all (a refusal that came first): the validator then does not judge it. */
  unreadBody?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The raw body text of a JSON (or other text) response; absent for file bytes. */
  body?: string;
  /** How many body bytes were (or are being) sent. */
  bytes: number;
}

export interface SandboxExchange {
  /** The spec's operationId, undefined when the request matched no documented operation. */
  operation: string | undefined;
  request: RecordedRequest;
  response: RecordedResponse;
}

type JsonObject = { [key: string]: unknown };
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

// ---- the effective spec, with its local $refs resolved ----

function resolveRefs(node: unknown, root: unknown, stack: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveRefs(item, root, stack));
  if (!isObject(node)) return node;
  const ref = node["$ref"];
  if (typeof ref === "string") {
    if (!ref.startsWith("#/")) throw new Error(`the sandbox resolves local $refs only, not ${ref}`);
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

const SPEC = resolveRefs(specDocument, specDocument) as JsonObject;
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
        security: Array.isArray(op["security"]) ? op["security"] : Array.isArray(SPEC["security"]) ? SPEC["security"] : [],
      };
      return [[`${operation.method} ${path}`, operation] as const];
    }),
  ),
);

/** The documented paths (for telling a wrong method from an unknown path). */
export const SPEC_PATHS: ReadonlySet<string> = new Set([...SPEC_OPERATIONS.values()].map((op) => op.path));

// ---- numbers for the schema view ----

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const OUTSIDE_INT64 = 2 ** 64;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The exact value of a JSON number literal when it is an integer (1, 1.0, 1e3 are), else undefined. */
function exactInteger(text: string): bigint | "huge" | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  let digits = (whole + fraction).replace(/^0+(?=\d)/, "");
  let exponent = Number(exponentText) - fraction.length;
  if (/^0+$/.test(digits)) return 0n;
  while (exponent < 0 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    exponent += 1;
  }
  if (exponent < 0) return undefined;
  if (digits.length + exponent > 400) return "huge";
  return BigInt(sign + digits + "0".repeat(exponent));
}

/** The number Ajv sees for a JSON number literal (see the header comment). */
export function numberForSchema(text: string): number {
  const integer = exactInteger(text);
  if (integer === "huge") return text.startsWith("-") ? -OUTSIDE_INT64 : OUTSIDE_INT64;
  if (integer !== undefined) return integer < INT64_MIN || integer > INT64_MAX ? (integer < 0n ? -OUTSIDE_INT64 : OUTSIDE_INT64) : Number(integer);
  const value = Number(text);
  // A fraction lost to double rounding (9007199254740993.5 reads as 9007199254740994) must still
  // fail an integer check: stand in 0.5 (its sign kept), a non-integer.
  return Number.isInteger(value) || !Number.isFinite(value) ? (text.startsWith("-") ? -0.5 : 0.5) : value;
}

/** A lossless-json tree as Ajv should see it: each LosslessNumber replaced by numberForSchema. */
export function schemaView(value: unknown): unknown {
  if (isLosslessNumber(value)) return numberForSchema(value.toString());
  if (Array.isArray(value)) return value.map(schemaView);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, schemaView(item)]));
  return value;
}

// ---- what the sandbox and the validator both call valid ----

/** A value read from a request, or why it is not valid. */
export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110
// §11.1), so "bearer k" and "Bearer  k" are valid and a tab or a second word is not. The spaces
// and tabs around a field value are not part of it (RFC 9110 §5.5).
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1). */
export function readBearer(header: string | string[] | undefined): Reading<string> {
  if (header === undefined) return { ok: false, problem: "is missing" };
  const match = BEARER.exec((Array.isArray(header) ? header.join(", ") : header).replace(/^[ \t]+|[ \t]+$/g, ""));
  return match?.[1] !== undefined ? { ok: true, value: match[1] } : { ok: false, problem: "is not `Bearer <token>`" };
}

/** Whether a key can be sent as a bearer token at all (a b64token, RFC 6750 §2.1). */
export function isBearerToken(key: string): boolean {
  const reading = readBearer(`Bearer ${key}`);
  return reading.ok && reading.value === key;
}

// An integer query parameter is written as form style writes an integer (OAS 3.1 §4.8.12.4, RFC 6570):
// its decimal digits, "-" for a negative one; so no "+", spaces, leading zeros, fraction or exponent.
const QUERY_INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** An int64 query parameter's value (the spec's `file_id`), or why its text is not one. */
export function readInt64Query(text: string): Reading<bigint> {
  if (!QUERY_INTEGER.test(text)) return { ok: false, problem: `${JSON.stringify(text)} is not an integer in decimal (digits, "-" for a negative one, no leading zero)` };
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? { ok: false, problem: `${text} is outside int64` } : { ok: true, value };
}

/**
 * An int64 in a JSON body, as JSON Schema judges `type: integer, format: int64` (numberForSchema):
 * any JSON number whose value is an integer (1.0 and 1e3 are) within int64, never a string.
 */
export function readInt64Json(value: unknown): Reading<bigint> {
  if (value === undefined) return { ok: false, problem: "is missing" };
  if (!isLosslessNumber(value)) return { ok: false, problem: `must be an integer, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value)}`}` };
  const integer = exactInteger(value.toString());
  if (integer === undefined) return { ok: false, problem: `must be an integer, not ${value.toString()}` };
  return integer === "huge" || integer < INT64_MIN || integer > INT64_MAX ? { ok: false, problem: `${value.toString()} is outside int64` } : { ok: true, value: integer };
}

// ---- Ajv, loaded on demand ----

type Ajv = InstanceType<typeof Ajv2020>;

function loadAjv(): Ajv {
  let Ajv2020Class: typeof Ajv2020;
  let addFormats: (ajv: Ajv) => unknown;
  try {
    // require, not import(): the package is CommonJS, and a lazy require keeps Ajv off the load
    // path of "minimax-files/sandbox" when validation is off.
    Ajv2020Class = (require("ajv/dist/2020") as { default: typeof Ajv2020 }).default;
    addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => unknown }).default;
  } catch (cause) {
    throw new Error(
      "The sandbox validates every exchange with Ajv, which is not installed: run `npm install ajv@8 ajv-formats@3` (not installed with minimax-files), or start it with { validate: false }.",
      { cause },
    );
  }
  const ajv = new Ajv2020Class({ strict: true, allErrors: true });
  addFormats(ajv);
  // OpenAPI's own formats (OAS 3.1 §4.4). int64 accepts the schema view's numbers (see numberForSchema).
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n <= 2 ** 63 });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("binary", true);
  ajv.addKeyword("example"); // an OpenAPI annotation, not a JSON Schema keyword
  return ajv;
}

/** Why the text of a numeric query parameter is not a number of its schema's type (undefined when it is one). */
function numericQueryProblem(schema: JsonObject, text: string): string | undefined {
  if (schema["type"] === "integer") {
    // The sandbox reads an int64 parameter with readInt64Query too: one verdict for both. Another
    // integer format shares the syntax and leaves its range to Ajv.
    const reading = readInt64Query(text);
    return reading.ok || (schema["format"] !== "int64" && QUERY_INTEGER.test(text)) ? undefined : reading.problem;
  }
  if (schema["type"] === "number" && !DECIMAL.test(text)) return `${JSON.stringify(text)} is not a number`;
  return undefined;
}

const mediaTypeOf = (contentType: unknown): string => (typeof contentType === "string" ? (contentType.split(";")[0] ?? "").trim().toLowerCase() : "");
/** Whether the spec documents a JSON answer for this status of the operation (an in-band refusal can only conform where it does). */
export function documentsJson(op: SpecOperation, status: number): boolean {
  const documented = op.responses[String(status)];
  return isObject(documented) && isObject(documented["content"]) && Object.keys(documented["content"]).some((media) => isJsonMedia(mediaTypeOf(media)));
}

/** Why a request's Content-Type is not one its operation's requestBody documents (the sandbox refuses the same). */
export function requestMediaProblem(op: SpecOperation, contentType: unknown): string | undefined {
  const content = isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {};
  return isObject(content[mediaTypeOf(contentType)]) ? undefined : `Content-Type ${JSON.stringify(contentType ?? "")} is not one the spec documents (${Object.keys(content).join(", ")})`;
}
const isJsonMedia = (media: string) => media === "application/json" || media.endsWith("+json");
const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "enum" ? ` (${JSON.stringify(e.params["allowedValues"])})` : ""}`);

let shared: ExchangeValidator | undefined;
/** One validator for every sandbox of this process: it holds no sandbox's state, only the compiled schemas, which take a while to build. */
export const sharedExchangeValidator = (): ExchangeValidator => (shared ??= new ExchangeValidator());

/** Validates recorded exchanges against the effective spec. */
export class ExchangeValidator {
  private readonly ajv: Ajv = loadAjv();
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor() {
    // Compile every schema now, so a spec Ajv cannot read fails at start, not mid-exchange.
    for (const op of SPEC_OPERATIONS.values()) {
      for (const p of op.parameters) if (isObject(p["schema"])) this.validator(p["schema"]);
      for (const media of Object.values(isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {})) if (isObject(media) && isObject(media["schema"])) this.validator(media["schema"]);
      for (const response of Object.values(op.responses))
        for (const media of Object.values(isObject(response) && isObject(response["content"]) ? response["content"] : {})) if (isObject(media) && isObject(media["schema"])) this.validator(media["schema"]);
    }
  }

  private validator(schema: JsonObject): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) this.compiled.set(schema, (validate = this.ajv.compile(schema)));
    return validate;
  }

  private check(schema: JsonObject, value: unknown): string[] {
    const validate = this.validator(schema);
    return validate(value) ? [] : describe(validate.errors);
  }

  /**
   * The headers a documented response declares (OAS `responses.<status>.headers`), checked against
   * what was sent: a required one missing, or a value its schema refuses (an integer or number
   * schema is given the text as a number). Content-Type is ignored, as OAS says.
   */
  responseHeaderFindings(documented: JsonObject, headers: RecordedResponse["headers"]): string[] {
    const declared = isObject(documented["headers"]) ? documented["headers"] : {};
    const findings: string[] = [];
    for (const [name, header] of Object.entries(declared)) {
      if (!isObject(header) || name.toLowerCase() === "content-type") continue;
      const sent = headers[name.toLowerCase()];
      if (sent === undefined) {
        if (header["required"] === true) findings.push(`header ${name} is required and missing`);
        continue;
      }
      const text = Array.isArray(sent) ? sent.join(", ") : String(sent);
      const schema = isObject(header["schema"]) ? header["schema"] : {};
      const numeric = schema["type"] === "integer" || schema["type"] === "number";
      if (numeric && !DECIMAL.test(text.trim())) {
        findings.push(`header ${name}: ${JSON.stringify(text)} is not a number`);
        continue;
      }
      for (const error of this.check(schema, numeric ? numberForSchema(text.trim()) : text)) findings.push(`header ${name}: ${error.replace(/^\/ /, "")}`);
    }
    return findings;
  }

  /**
   * Everything the exchange does differently from what the spec documents.
   *
   * `refused`: the server refused the request in-band (HTTP 200 + base_resp, MiniMax's way, NOTES
   * §2). Where the spec documents no JSON answer for the operation (retrieve_content's only answer
   * is the file's bytes, NOTES §3.8), no refusal can conform, so that Content-Type finding is the
   * request's (it was refused), not the server's. Every other break of a refusal stays the server's.
   */
  validate(exchange: SandboxExchange, { refused = false }: { refused?: boolean } = {}): SandboxFinding[] {
    const { request, response } = exchange;
    const op = SPEC_OPERATIONS.get(`${request.method} ${request.path}`);
    if (!op) {
      const operation = `${request.method} ${request.path}`;
      return [{ operation, check: "operation_documented", finding: `the spec documents no ${request.method} on ${request.path}`, side: "request" }];
    }
    const findings: SandboxFinding[] = [];
    const onRequest = (check: string, finding: string) => findings.push({ operation: op.operationId, check, finding, side: "request" });
    const onResponse = (check: string, finding: string) => {
      if (refused && check === "content_type_conformance" && !documentsJson(op, response.status)) {
        return findings.push({ operation: op.operationId, check, finding: `${finding}: the in-band refusal of this request (HTTP 200 + base_resp), which the spec documents no answer for`, side: "request" });
      }
      return findings.push({ operation: op.operationId, check, finding, side: "response" });
    };
    this.checkRequest(op, request, onRequest);
    this.checkResponse(op, response, onResponse);
    return findings;
  }

  private checkRequest(op: SpecOperation, request: RecordedRequest, add: (check: string, finding: string) => void): void {
    // Security: every scheme this spec uses is HTTP bearer; an operation needs one requirement met.
    const schemes = isObject(SPEC["components"]) && isObject(SPEC["components"]["securitySchemes"]) ? SPEC["components"]["securitySchemes"] : {};
    const bearerNeeded = op.security.length > 0 && op.security.every((requirement) => isObject(requirement) && Object.keys(requirement).some((name) => { const s = schemes[name]; return isObject(s) && s["type"] === "http" && String(s["scheme"]).toLowerCase() === "bearer"; }));
    const auth = readBearer(request.headers["authorization"]);
    if (bearerNeeded && !auth.ok) add("request_security", `the Authorization header ${auth.problem}`);

    for (const parameter of op.parameters) {
      const name = String(parameter["name"]);
      const where = parameter["in"];
      if (where !== "query") continue; // header parameters here are only the ignored Content-Type (NOTES §3.2)
      const values = request.query[name] ?? [];
      if (values.length === 0) {
        if (parameter["required"] === true) add("request_parameters", `query parameter ${name} is required and missing`);
        continue;
      }
      if (values.length > 1) add("request_parameters", `query parameter ${name} is given ${values.length} times`);
      const schema = isObject(parameter["schema"]) ? parameter["schema"] : {};
      const raw = values[0] ?? "";
      const numeric = schema["type"] === "integer" || schema["type"] === "number";
      const problem = numericQueryProblem(schema, raw);
      if (problem !== undefined) {
        add("request_parameters", `query parameter ${name}: ${problem}`);
        continue;
      }
      for (const error of this.check(schema, numeric ? numberForSchema(raw) : raw)) add("request_parameters", `query parameter ${name}: ${error.replace(/^\/ /, "")}`);
    }

    const body = op.requestBody;
    if (!body) return;
    const mediaProblem = requestMediaProblem(op, request.headers["content-type"]);
    if (mediaProblem !== undefined) return add("request_body", mediaProblem);
    const content = isObject(body["content"]) ? body["content"] : {};
    const media = mediaTypeOf(request.headers["content-type"]);
    const declared = content[media];
    if (!isObject(declared) || request.unreadBody !== undefined) return; // an unread body leaves nothing to judge
    const schema = isObject(declared["schema"]) ? declared["schema"] : {};
    if (media === "multipart/form-data") {
      if (request.formError !== undefined || !request.form) return add("request_body", `the multipart body could not be read: ${request.formError ?? "no parts"}`);
      const properties = isObject(schema["properties"]) ? schema["properties"] : {};
      const view: JsonObject = {};
      for (const [name, part] of Object.entries(request.form)) {
        const property = properties[name];
        const wantsFile = isObject(property) && property["format"] === "binary";
        if (wantsFile && typeof part === "string") add("request_body", `/${name} must be a file part, not a text field`);
        if (!wantsFile && typeof part !== "string") add("request_body", `/${name} must be a text field, not a file part`);
        view[name] = typeof part === "string" ? part : "";
      }
      for (const error of this.check(schema, view)) add("request_body", error);
      return;
    }
    if (isJsonMedia(media)) {
      let parsed: unknown;
      try {
        parsed = parse(request.body ?? "");
      } catch (error) {
        return add("request_body", `the body is not JSON: ${(error as Error).message}`);
      }
      for (const error of this.check(schema, schemaView(parsed))) add("request_body", error);
    }
  }

  private checkResponse(op: SpecOperation, response: RecordedResponse, add: (check: string, finding: string) => void): void {
    const status = String(response.status);
    const documented = op.responses[status] ?? op.responses[`${status[0] ?? ""}XX`] ?? op.responses["default"];
    if (!isObject(documented)) return add("status_code_conformance", `HTTP ${status} is not a documented response (documented: ${Object.keys(op.responses).join(", ")})`);
    for (const finding of this.responseHeaderFindings(documented, response.headers)) add("response_headers_conformance", finding);
    const content = isObject(documented["content"]) ? documented["content"] : undefined;
    if (!content) return;
    const contentType = response.headers["content-type"];
    const media = mediaTypeOf(contentType);
    const declared = content[media];
    if (!isObject(declared)) return add("content_type_conformance", `Content-Type ${JSON.stringify(contentType ?? "")} is not documented for HTTP ${status} (documented: ${Object.keys(content).join(", ")})`);
    if (!isJsonMedia(media) || !isObject(declared["schema"])) return;
    let parsed: unknown;
    try {
      parsed = parse(response.body ?? "");
    } catch (error) {
      return add("response_schema_conformance", `the body is not JSON: ${(error as Error).message}`);
    }
    for (const error of this.check(declared["schema"], schemaView(parsed))) add("response_schema_conformance", error);
  }
}
