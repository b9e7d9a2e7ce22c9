import { named } from "./minimax-error";
import { MiniMaxRequestError, type RequestDetails } from "./request-error";

/** The call did not finish within its `timeout` (connect, send, answer and body, retries included). */
export class MiniMaxTimeoutError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxTimeoutError");
  }
  /** The time limit that ran out, in milliseconds. */
  readonly timeout: number;
  readonly retryable = true;
  readonly remedy = "Retry with a larger timeout (the client does not retry time-outs itself).";

  constructor(details: RequestDetails & { timeout: number }) {
    super(details, `timed out after ${details.timeout} ms`);
    this.timeout = details.timeout;
  }
}
