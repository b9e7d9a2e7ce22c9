// The retry policy as data and two pure functions: whether an error may be retried for an
// operation, and how long to wait first. The pipeline (pipeline.ts) does the waiting.
import { MiniMaxAPIError, MiniMaxConnectionError } from "../errors";
import { retryRuleFor } from "../errors/error-map";
import type { Backoff } from "./options";

export interface RetryTarget {
  /** Repeating it after an unknown outcome is harmless (list, retrieve, retrieve_content, delete). */
  idempotent: boolean;
  /** Its body can be produced again from its source (false for a one-shot stream). */
  replayable: boolean;
}

/**
 * May this error be retried for this operation?
 * - an answer MiniMax marks "not processed" (408, 429, 503, codes 1002, 1039, 1041, 2045): yes;
 * - other retryable answers (5xx, codes 1000, 1001, 1013, 1024, 1033): only idempotent operations;
 * - a connection that failed before any byte was sent: yes; after (reset mid-body, closed before
 *   the answer, body cut off): only idempotent operations, so an upload is never stored twice;
 * - time-outs, aborts, input and response errors: no.
 */
export function isRetryable(error: unknown, target: RetryTarget): boolean {
  if (!target.replayable) return false;
  if (error instanceof MiniMaxAPIError) {
    const rule = retryRuleFor(error);
    return rule === "always" || (rule === "idempotent" && target.idempotent);
  }
  if (error instanceof MiniMaxConnectionError) return !error.requestSent || target.idempotent;
  return false;
}

/**
 * Milliseconds to wait before retry number `retry` (0-based), or undefined when the server asked
 * for longer than `backoff.maxRetryAfter`.
 */
export function retryDelay(
  retry: number,
  retryAfterSeconds: number | undefined,
  backoff: Backoff,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterSeconds !== undefined) {
    const asked = Math.ceil(retryAfterSeconds * 1000);
    return asked > backoff.maxRetryAfter ? undefined : asked;
  }
  const exponential = Math.min(backoff.initialDelay * 2 ** retry, backoff.maxDelay);
  return Math.round(exponential * (1 - 0.25 * random()));
}
