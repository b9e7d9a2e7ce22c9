// Credentials must never reach an error message, a log or a serialized error (compare Octokit's
// request-error). Errors only ever store method + URL, never headers; this is the defence for
// text that comes from elsewhere: response bodies that echo the request, network error messages.
//
// Redaction targets the places a key really shows up: a `Bearer <token>` value, a field named
// like a credential, and the key itself where it is long enough to be a secret. A blind
// substring replace of a short key would mangle messages (key "1" would turn 127.0.0.1 into
// "[REDACTED]27.0.0.[REDACTED]"), and a key that short protects nothing anyway.
import { inspect } from "node:util";
import { isErrorLike } from "../util/guards";

export const REDACTED = "[REDACTED]";

/** Keys shorter than this are not searched for as substrings (see above). */
export const MIN_SECRET_LENGTH = 8;

const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;
// Every call redacts the request's URL: most texts hold no "bearer" at all, and a plain test is cheaper than a global replace.
const MAY_HOLD_BEARER = /bearer/i;
const CREDENTIAL_FIELD = /^(authorization|proxy-authorization|api[-_]?key|x-api-key|token|access[-_]?token)$/i;

export interface Redactor {
  text(text: string): string;
  /** A deep copy of JSON-like data with credentials replaced (fields named like one, and in strings). */
  value<T>(value: T): T;
  /** The cause itself when it carries no credential, else a stand-in that says what it was. */
  cause(cause: unknown): unknown;
}

export function createRedactor(apiKey: string): Redactor {
  const searchKey = apiKey.length >= MIN_SECRET_LENGTH;
  const text = (s: string): string => {
    // The whole key first: a key with `;` or a space in it would otherwise be cut by BEARER and
    // its tail survive.
    const out = searchKey && s.includes(apiKey) ? s.split(apiKey).join(REDACTED) : s;
    return MAY_HOLD_BEARER.test(out) ? out.replace(BEARER, `$1 ${REDACTED}`) : out;
  };
  const value = <T>(v: T): T => {
    if (typeof v === "string") return text(v) as T;
    if (Array.isArray(v)) return v.map(value) as T;
    if (typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      return Object.fromEntries(
        Object.entries(v).map(([k, inner]) => [
          text(k),
          CREDENTIAL_FIELD.test(k) && inner !== null && inner !== "" ? REDACTED : value(inner),
        ]),
      ) as T;
    }
    return v;
  };
  const cause = (c: unknown): unknown => {
    const shown = inspect(c, { depth: 6 });
    if (text(shown) === shown) return c;
    // A stand-in that keeps what diagnoses the failure (name, message, code) but not the secret.
    const stand = new Error(text(isErrorLike(c) ? c.message : String(c)));
    if (isErrorLike(c)) stand.name = c.name;
    const code = [c, (c as { cause?: unknown } | null)?.cause]
      .map((e) => (e as { code?: unknown } | null)?.code)
      .find((x) => typeof x === "string");
    if (code !== undefined) Object.assign(stand, { code });
    return stand;
  };
  return { text, value, cause };
}
