// What happened, as a class to catch: error-map.ts picks one for each status and code.
import { MiniMaxAPIError } from "./api-error";
import { named } from "./minimax-error";

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
