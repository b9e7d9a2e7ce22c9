import { isRecord } from "../util/guards";
import { named } from "./minimax-error";
import { MiniMaxRequestError, traceSuffix, type ResponseDetails } from "./request-error";

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
  /** Whether trying again later can succeed (the client retries these itself, see docs/errors-and-retries.md). */
  retryable: boolean;
  /** What to do about it, from MiniMax's error-code table. */
  remedy: string;
}

/**
 * MiniMax answered, and the answer is a failure: an HTTP error status, or HTTP 200 with
 * `base_resp.status_code` ≠ 0. Subclasses say what happened; unknown codes stay this class.
 */
export class MiniMaxAPIError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxAPIError");
  }
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
    super(details, `failed: ${what}${msg}${findings}. ${details.remedy}${traceSuffix(details.traceId)}`);
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

function validationOf(body: unknown): ValidationIssue[] | undefined {
  if (!isRecord(body) || !Array.isArray(body["validation"])) return undefined;
  return body["validation"].filter(isRecord).map((v) => ({
    location: Array.isArray(v["location"]) ? v["location"].map(String) : [],
    severity: String(v["severity"] ?? ""),
    code: typeof v["code"] === "number" ? v["code"] : String(v["code"] ?? ""),
    message: String(v["message"] ?? ""),
  }));
}
