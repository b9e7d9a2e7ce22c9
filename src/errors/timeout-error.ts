import { named } from "./minimax-error";
import { MAY_BE_STORED, MiniMaxRequestError, type RequestDetails } from "./request-error";

/** The call did not finish within its `timeout` (connect, send, answer and body, retries included). */
export class MiniMaxTimeoutError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxTimeoutError");
  }
  /** The time limit that ran out, in milliseconds. */
  readonly timeout: number;
  /** An upload that ran out of time may have been stored all the same (see MiniMaxConnectionError). */
  readonly fileMayBeStored: boolean;
  readonly retryable = true;
  readonly remedy: string;

  constructor(details: RequestDetails & { timeout: number }) {
    super(details, `timed out after ${details.timeout} ms`);
    this.timeout = details.timeout;
    this.fileMayBeStored = details.operation === "uploadFile";
    this.remedy = `Retry with a larger timeout (the client does not retry time-outs itself).${this.fileMayBeStored ? MAY_BE_STORED : ""}`;
  }
}
