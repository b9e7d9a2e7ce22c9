// How messages quote values: one place that decides how long a quote may be, so that an error
// never carries a whole response body or a whole argument.

/** Quotes of an argument or a single field: enough to recognise it. */
export const SHORT_QUOTE = 60;
/** Quotes of response data in an error message. */
export const DATA_QUOTE = 120;
/** Quotes of a response body's text (an HTML page from a proxy, say). */
export const BODY_QUOTE = 200;

/** `text` cut to `max` characters, with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Data as error messages quote it: JSON, cut to `max` characters (redaction is the caller's). */
export function showJson(value: unknown, max = DATA_QUOTE): string {
  return clip(JSON.stringify(value) ?? String(value), max);
}

/** Text on one line, cut to `max` characters (redaction is the caller's). */
export function oneLine(text: string, max = BODY_QUOTE): string {
  return clip(text.replace(/\s+/g, " ").trim(), max);
}

/** What an argument is, for an error naming it: its type, and a short quote of a string or number. */
export function describeInput(value: unknown): string {
  if (value === undefined) return "nothing (undefined)";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(clip(value, SHORT_QUOTE));
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name ?? "Object"})` : typeof value;
}
