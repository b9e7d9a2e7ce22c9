// What every error about one request shares: the operation, the request (without secrets), and
// a message that starts by naming both.
import { MiniMaxError, named } from "./minimax-error";

/** What an error may say about the request: method and URL (secrets removed), never headers. */
export interface RequestSummary {
  method: string;
  url: string;
}

/** Where a request-level error happened: which operation, and the request (without secrets). */
export interface RequestDetails {
  /** The operationId from the spec, e.g. `"uploadFile"`. */
  operation: string;
  request: RequestSummary;
}

/** What every answered request knows about its response. */
export interface ResponseDetails extends RequestDetails {
  /** HTTP status of the response. */
  status: number;
  /** MiniMax's `Trace-Id` response header: quote it to MiniMax support. */
  traceId: string | undefined;
}

/**
 * Base of the errors about one request (connection, time-out, abort, response, API): each has
 * `operation` and `request`, and a message that begins `uploadFile (POST https://…)`.
 */
export class MiniMaxRequestError extends MiniMaxError {
  static {
    named(this, "MiniMaxRequestError");
  }
  readonly operation: string;
  readonly request: RequestSummary;

  /** `what` follows the request in the message, e.g. "timed out after 5000 ms". */
  constructor(details: RequestDetails, what: string, options?: ErrorOptions) {
    super(`${details.operation} (${details.request.method} ${details.request.url}) ${what}`, options);
    this.operation = details.operation;
    this.request = details.request;
  }
}

/** The Trace-Id as error messages end with it. */
export function traceSuffix(traceId: string | undefined): string {
  return traceId ? ` (Trace-Id ${traceId})` : "";
}

/** The remedy's addition for an upload that may have been stored although its call failed. */
export const MAY_BE_STORED =
  " The file may have been stored all the same: look for it with files.findUploaded({ purpose, filename, bytes }) (or upload with --skip-existing) before sending it again.";
