// Every error this package throws. One base class; the factories at the bottom are the only
// place errors for responses are made, so later per-status-code classes slot in there.

/** What an error may say about the request: never its headers, so never the API key. */
export interface RequestSummary {
  method: string;
  url: string;
}

/** MiniMax's envelope for failures: HTTP 200 with a non-zero `base_resp.status_code`. */
export interface BaseResp {
  status_code: number;
  status_msg?: string | undefined;
}

/** Base class: `catch (e) { if (e instanceof MiniMaxError) … }` catches everything from this package. */
export class MiniMaxError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Every subclass is named after itself, so `error.name` tells which one was thrown.
    this.name = new.target.name;
  }

  /** Plain data for logs: JSON.stringify(error) would otherwise lose `message`. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, ...fields } = { ...this, name: this.name, message: this.message };
    return fields;
  }
}

/** The client was constructed with options it cannot work with (no API key, unknown region, …). */
export class MiniMaxConfigError extends MiniMaxError {
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
  constructor(
    /** The argument at fault, e.g. `"purpose"` or `"fileId"`. */
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request never got an HTTP response (DNS, refused connection, reset, TLS, …). */
export class MiniMaxConnectionError extends MiniMaxError {
  constructor(
    readonly request: RequestSummary,
    options: { cause: unknown },
  ) {
    super(`${request.method} ${request.url} failed before a response arrived: ${describeCause(options.cause)}`, options);
  }
}

interface ResponseDetails {
  request: RequestSummary;
  /** HTTP status of the response. */
  status: number;
  /** MiniMax's `Trace-Id` response header: quote it to MiniMax support. */
  traceId: string | undefined;
}

/** A Prism validation finding (`application/problem+json` → `validation[]`). */
export interface ValidationIssue {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** The server answered with a non-2xx HTTP status. */
export class MiniMaxHTTPError extends MiniMaxError {
  readonly request: RequestSummary;
  readonly status: number;
  readonly traceId: string | undefined;
  /** The response body, parsed as JSON when it is JSON, else its text. */
  readonly body: unknown;
  /** Validation findings when the body carries them (Prism's problem+json does). */
  readonly validation: ValidationIssue[] | undefined;

  constructor(details: ResponseDetails & { body: unknown }) {
    const validation = validationOf(details.body);
    const title = isRecord(details.body) && typeof details.body["title"] === "string" ? `: ${details.body["title"]}` : "";
    const findings = validation?.length ? ` (${validation.map((v) => v.message).join("; ")})` : "";
    super(`${details.request.method} ${details.request.url} answered HTTP ${details.status}${title}${findings}`);
    this.request = details.request;
    this.status = details.status;
    this.traceId = details.traceId;
    this.body = details.body;
    this.validation = validation;
  }
}
export class BadRequestError extends MiniMaxHTTPError {}
export class AuthenticationError extends MiniMaxHTTPError {}
export class PermissionDeniedError extends MiniMaxHTTPError {}
export class NotFoundError extends MiniMaxHTTPError {}
export class UnprocessableEntityError extends MiniMaxHTTPError {}
export class RateLimitError extends MiniMaxHTTPError {}
export class InternalServerError extends MiniMaxHTTPError {}

/** HTTP 200, but `base_resp.status_code` ≠ 0: how MiniMax reports most failures. */
export class MiniMaxAPIError extends MiniMaxError {
  readonly request: RequestSummary;
  readonly status: number;
  readonly traceId: string | undefined;
  /** `base_resp.status_code`, e.g. 1004 (authentication failed) or 2013 (invalid parameters). */
  readonly statusCode: number;
  /** `base_resp.status_msg`, as MiniMax sent it. */
  readonly statusMsg: string | undefined;
  /** The whole `base_resp` object. */
  readonly baseResp: BaseResp;

  constructor(details: ResponseDetails & { baseResp: BaseResp }) {
    const { status_code, status_msg } = details.baseResp;
    super(`${details.request.method} ${details.request.url} failed: MiniMax status ${status_code}${status_msg ? ` (${status_msg})` : ""}${details.traceId ? `, Trace-Id ${details.traceId}` : ""}`);
    this.request = details.request;
    this.status = details.status;
    this.traceId = details.traceId;
    this.statusCode = status_code;
    this.statusMsg = status_msg;
    this.baseResp = details.baseResp;
  }
}

/** A 2xx response whose body is not what the API documents (not JSON, or missing the result). */
export class MiniMaxResponseError extends MiniMaxError {
  constructor(
    readonly request: RequestSummary,
    readonly status: number,
    readonly traceId: string | undefined,
    message: string,
  ) {
    super(`${request.method} ${request.url}: ${message}`);
  }
}

const HTTP_ERROR_BY_STATUS: Record<number, typeof MiniMaxHTTPError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export function httpErrorFor(details: ResponseDetails & { body: unknown }): MiniMaxHTTPError {
  const ErrorClass = HTTP_ERROR_BY_STATUS[details.status] ?? (details.status >= 500 ? InternalServerError : MiniMaxHTTPError);
  return new ErrorClass(details);
}

export function apiErrorFor(details: ResponseDetails & { baseResp: BaseResp }): MiniMaxAPIError {
  return new MiniMaxAPIError(details);
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

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
    return `${cause.message}${inner}`;
  }
  return String(cause);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
