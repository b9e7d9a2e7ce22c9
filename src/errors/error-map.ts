// Which error a failure MiniMax reported becomes, and whether it may be retried. Data, not code:
// docs/errors-and-retries.md's table is written from these tables by scripts/docs.mjs.
//
// Sources: the status-code lists of the file-management pages (1000 … 2013) and MiniMax's
// platform error-code page (message and solution columns), both quoted in
// openapi/reference-notes.md §2. `remedy` is the docs' solution text.
import {
  AuthenticationError,
  BadRequestError,
  ContentSafetyError,
  InsufficientBalanceError,
  InternalServerError,
  MiniMaxAPIError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  type APIErrorDetails,
} from "./index";

export type ErrorKind =
  | "authentication"
  | "permission"
  | "not_found"
  | "rate_limit"
  | "insufficient_balance"
  | "invalid_request"
  | "content_safety"
  | "server"
  | "unknown";

/**
 * When the client may send the request again:
 * - `"always"`: the answer says the request was not processed (rate limited, overloaded), so
 *   even an upload can be repeated without storing the file twice;
 * - `"idempotent"`: the failure may have happened after the work was done, so only operations
 *   that are harmless to repeat (list, retrieve, retrieve_content, delete) are retried;
 * - `"never"`: trying again gives the same answer.
 */
export type RetryRule = "always" | "idempotent" | "never";

export interface CodeInfo {
  kind: ErrorKind;
  /** MiniMax's own name for it. */
  meaning: string;
  retry: RetryRule;
  remedy: string;
}

const RETRY_LATER = "Please retry your requests later.";
const CHECK_KEY =
  "Please check your api key and make sure it is correct and active. Keys are tied to a region: a key from platform.minimax.io works only with region 'global' (https://api.minimax.io), a key from platform.minimaxi.com only with region 'cn' (https://api.minimaxi.com).";

/** Every `base_resp.status_code` MiniMax documents (openapi/reference-notes.md §2). */
export const BUSINESS_CODES: Readonly<Record<number, CodeInfo>> = {
  1000: { kind: "server", meaning: "unknown error", retry: "idempotent", remedy: RETRY_LATER },
  1001: { kind: "server", meaning: "request timeout", retry: "idempotent", remedy: RETRY_LATER },
  1002: { kind: "rate_limit", meaning: "rate limit (RPM)", retry: "always", remedy: RETRY_LATER },
  1004: { kind: "authentication", meaning: "not authorized", retry: "never", remedy: CHECK_KEY },
  1008: {
    kind: "insufficient_balance",
    meaning: "insufficient balance",
    retry: "never",
    remedy: "Please check your account balance.",
  },
  1013: { kind: "server", meaning: "internal service error", retry: "idempotent", remedy: RETRY_LATER },
  1024: { kind: "server", meaning: "internal error", retry: "idempotent", remedy: RETRY_LATER },
  1026: {
    kind: "content_safety",
    meaning: "input new_sensitive",
    retry: "never",
    remedy: "Please change your input content.",
  },
  1027: {
    kind: "content_safety",
    meaning: "output new_sensitive",
    retry: "never",
    remedy: "Please change your input content.",
  },
  1033: { kind: "server", meaning: "system error / mysql failed", retry: "idempotent", remedy: RETRY_LATER },
  1039: { kind: "rate_limit", meaning: "token limit (TPM)", retry: "always", remedy: RETRY_LATER },
  1041: {
    kind: "rate_limit",
    meaning: "conn limit",
    retry: "always",
    remedy: "Please retry later, and contact MiniMax if the issue persists.",
  },
  1042: {
    kind: "invalid_request",
    meaning: "invisible character ratio limit",
    retry: "never",
    remedy: "Please check your input content for invisible or illegal characters.",
  },
  1043: {
    kind: "invalid_request",
    meaning: "the asr similarity check failed",
    retry: "never",
    remedy: "Please check file_id and text_validation.",
  },
  1044: {
    kind: "invalid_request",
    meaning: "clone prompt similarity check failed",
    retry: "never",
    remedy: "Please check clone prompt audio and prompt words.",
  },
  2013: {
    kind: "invalid_request",
    meaning: "invalid params",
    retry: "never",
    remedy: "Please check the request parameters.",
  },
  20132: {
    kind: "invalid_request",
    meaning: "invalid samples or voice_id",
    retry: "never",
    remedy: "Please check your file_id (in Voice Cloning API) or voice_id, and contact MiniMax if the issue persists.",
  },
  2037: {
    kind: "invalid_request",
    meaning: "voice duration too short / too long",
    retry: "never",
    remedy: "Please adjust the duration of your file for voice clone (10 s to 5 min).",
  },
  2039: {
    kind: "invalid_request",
    meaning: "voice clone voice id duplicate",
    retry: "never",
    remedy: "Please check the voice_id to ensure no duplication with the existing ones.",
  },
  2042: {
    kind: "permission",
    meaning: "no access to this voice_id",
    retry: "never",
    remedy: "Please check whether you are the creator of this voice_id, and contact MiniMax if the issue persists.",
  },
  2045: {
    kind: "rate_limit",
    meaning: "rate growth limit",
    retry: "always",
    remedy: "Please avoid sudden increases and decreases in requests.",
  },
  2048: {
    kind: "invalid_request",
    meaning: "prompt audio too long",
    retry: "never",
    remedy: "Please adjust the duration of the prompt_audio file (< 8 s).",
  },
  2049: { kind: "authentication", meaning: "invalid api key", retry: "never", remedy: CHECK_KEY },
  2056: {
    kind: "rate_limit",
    meaning: "usage limit exceeded",
    retry: "never",
    remedy: "Please wait for the resource release in the next 5-hour window.",
  },
};

/** HTTP statuses with a meaning of their own; other 4xx are `unknown`, other 5xx `server`. */
export const HTTP_STATUSES: Readonly<Record<number, CodeInfo>> = {
  400: {
    kind: "invalid_request",
    meaning: "bad request",
    retry: "never",
    remedy: "Please check the request parameters.",
  },
  401: { kind: "authentication", meaning: "unauthorized", retry: "never", remedy: CHECK_KEY },
  403: {
    kind: "permission",
    meaning: "forbidden",
    retry: "never",
    remedy: "Please check that your key may use this API.",
  },
  404: {
    kind: "not_found",
    meaning: "not found",
    retry: "never",
    remedy: "Please check the file id and the base URL.",
  },
  408: { kind: "server", meaning: "request timeout", retry: "always", remedy: RETRY_LATER },
  413: {
    kind: "invalid_request",
    meaning: "request body too large",
    retry: "never",
    remedy: "The file is larger than the server accepts.",
  },
  415: {
    kind: "invalid_request",
    meaning: "unsupported media type",
    retry: "never",
    remedy: "The server does not accept this file type.",
  },
  422: {
    kind: "invalid_request",
    meaning: "unprocessable entity",
    retry: "never",
    remedy: "The request does not match the API's spec.",
  },
  429: { kind: "rate_limit", meaning: "too many requests", retry: "always", remedy: RETRY_LATER },
  503: { kind: "server", meaning: "service unavailable", retry: "always", remedy: RETRY_LATER },
};

const OTHER_SERVER_ERROR: CodeInfo = {
  kind: "server",
  meaning: "server error",
  retry: "idempotent",
  remedy: RETRY_LATER,
};
const UNKNOWN_HTTP: CodeInfo = {
  kind: "unknown",
  meaning: "unexpected HTTP status",
  retry: "never",
  remedy: "See the response body.",
};
const UNKNOWN_CODE: CodeInfo = {
  kind: "unknown",
  meaning: "undocumented status code",
  retry: "never",
  remedy:
    "See MiniMax's error-code list (https://platform.minimax.io/docs/api-reference/errorcode) and quote the Trace-Id to MiniMax support.",
};

/**
 * What a failure means. An HTTP error status decides by itself (a 429 stays a rate limit whatever
 * code its body carries; the code is still reported); MiniMax's `base_resp.status_code` decides
 * for answers that came as HTTP 2xx.
 */
export function infoFor(status: number, statusCode: number | undefined): CodeInfo {
  if (status < 300 && statusCode !== undefined) return BUSINESS_CODES[statusCode] ?? UNKNOWN_CODE;
  return HTTP_STATUSES[status] ?? (status >= 500 ? OTHER_SERVER_ERROR : UNKNOWN_HTTP);
}

export const ERROR_CLASS_BY_KIND: Readonly<Record<ErrorKind, typeof MiniMaxAPIError>> = {
  authentication: AuthenticationError,
  permission: PermissionDeniedError,
  not_found: NotFoundError,
  rate_limit: RateLimitError,
  insufficient_balance: InsufficientBalanceError,
  invalid_request: BadRequestError,
  content_safety: ContentSafetyError,
  server: InternalServerError,
  unknown: MiniMaxAPIError,
};

export type FailureDetails = Omit<APIErrorDetails, "retryable" | "remedy">;

/** The one place a reported failure becomes an error object. */
export function apiErrorFor(details: FailureDetails): MiniMaxAPIError {
  const info = infoFor(details.status, details.statusCode);
  const ErrorClass = details.status === 422 ? UnprocessableEntityError : ERROR_CLASS_BY_KIND[info.kind];
  return new ErrorClass({
    ...details,
    statusMsg: details.statusMsg || info.meaning,
    retryable: info.retry !== "never",
    remedy: info.remedy,
  });
}

/** Whether this operation may be sent again after this answer (see RetryRule). */
export function retryRuleFor(error: MiniMaxAPIError): RetryRule {
  return infoFor(error.status, error.statusCode).retry;
}
