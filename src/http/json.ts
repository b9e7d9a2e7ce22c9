// JSON with int64 file ids kept exact. JSON.parse turns 9223372036854775807 into
// 9223372036854776000, a different file; Node 20's reviver gets no source text to recover it.
// lossless-json reads every number as its source text, and we decide per field: id fields
// (generated from the spec's int64 ids) become decimal strings, every other number a JS number.
import { LosslessNumber, isLosslessNumber, parse, stringify } from "lossless-json";
import { SHORT_QUOTE, showJson } from "../util/describe";
import { ID_FIELDS } from "../spec/values";

const ID_FIELD_NAMES: ReadonlySet<string> = new Set(ID_FIELDS);
const DECIMAL_INTEGER = /^-?(0|[1-9]\d*)$/;

/** A response field that should be a file id and is not one. */
export class MalformedIdError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field} is ${describeJsonValue(value)}, not an integer id`);
  }
}

/**
 * Parses JSON text; id fields become decimal strings (an integer, or a numeric string some
 * gateways send), all other numbers become numbers. Throws SyntaxError for invalid JSON and
 * MalformedIdError for an id field that holds anything else.
 */
export function parseJson(text: string): unknown {
  return parse(text, (key, value) => {
    if (ID_FIELD_NAMES.has(key) && value !== null && value !== undefined) {
      const digits = isLosslessNumber(value) ? value.toString() : value;
      if (typeof digits !== "string" || !DECIMAL_INTEGER.test(digits))
        throw new MalformedIdError(key, isLosslessNumber(value) ? Number(value.toString()) : value);
      return digits;
    }
    return isLosslessNumber(value) ? Number(value.toString()) : value;
  });
}

/** JSON text for a request body; id fields given as decimal strings or bigints go out as JSON integers. */
export function stringifyJson(value: unknown): string {
  // Bigints need nothing here: lossless-json writes any bigint as a JSON integer itself.
  const text = stringify(value, (key, v) => {
    if (ID_FIELD_NAMES.has(key) && typeof v === "string" && DECIMAL_INTEGER.test(v)) return new LosslessNumber(v);
    return v;
  });
  return text ?? "";
}

// Never null: parseJson passes a null id field through as null, for the result checks to judge.
function describeJsonValue(value: unknown): string {
  return typeof value === "string" ? showJson(value, SHORT_QUOTE) : `${typeof value} ${showJson(value, SHORT_QUOTE)}`;
}
