// Checks of recorded exchanges against the effective spec (generated/openapi.json), out of the
// data path: the sandbox writes its answer first and validates the record of it afterwards, so
// what is validated is never what is sent (nothing is re-serialized on the way to the client).
// Numbers are judged from their exact text (schema-view.ts); what the sandbox also refuses is
// judged by the same functions it calls (wire-rules.ts).
//
// Who is to blame: each finding says its side. "request": what was sent is not what the spec
// documents (the client's break), or the answer could only differ from the spec because the request
// was refused (see validate's `refused`). "response": the answer breaks the spec (the server's).
import type { ErrorObject, ValidateFunction } from "ajv";
import { parse } from "lossless-json";
import { loadAjv, type Ajv } from "./ajv-loader";
import { DECIMAL, numberForSchema, schemaView } from "./schema-view";
import {
  documentsJson,
  isJsonMedia,
  isObject,
  mediaTypeOf,
  SPEC,
  SPEC_OPERATIONS,
  type JsonObject,
  type SpecOperation,
} from "./spec-index";
import { numericQueryProblem, readBearer, requestMediaProblem } from "./wire-rules";

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

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map(
    (e) =>
      `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "enum" ? ` (${JSON.stringify(e.params["allowedValues"])})` : ""}`,
  );

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
      for (const media of Object.values(isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {}))
        if (isObject(media) && isObject(media["schema"])) this.validator(media["schema"]);
      for (const response of Object.values(op.responses))
        for (const media of Object.values(
          isObject(response) && isObject(response["content"]) ? response["content"] : {},
        ))
          if (isObject(media) && isObject(media["schema"])) this.validator(media["schema"]);
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
      for (const error of this.check(schema, numeric ? numberForSchema(text.trim()) : text))
        findings.push(`header ${name}: ${error.replace(/^\/ /, "")}`);
    }
    return findings;
  }

  /**
   * Everything the exchange does differently from what the spec documents.
   *
   * `refused`: the server refused the request in-band (HTTP 200 + base_resp, MiniMax's way,
   * openapi/reference-notes.md §2). Where the spec documents no JSON answer for the operation
   * (retrieve_content's only answer is the file's bytes, §3.8), no refusal can conform, so that
   * Content-Type finding is the request's (it was refused), not the server's. Every other break of
   * a refusal stays the server's.
   */
  validate(exchange: SandboxExchange, { refused = false }: { refused?: boolean } = {}): SandboxFinding[] {
    const { request, response } = exchange;
    const op = SPEC_OPERATIONS.get(`${request.method} ${request.path}`);
    if (!op) {
      const operation = `${request.method} ${request.path}`;
      return [
        {
          operation,
          check: "operation_documented",
          finding: `the spec documents no ${request.method} on ${request.path}`,
          side: "request",
        },
      ];
    }
    const findings: SandboxFinding[] = [];
    const onRequest = (check: string, finding: string) =>
      findings.push({ operation: op.operationId, check, finding, side: "request" });
    const onResponse = (check: string, finding: string) => {
      if (refused && check === "content_type_conformance" && !documentsJson(op, response.status)) {
        return findings.push({
          operation: op.operationId,
          check,
          finding: `${finding}: the in-band refusal of this request (HTTP 200 + base_resp), which the spec documents no answer for`,
          side: "request",
        });
      }
      return findings.push({ operation: op.operationId, check, finding, side: "response" });
    };
    this.checkRequest(op, request, onRequest);
    this.checkResponse(op, response, onResponse);
    return findings;
  }

  private checkRequest(
    op: SpecOperation,
    request: RecordedRequest,
    add: (check: string, finding: string) => void,
  ): void {
    // Security: every scheme this spec uses is HTTP bearer; an operation needs one requirement met.
    const schemes =
      isObject(SPEC["components"]) && isObject(SPEC["components"]["securitySchemes"])
        ? SPEC["components"]["securitySchemes"]
        : {};
    const bearerNeeded =
      op.security.length > 0 &&
      op.security.every(
        (requirement) =>
          isObject(requirement) &&
          Object.keys(requirement).some((name) => {
            const s = schemes[name];
            return isObject(s) && s["type"] === "http" && String(s["scheme"]).toLowerCase() === "bearer";
          }),
      );
    const auth = readBearer(request.headers["authorization"]);
    if (bearerNeeded && !auth.ok) add("request_security", `the Authorization header ${auth.problem}`);

    for (const parameter of op.parameters) {
      const name = String(parameter["name"]);
      const where = parameter["in"];
      if (where !== "query") continue; // header parameters here are only the ignored Content-Type (openapi/reference-notes.md §3.2)
      const values = request.query[name] ?? [];
      if (values.length === 0) {
        if (parameter["required"] === true)
          add("request_parameters", `query parameter ${name} is required and missing`);
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
      for (const error of this.check(schema, numeric ? numberForSchema(raw) : raw))
        add("request_parameters", `query parameter ${name}: ${error.replace(/^\/ /, "")}`);
    }

    const body = op.requestBody;
    if (!body) return;
    const mediaProblem = requestMediaProblem(op, request.headers["content-type"]);
    if (mediaProblem !== undefined) {
      add("request_body", mediaProblem);
      return;
    }
    const content = isObject(body["content"]) ? body["content"] : {};
    const media = mediaTypeOf(request.headers["content-type"]);
    const declared = content[media];
    if (!isObject(declared) || request.unreadBody !== undefined) return; // an unread body leaves nothing to judge
    const schema = isObject(declared["schema"]) ? declared["schema"] : {};
    if (media === "multipart/form-data") {
      if (request.formError !== undefined || !request.form) {
        add("request_body", `the multipart body could not be read: ${request.formError ?? "no parts"}`);
        return;
      }
      const properties = isObject(schema["properties"]) ? schema["properties"] : {};
      const view: JsonObject = {};
      for (const [name, part] of Object.entries(request.form)) {
        const property = properties[name];
        const wantsFile = isObject(property) && property["format"] === "binary";
        if (wantsFile && typeof part === "string")
          add("request_body", `/${name} must be a file part, not a text field`);
        if (!wantsFile && typeof part !== "string")
          add("request_body", `/${name} must be a text field, not a file part`);
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
        add("request_body", `the body is not JSON: ${(error as Error).message}`);
        return;
      }
      for (const error of this.check(schema, schemaView(parsed))) add("request_body", error);
    }
  }

  private checkResponse(
    op: SpecOperation,
    response: RecordedResponse,
    add: (check: string, finding: string) => void,
  ): void {
    const status = String(response.status);
    const documented = op.responses[status] ?? op.responses[`${status[0] ?? ""}XX`] ?? op.responses["default"];
    if (!isObject(documented)) {
      add(
        "status_code_conformance",
        `HTTP ${status} is not a documented response (documented: ${Object.keys(op.responses).join(", ")})`,
      );
      return;
    }
    for (const finding of this.responseHeaderFindings(documented, response.headers))
      add("response_headers_conformance", finding);
    const content = isObject(documented["content"]) ? documented["content"] : undefined;
    if (!content) return;
    const contentType = response.headers["content-type"];
    const media = mediaTypeOf(contentType);
    const declared = content[media];
    if (!isObject(declared)) {
      add(
        "content_type_conformance",
        `Content-Type ${JSON.stringify(contentType ?? "")} is not documented for HTTP ${status} (documented: ${Object.keys(content).join(", ")})`,
      );
      return;
    }
    if (!isJsonMedia(media) || !isObject(declared["schema"])) return;
    let parsed: unknown;
    try {
      parsed = parse(response.body ?? "");
    } catch (error) {
      add("response_schema_conformance", `the body is not JSON: ${(error as Error).message}`);
      return;
    }
    for (const error of this.check(declared["schema"], schemaView(parsed))) add("response_schema_conformance", error);
  }
}
