// int64 ids and the numbers Ajv sees. Recorded JSON text is parsed with lossless-json (every
// number kept as its source text, a LosslessNumber), then turned into a "schema view" for Ajv in
// which each number becomes a JS number chosen to keep what the spec's keywords can ask about it
// (numberForSchema): an integer stays an integer (its magnitude may round to a neighbouring
// integer, which no keyword of this spec can tell: it sets no minimum, maximum or multipleOf), a
// non-integer stays a non-integer, and an integer outside int64 becomes 2^64, which the `int64`
// format refuses. The view is only ever given to Ajv; ids in the exchange log stay the exact text.
import { isLosslessNumber } from "lossless-json";
import { isObject } from "./spec-index";

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
const OUTSIDE_INT64 = 2 ** 64;
/** A JSON number literal (and the text of a numeric header or query value that is one). */
export const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The exact value of a JSON number literal when it is an integer (1, 1.0, 1e3 are), else undefined. */
export function exactInteger(text: string): bigint | "huge" | undefined {
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
  // Far outside int64 either way: not worth a BigInt of hundreds of digits (1e400 would be one).
  if (digits.length + exponent > 400) return "huge";
  return BigInt(sign + digits + "0".repeat(exponent));
}

/** The number Ajv sees for a JSON number literal (see the header comment). */
export function numberForSchema(text: string): number {
  const integer = exactInteger(text);
  if (integer === "huge") return text.startsWith("-") ? -OUTSIDE_INT64 : OUTSIDE_INT64;
  if (integer !== undefined)
    return integer < INT64_MIN || integer > INT64_MAX
      ? integer < 0n
        ? -OUTSIDE_INT64
        : OUTSIDE_INT64
      : Number(integer);
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
