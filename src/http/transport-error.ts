// A failure while sending or reading, as one of this package's errors: the caller's abort or the
// time limit, or a lost connection that says whether any byte of the request was sent (an upload
// that was not sent may be retried; one that was, may not).
import { abortErrorFor } from "../core/deadline";
import { MiniMaxConnectionError, ourErrorIn, type MiniMaxError, type RequestDetails } from "../errors";
import type { Redactor } from "../errors/redact";
import { isErrorLike, isRecord } from "../util/guards";

/** Failures that happen before a connection exists: nothing of the request reached a server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
]);

const NOT_SENT_SYSCALLS = new Set(["connect", "getaddrinfo"]);

/**
 * The TLS handshake refused the server (OpenSSL's certificate verification codes, Node's host
 * name check): a TLS socket holds the request's bytes until the handshake succeeds, so none of
 * them left. Only codes raised during the handshake: a TLS failure later may follow a request.
 */
const TLS_HANDSHAKE_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** The first string `field` (code, syscall) down the cause chain, or in an AggregateError's first error. */
function fieldOf(error: unknown, field: "code" | "syscall"): string | undefined {
  for (
    let e: unknown = error, depth = 0;
    isRecord(e) || isErrorLike(e);
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (depth > 4) break;
    const value = (e as Record<string, unknown>)[field];
    if (typeof value === "string") return value;
    const first = (e as { errors?: unknown }).errors;
    if (Array.isArray(first) && first.length) return fieldOf(first[0], field);
  }
  return undefined;
}

const errorCode = (error: unknown) => fieldOf(error, "code");

/** Failed before a connection existed: a code that says so, or any failure of connect itself (a timed-out or reset connect). */
function notSent(error: unknown): boolean {
  const code = errorCode(error);
  return (
    (code !== undefined && (NOT_SENT_CODES.has(code) || TLS_HANDSHAKE_CODES.has(code))) ||
    NOT_SENT_SYSCALLS.has(fieldOf(error, "syscall") ?? "")
  );
}

/**
 * fetch's wrapper (the default transport raises the same, to look like fetch) says nothing of its
 * own, and "fetch failed" names a transport the default client does not use: its cause says what
 * failed.
 */
function unwrapFetchFailed(error: Error): Error {
  return error.name === "TypeError" && error.message === "fetch failed" && isErrorLike(error.cause)
    ? error.cause
    : error;
}

function describeCause(thrown: unknown): string {
  if (!isErrorLike(thrown)) return String(thrown);
  const error = unwrapFetchFailed(thrown);
  // An AggregateError (every address of a host refused) may have no message of its own.
  const message = error.message || "the connection failed";
  const inner =
    isErrorLike(error.cause) && error.cause.message && error.cause.message !== message
      ? ` (${error.cause.message})`
      : "";
  const code = errorCode(thrown);
  return `${message}${inner}${code && !`${message}${inner}`.includes(code) ? ` [${code}]` : ""}`;
}

/** Any failure while sending or reading, as one of ours: abort, time-out, or lost connection. */
export function transportError(
  error: unknown,
  request: Request,
  details: RequestDetails,
  redact: Redactor,
  phase: "send" | "body",
): MiniMaxError {
  // Ours from the start (a file that changed while being sent), perhaps wrapped by fetch.
  const ours = ourErrorIn(error);
  if (ours) return ours;
  if (request.signal.aborted) return abortErrorFor(request.signal, details);
  const requestSent = phase === "body" || !notSent(error);
  const reason =
    phase === "body"
      ? `the connection was lost while reading the response body: ${describeCause(error)}`
      : describeCause(error);
  return new MiniMaxConnectionError(
    { ...details, requestSent, reason: redact.text(reason) },
    { cause: redact.cause(error) },
  );
}
