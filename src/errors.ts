// Every error this package throws. Users catch by what happened (authentication, rate limit, …),
// whether MiniMax said so with an HTTP status or with HTTP 200 + base_resp: error-map.ts decides
// which class a failure gets; this file only defines the classes.

/** What an error may say about the request: method and URL (secrets removed), never headers. */
export interface RequestSummary {
  method: string;
  url: string;
}

/** MiniMax's in-band result: HTTP 200 with `base_resp.status_code` ≠ 0 is a failure. */
export interface BaseResp {
  status_code: number;
  status_msg?: string | undefined;
}

/** A Prism validation finding (`application/problem+json` → `validation[]`). */
export interface ValidationIssue {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/**
 * Gives a class its `name` on its prototype, explicitly: minifiers rename classes, so
 * `new.target.name` would turn `RateLimitError` into `e`. The prototype chain of names is also
 * what `is()` reads, so the guards work across realms and duplicate copies of this package.
 */
function named(ErrorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(ErrorClass.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false });
}

/** Base class: `catch (e) { if (e instanceof MiniMaxError) … }` catches everything from this package. */
export class MiniMaxError extends Error {
  static {
    named(this, "MiniMaxError");
  }

  /**
   * `instanceof` that also works across realms (a worker, a vm context, a second copy of this
   * package): true when `value` is this class or a subclass, judged by the class names on its
   * prototype chain.
   * @example if (RateLimitError.is(error)) await wait(error.retryAfter ?? 1);
   */
  static is<T extends abstract new (...args: never[]) => MiniMaxError>(this: T, value: unknown): value is InstanceType<T> {
    if (value instanceof this) return true;
    const wanted: unknown = this.prototype.name;
    for (let proto: unknown = value === null || typeof value !== "object" ? null : Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto as object, "name") && (proto as { name: unknown }).name === wanted) return true;
    }
    return false;
  }

  /** Plain data for logs: JSON.stringify(error) would otherwise give `{}` without the message. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, ...fields } = { ...this, name: this.name, message: this.message };
    return fields;
  }
}

/** The client was constructed with options it cannot work with (no API key, unknown region, …). */
export class MiniMaxConfigError extends MiniMaxError {
  static {
    named(this, "MiniMaxConfigError");
  }
  constructor(
    /** The constructor option at fault, e.g. `"apiKey"`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** A method argument is invalid; thrown before any byte is sent. */
export class MiniMaxInputError extends MiniMaxError {
  static {
    named(this, "MiniMaxInputError");
  }
  constructor(
    /** The argument at fault, e.g. `"purpose"`, `"fileId"` or `"options.timeout"`. */
    readonly input: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Where a request-level error happened: which operation, and the request (without secrets). */
export interface RequestDetails {
  /** The operationId from the spec, e.g. `"uploadFile"`. */
  operation: string;
  request: RequestSummary;
}

/** The request got no (complete) HTTP response: DNS, refused or reset connection, TLS, a body cut off. */
export class MiniMaxConnectionError extends MiniMaxError {
  static {
    named(this, "MiniMaxConnectionError");
  }
  readonly operation: string;
  readonly request: RequestSummary;
  /**
   * `false` when the connection failed before any byte of the request could have reached the
   * server (refused, DNS, connect time-out): repeating it cannot duplicate anything.
   */
  readonly requestSent: boolean;
  /** A network failure may pass: trying again later can succeed. */
  readonly retryable = true;
  readonly remedy = "Check the network, proxy and baseUrl, then retry.";

  constructor(details: RequestDetails & { requestSent: boolean; reason: string }, options: { cause: unknown }) {
    super(`${details.operation} (${details.request.method} ${details.request.url}) failed: ${details.reason}`, options);
    this.operation = details.operation;
    this.request = details.request;
    this.requestSent = details.requestSent;
  }
}

/** The call did not finish within its `timeout` (connect, send, answer and body, retries included). */
export class MiniMaxTimeoutError extends MiniMaxError {
  static {
    named(this, "MiniMaxTimeoutError");
  }
  readonly operation: string;
  readonly request: RequestSummary;
  /** The time limit that ran out, in milliseconds. */
  readonly timeout: number;
  readonly retryable = true;
  readonly remedy = "Retry with a larger timeout (the client does not retry time-outs itself).";

  constructor(details: RequestDetails & { timeout: number }) {
    super(`${details.operation} (${details.request.method} ${details.request.url}) timed out after ${details.timeout} ms`);
    this.operation = details.operation;
    this.request = details.request;
    this.timeout = details.timeout;
  }
}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class MiniMaxAbortError extends MiniMaxError {
  static {
    named(this, "MiniMaxAbortError");
  }
  readonly operation: string;
  readonly request: RequestSummary;

  readonly retryable = false;
  readonly remedy = "None: the caller asked for it.";

  constructor(details: RequestDetails, options: { cause: unknown }) {
    super(`${details.operation} (${details.request.method} ${details.request.url}) was aborted by its signal`, options);
    this.operation = details.operation;
    this.request = details.request;
  }
}

/** What every answered request knows about its response. */
export interface ResponseDetails extends RequestDetails {
  /** HTTP status of the response. */
  status: number;
  /** MiniMax's `Trace-Id` response header: quote it to MiniMax support. */
  traceId: string | undefined;
}

/** A 2xx response the client cannot use: not JSON, a wrong Content-Type, a missing or malformed field. */
export class MiniMaxResponseError extends MiniMaxError {
  static {
    named(this, "MiniMaxResponseError");
  }
  readonly operation: string;
  readonly request: RequestSummary;
  readonly status: number;
  readonly traceId: string | undefined;
  readonly retryable = false;
  readonly remedy = "Report it to MiniMax support with the Trace-Id; the answer does not match the API's documentation.";

  constructor(details: ResponseDetails & { problem: string }) {
    super(`${details.operation} (${details.request.method} ${details.request.url}) answered HTTP ${details.status} with ${details.problem}${traceSuffix(details.traceId)}`);
    this.operation = details.operation;
    this.request = details.request;
    this.status = details.status;
    this.traceId = details.traceId;
  }
}

/** Everything error-map.ts knows about a failure MiniMax reported. */
export interface APIErrorDetails extends ResponseDetails {
  /** `base_resp.status_code` when MiniMax answered HTTP 200 with a failure; undefined for HTTP errors. */
  statusCode: number | undefined;
  /** `base_resp.status_msg`, or the reason an HTTP error body gave. */
  statusMsg: string | undefined;
  /** Seconds the server asked to wait (`Retry-After` / `retry-after-ms`), when it said. */
  retryAfter: number | undefined;
  /** The parsed response body (JSON when it was JSON, else its text); secrets redacted. */
  body: unknown;
  /** Whether trying again later can succeed (the client retries these itself, see the README). */
  retryable: boolean;
  /** What to do about it, from MiniMax's error-code table. */
  remedy: string;
}

/**
 * MiniMax answered, and the answer is a failure: an HTTP error status, or HTTP 200 with
 * `base_resp.status_code` ≠ 0. Subclasses say what happened; unknown codes stay this class.
 */
export class MiniMaxAPIError extends MiniMaxError {
  static {
    named(this, "MiniMaxAPIError");
  }
  readonly operation: string;
  readonly request: RequestSummary;
  /** HTTP status (200 for in-band `base_resp` failures). */
  readonly status: number;
  /** `base_resp.status_code`, e.g. 1004 or 2013; undefined when the failure was an HTTP status. */
  readonly statusCode: number | undefined;
  readonly statusMsg: string | undefined;
  readonly traceId: string | undefined;
  /** Seconds the server asked to wait before trying again, when it said. */
  readonly retryAfter: number | undefined;
  readonly body: unknown;
  readonly retryable: boolean;
  readonly remedy: string;
  /** Validation findings when the body carries them (Prism's problem+json does). */
  readonly validation: ValidationIssue[] | undefined;

  constructor(details: APIErrorDetails) {
    const validation = validationOf(details.body);
    const code = details.statusCode === undefined ? "" : `MiniMax status ${details.statusCode}`;
    const what = details.status < 300 && code ? code : `HTTP ${details.status}${code ? `, ${code}` : ""}`;
    // One line whatever the server put in its message.
    const msg = details.statusMsg ? ` "${details.statusMsg.replace(/\s+/g, " ").trim()}"` : "";
    const findings = validation?.length ? ` (${validation.map((v) => v.message).join("; ")})` : "";
    super(`${details.operation} (${details.request.method} ${details.request.url}) failed: ${what}${msg}${findings}. ${details.remedy}${traceSuffix(details.traceId)}`);
    this.operation = details.operation;
    this.request = details.request;
    this.status = details.status;
    this.statusCode = details.statusCode;
    this.statusMsg = details.statusMsg;
    this.traceId = details.traceId;
    this.retryAfter = details.retryAfter;
    this.body = details.body;
    this.retryable = details.retryable;
    this.remedy = details.remedy;
    this.validation = validation;
  }
}

/** HTTP 401, or code 1004 / 2049: the key is wrong, inactive, or for the other region. */
export class AuthenticationError extends MiniMaxAPIError {
  static {
    named(this, "AuthenticationError");
  }
}
/** HTTP 403, or code 2042: the key may not do this. */
export class PermissionDeniedError extends MiniMaxAPIError {
  static {
    named(this, "PermissionDeniedError");
  }
}
/** HTTP 404. */
export class NotFoundError extends MiniMaxAPIError {
  static {
    named(this, "NotFoundError");
  }
}
/** HTTP 429, or codes 1002 (RPM), 1039 (TPM), 1041 (connections), 2045 (growth), 2056 (usage). */
export class RateLimitError extends MiniMaxAPIError {
  static {
    named(this, "RateLimitError");
  }
}
/** Code 1008: the account's balance is too low. */
export class InsufficientBalanceError extends MiniMaxAPIError {
  static {
    named(this, "InsufficientBalanceError");
  }
}
/** HTTP 400/413/415, or codes such as 2013: the request's parameters or file were refused. */
export class BadRequestError extends MiniMaxAPIError {
  static {
    named(this, "BadRequestError");
  }
}
/** HTTP 422: the request does not match the spec (Prism's findings are in `validation`). */
export class UnprocessableEntityError extends BadRequestError {
  static {
    named(this, "UnprocessableEntityError");
  }
}
/** Codes 1026 / 1027: MiniMax's content-safety check refused the input or the output. */
export class ContentSafetyError extends MiniMaxAPIError {
  static {
    named(this, "ContentSafetyError");
  }
}
/** HTTP 5xx, or codes 1000, 1001, 1013, 1024, 1033: a failure on MiniMax's side. */
export class InternalServerError extends MiniMaxAPIError {
  static {
    named(this, "InternalServerError");
  }
}

function traceSuffix(traceId: string | undefined): string {
  return traceId ? ` (Trace-Id ${traceId})` : "";
}

function validationOf(body: unknown): ValidationIssue[] | undefined {
  if (!isRecord(body) || !Array.isArray(body["validation"])) return undefined;
  return body["validation"].filter(isRecord).map((v) => ({
    location: Array.isArray(v["location"]) ? v["location"].map(String) : [],
    severity: String(v["severity"] ?? ""),
    code: typeof v["code"] === "number" ? v["code"] : String(v["code"] ?? ""),
    message: String(v["message"] ?? ""),
  }));
}

/** Response data as error messages quote it: JSON, cut to `max` characters (redaction is the caller's). */
export function showJson(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** One of this package's errors where a failure started (a body stream's), however deep it sits in a cause chain (fetch wraps it). */
export function ourErrorIn(error: unknown): MiniMaxError | undefined {
  for (let e = error, depth = 0; isErrorLike(e) && depth < 5; e = e.cause, depth++) if (e instanceof MiniMaxError) return e;
  return undefined;
}

/** An Error from any realm (undici's errors come from Node's own realm, not a vm's or a test runner's). */
export function isErrorLike(value: unknown): value is Error {
  return value instanceof Error || (typeof value === "object" && value !== null && typeof (value as Error).message === "string" && typeof (value as Error).name === "string");
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
