// JSON with int64 file ids kept exact. JSON.parse turns 9223372036854775807 into
// 9223372036854776000, a different file; Node 20's reviver gets no source text to recover it, and
// where it does (V8 11.4+) a reviver called on every value costs more than the parse itself.
//
// So an answer is parsed once, natively: before JSON.parse, each id field's integer (an id field is
// generated from the spec's int64 ids) is put in quotes in the text, so it arrives as an exact
// decimal string and every other number as JSON.parse gives it. The quoting can only match a key:
// inside a JSON string every `"` is escaped, so `{"file_id":` or `,"file_id":` is structure. When
// the text names an id field the quoting did not turn into a decimal string (a `\u` escape could
// spell a key, an id may be 1.5 or "abc"), the parsed value is walked to judge each id, and an id
// left a number sends the text to lossless-json (every number read as its source text), as before.
//
// The text is quoted piece by piece as it arrives (JsonTextParser), so a large answer is never
// held twice, once as it came and once quoted: pieces are cut at a comma, which no id's key,
// colon or digits contain, so every id is whole in one piece.
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
  return new JsonTextParser().end(text);
}

/** How much of the text as it came an error may quote (more than any quote shows). */
const HEAD = 1024;

/** JSON text taken in pieces as they arrive (push), parsed once at the end (end), as parseJson. */
export class JsonTextParser {
  readonly #parts: string[] = [];
  #carry = "";
  #plain = true;
  #blank = true;
  #head = "";

  /** The next piece of the text. */
  push(piece: string): void {
    const cut = piece.lastIndexOf(",");
    if (cut < 0) {
      this.#carry += piece;
      return;
    }
    this.#take(this.#carry + piece.slice(0, cut));
    this.#carry = piece.slice(cut);
  }

  /** The last piece (if any), then the whole text parsed: see parseJson. */
  end(piece = ""): unknown {
    this.#take(this.#carry + piece);
    this.#carry = "";
    const text = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join("");
    this.#parts.length = 0;
    const value: unknown = JSON.parse(text);
    if (this.#plain) return value;
    // Read again as it came: lossless-json reads the quoted ids as the same decimal strings.
    return judgeIds(value) ? value : parseLossless(text);
  }

  /** Whether the text so far is only whitespace. */
  get blank(): boolean {
    return this.#blank && this.#carry.trim() === "";
  }

  /** The start of the text as it came, for an error to quote. */
  get head(): string {
    return this.#head || this.#carry.slice(0, HEAD);
  }

  #take(part: string): void {
    if (this.#head.length < HEAD) this.#head += part.slice(0, HEAD - this.#head.length);
    if (this.#blank && part.trim() !== "") this.#blank = false;
    // Judged on the text first: no `\u` escape, and every id an integer, a decimal string or null.
    if (this.#plain && (part.includes("\\u") || ODD_ID.test(part))) this.#plain = false;
    this.#parts.push(part.replace(ID_INTEGER, '$1"$2"'));
  }
}

const names = [...ID_FIELD_NAMES].map((name) => name.replace(/[^\w]/g, "\\$&")).join("|");
const INTEGER = "-?(?:0|[1-9]\\d*)";
// What may follow a value: a comma, a closing bracket, or the end of a piece (cut before a comma;
// at the end of the whole text, JSON.parse refuses it anyway).
const AFTER = "\\s*(?:[,}\\]]|$)";
/** An id field's key and its integer value (not 1.5, 1e3 or 01: those stay as they are for judgeIds or JSON.parse). */
const ID_INTEGER = new RegExp(`([{,]\\s*"(?:${names})"\\s*:\\s*)(${INTEGER})(?=${AFTER})`, "g");
/** An id field whose value is none of: an integer, a decimal string, null. */
const ODD_ID = new RegExp(`[{,]\\s*"(?:${names})"\\s*:\\s*(?!(?:${INTEGER}|"${INTEGER}"|null)${AFTER})`);

/**
 * Checks every id field of a parsed value: a decimal string or null is an id as it is. False when
 * an id is a number (the quoting left it, so its source is not a plain integer under a plain key:
 * only lossless-json's reading of the text can say which); throws MalformedIdError for any other value.
 */
function judgeIds(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === "object") stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (!ID_FIELD_NAMES.has(key) || value === null) {
        if (value !== null && typeof value === "object") stack.push(value);
        continue;
      }
      if (typeof value === "string" && DECIMAL_INTEGER.test(value)) continue;
      if (typeof value === "number") return false;
      throw new MalformedIdError(key, value);
    }
  }
  return true;
}

/** The exact reading, number by number from the source text: for the answers the fast path cannot judge. */
function parseLossless(text: string): unknown {
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
