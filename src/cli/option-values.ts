// Checks of flag values, as commander's argument parsers: a bad value is an InvalidArgumentError
// (a usage error naming the flag) before any client exists.
import { InvalidArgumentError } from "commander";

/** A whole number within [min, max]. */
export const wholeNumber = (min: number, max: number) => (value: string) => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
  return n;
};

/** An http(s) URL, with a hint when the scheme is missing ("localhost:4011"). */
export function baseUrl(value: string): string {
  // "localhost:4011" parses as a URL whose scheme is "localhost:": say what is missing instead.
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value)) {
    throw new InvalidArgumentError(
      `It must start with http:// or https://, e.g. http://${value.replace(/^[/:]+/, "") || "127.0.0.1:4011"}.`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("It must be an absolute http(s) URL, e.g. http://127.0.0.1:4011.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new InvalidArgumentError(`It must be an http(s) URL, not ${url.protocol}//.`);
  return value;
}
