// Credentials must never reach an error message, a log or a serialized error (compare Octokit's
// request-error). Errors only ever store method + URL; this is the second line of defence for
// text that comes from elsewhere (response bodies, network error messages).
import { inspect } from "node:util";

export const REDACTED = "[REDACTED]";

export function redactText(text: string, secret: string): string {
  return secret ? text.split(secret).join(REDACTED) : text;
}

/** A deep copy of JSON-like data with every occurrence of `secret` in strings replaced. */
export function redactValue<T>(value: T, secret: string): T {
  if (typeof value === "string") return redactText(value, secret) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secret)) as T;
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k, secret), redactValue(v, secret)])) as T;
  }
  return value;
}

/** An error cause that can be kept as is, or a stand-in that says what it was without the secret. */
export function redactCause(cause: unknown, secret: string): unknown {
  const shown = inspect(cause, { depth: 5 });
  if (!secret || !shown.includes(secret)) return cause;
  const name = cause instanceof Error ? cause.name : typeof cause;
  return new Error(`${name}: ${redactText(cause instanceof Error ? cause.message : String(cause), secret)}`);
}
