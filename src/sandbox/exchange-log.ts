// The sandbox's record of its exchanges, and whose finding each break of the spec is. Every
// exchange is recorded and, with a validator, checked after the answer was written: the checks
// never touch the bytes the client gets.
//
// `findings` lists only the sandbox's own breaks of the spec, in its answers; `requestFindings`
// what requests sent that the spec does not document (a missing or malformed key, an id that is no
// int64, a purpose outside the enum, a Content-Type or a method or path the spec does not have),
// each with side "request". A refusal is HTTP 200 + base_resp, as MiniMax reports errors
// (openapi/reference-notes.md §2): it conforms to the JSON operations' schemas, whose base_resp
// documents 1004 and 2013. retrieve_content's spec documents only the file's bytes
// (application/octet-stream, no error answer: §3.8), so no refusal of a download can conform; that
// Content-Type finding goes with the refused request (side "request", saying so) instead of being
// blamed on the sandbox. Anything else wrong with a refusal (its body's schema, its status) stays a
// finding of the sandbox. A refusal under a rule the spec does not state (UPLOAD_LIMITS, an unknown
// file_id, the wrong purpose on delete, the sandbox's own body limits) is no finding at all: the
// request broke nothing the spec documents.
import type { ExchangeValidator, SandboxExchange, SandboxFinding } from "./validator";

/** One exchange as it is recorded: what was found in it, whether it was refused in-band, how long the answer took. */
export interface SandboxEvent {
  exchange: SandboxExchange;
  /** The findings of this exchange (empty when not validating). */
  findings: SandboxFinding[];
  /** Answered with an in-band refusal (HTTP 200 + base_resp ≠ 0). */
  refused: boolean;
  /** Milliseconds from the request's arrival to its answer handed to the socket. */
  ms: number;
}

export class ExchangeLog {
  /** Every request and response, in the order the responses were written. */
  readonly exchanges: SandboxExchange[] = [];
  /** The sandbox's own breaks of the spec, in its answers. */
  readonly findings: SandboxFinding[] = [];
  /** What requests sent that the spec does not document, each with side "request". */
  readonly requestFindings: SandboxFinding[] = [];

  /** Without a validator (validate: false) exchanges are only recorded. */
  constructor(
    private readonly validator: ExchangeValidator | undefined,
    /** Told of each exchange once it is recorded and judged (npm run sandbox prints a line per request). */
    private readonly onExchange?: ((event: SandboxEvent) => void) | undefined,
  ) {}

  /** Whether exchanges are checked, not only recorded. */
  get validating(): boolean {
    return this.validator !== undefined;
  }

  /** Records the exchange, then checks it; `refused`: it was answered with an in-band refusal. Runs after the answer was handed to the socket. */
  record(exchange: SandboxExchange, { refused = false, ms = 0 }: { refused?: boolean; ms?: number } = {}): void {
    this.exchanges.push(exchange);
    const found: SandboxFinding[] = [];
    try {
      for (const finding of this.validator?.validate(exchange, { refused }) ?? []) {
        found.push(finding);
        (finding.side === "request" ? this.requestFindings : this.findings).push(finding);
      }
    } catch (error) {
      // A validator that fails is the sandbox's problem: it shows among its own findings, and the client still got its answer.
      const failed: SandboxFinding = {
        operation: exchange.operation ?? `${exchange.request.method} ${exchange.request.path}`,
        check: "validator",
        finding: `the validator failed: ${String(error)}`,
        side: "response",
      };
      found.push(failed);
      this.findings.push(failed);
    }
    this.onExchange?.({ exchange, findings: found, refused, ms });
  }
}
