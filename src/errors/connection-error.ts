import { named } from "./minimax-error";
import { MAY_BE_STORED, MiniMaxRequestError, type RequestDetails } from "./request-error";

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
  /**
   * An upload whose bytes were sent and whose answer never came: MiniMax may have stored the file.
   * Look for it before sending it again (`files.findUploaded`, or the CLI's `--skip-existing`).
   */
  readonly fileMayBeStored: boolean;
  /** A network failure may pass: trying again later can succeed. */
  readonly retryable = true;
  readonly remedy: string;

  constructor(details: RequestDetails & { requestSent: boolean; reason: string }, options: { cause: unknown }) {
    super(details, `failed: ${details.reason}`, options);
    this.requestSent = details.requestSent;
    this.fileMayBeStored = details.operation === "uploadFile" && details.requestSent;
    this.remedy = `Check the network, proxy and baseUrl, then retry.${this.fileMayBeStored ? MAY_BE_STORED : ""}`;
  }
}
