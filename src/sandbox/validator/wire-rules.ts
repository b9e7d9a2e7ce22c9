// What the sandbox and the validator both call valid, defined once. Where the sandbox judges what
// the validator judges (the Authorization header, an int64 id in a query or a JSON body, a body's
// Content-Type) both call these functions, so the sandbox never takes what the validator reports,
// nor refuses what it passes (tests/sandbox/agreement.test.ts sends each odd value to both).
import { isLosslessNumber } from "lossless-json";
import { DECIMAL, exactInteger, INT64_MAX, INT64_MIN } from "./schema-view";
import { isObject, mediaTypeOf, type JsonObject, type SpecOperation } from "./spec-index";

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
  if (!QUERY_INTEGER.test(text))
    return {
      ok: false,
      problem: `${JSON.stringify(text)} is not an integer in decimal (digits, "-" for a negative one, no leading zero)`,
    };
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX
    ? { ok: false, problem: `${text} is outside int64` }
    : { ok: true, value };
}

/**
 * An int64 in a JSON body, as JSON Schema judges `type: integer, format: int64` (numberForSchema):
 * any JSON number whose value is an integer (1.0 and 1e3 are) within int64, never a string.
 */
export function readInt64Json(value: unknown): Reading<bigint> {
  if (value === undefined) return { ok: false, problem: "is missing" };
  if (!isLosslessNumber(value))
    return {
      ok: false,
      problem: `must be an integer, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `the ${typeof value} ${JSON.stringify(value)}`}`,
    };
  const integer = exactInteger(value.toString());
  if (integer === undefined) return { ok: false, problem: `must be an integer, not ${value.toString()}` };
  return integer === "huge" || integer < INT64_MIN || integer > INT64_MAX
    ? { ok: false, problem: `${value.toString()} is outside int64` }
    : { ok: true, value: integer };
}

/** Why the text of a numeric query parameter is not a number of its schema's type (undefined when it is one). */
export function numericQueryProblem(schema: JsonObject, text: string): string | undefined {
  if (schema["type"] === "integer") {
    // The sandbox reads an int64 parameter with readInt64Query too: one verdict for both. Another
    // integer format shares the syntax and leaves its range to Ajv.
    const reading = readInt64Query(text);
    return reading.ok || (schema["format"] !== "int64" && QUERY_INTEGER.test(text)) ? undefined : reading.problem;
  }
  if (schema["type"] === "number" && !DECIMAL.test(text)) return `${JSON.stringify(text)} is not a number`;
  return undefined;
}

/** Why a request's Content-Type is not one its operation's requestBody documents (the sandbox refuses the same). */
export function requestMediaProblem(op: SpecOperation, contentType: unknown): string | undefined {
  const content = isObject(op.requestBody?.["content"]) ? op.requestBody["content"] : {};
  return isObject(content[mediaTypeOf(contentType)])
    ? undefined
    : `Content-Type ${JSON.stringify(contentType ?? "")} is not one the spec documents (${Object.keys(content).join(", ")})`;
}
