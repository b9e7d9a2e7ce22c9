import { named } from "./minimax-error";
import { MiniMaxRequestError, type RequestDetails } from "./request-error";

/** The request got no (complete) HTTP response: DNS, refused or reset connection, TLS, a body cut off. */
export class MiniMaxConnectionError extends MiniMaxRequestError {
  static {
    named(this, "MiniMaxConnectionError");
  }
  /**
   * `false` when the connection failed before any byte of the request could have reached the
   * server (refused, DNS, connect time-out): repeating it cannot duplicate anything.
   */
  readonly requestSent: boolean;
  /** A network failure may pass: trying again later can succeed. */
  readonly retryable = true;
  readonly remedy = "Check the network, proxy and baseUrl, then retry.";

  constructor(details: RequestDetails & { requestSent: boolean; reason: string }, options: { cause: unknown }) {
    super(details, `failed: ${details.reason}`, options);
    this.requestSent = details.requestSent;
  }
}
