import { named } from "./minimax-error";
import { MiniMaxRequestError, type RequestDetails } from "./request-error";

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class MiniMaxAbortError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxAbortError");
  }
  readonly retryable = false;
  readonly remedy = "None: the caller asked for it.";

  constructor(details: RequestDetails, options: { cause: unknown }) {
    super(details, "was aborted by its signal", options);
  }
}
