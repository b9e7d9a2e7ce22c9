import { named } from "./minimax-error";
import { MiniMaxRequestError, traceSuffix, type ResponseDetails } from "./request-error";

/** A 2xx response the client cannot use: not JSON, a wrong Content-Type, a missing or malformed field. */
export class MiniMaxResponseError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxResponseError");
  }
  readonly status: number;
  readonly traceId: string | undefined;
  readonly retryable = false;
  readonly remedy =
    "Report it to MiniMax support with the Trace-Id; the answer does not match the API's documentation.";

  constructor(details: ResponseDetails & { problem: string }) {
    super(details, `answered HTTP ${details.status} with ${details.problem}${traceSuffix(details.traceId)}`);
    this.status = details.status;
    this.traceId = details.traceId;
  }
}
