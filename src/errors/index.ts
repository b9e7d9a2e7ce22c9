// Every error this package throws, one class a file. Users catch by what happened
// (authentication, rate limit, …), whether MiniMax said so with an HTTP status or with HTTP 200 +
// base_resp: error-map.ts decides which class a failure gets.
export { MiniMaxError } from "./minimax-error";
export { MiniMaxConfigError } from "./config-error";
export { MiniMaxInputError } from "./input-error";
export { MiniMaxRequestError, type RequestDetails, type RequestSummary, type ResponseDetails } from "./request-error";
export { MiniMaxConnectionError } from "./connection-error";
export { MiniMaxTimeoutError } from "./timeout-error";
export { MiniMaxAbortError } from "./abort-error";
export { MiniMaxResponseError } from "./response-error";
export { MiniMaxAPIError, type APIErrorDetails, type BaseResp, type ValidationIssue } from "./api-error";
export {
  AuthenticationError,
  BadRequestError,
  ContentSafetyError,
  InsufficientBalanceError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "./api-error-kinds";
export { ourErrorIn } from "./our-error-in";
