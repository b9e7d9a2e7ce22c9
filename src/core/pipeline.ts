// The one path every method's call takes: check the call's options → send one attempt (through
// the raw client, so auth, transport, parsing and errors are shared) → parse → on failure, decide
// whether to retry, wait, and send again with a body rebuilt from its source. The call's time
// limit and the caller's signal cover all of it, waits included.
import { APIPromise, type WithResponse } from "./api-promise";
import { abortErrorFor, raceAbort, sleep, startDeadline, type Deadline } from "./deadline";
import {
  MiniMaxConnectionError,
  MiniMaxError,
  MiniMaxResponseError,
  type RequestDetails,
  type ResponseDetails,
} from "../errors";
import { isErrorLike } from "../util/guards";
import { resolveRequestOptions, type Backoff } from "./options";
import type { Redactor } from "../errors/redact";
import { traceIdOf } from "../http/response";
import { requestDetails, responseDetails } from "./request-details";
import { isRetryable, retryDelay, type RetryTarget } from "./retry";

/** What a method hands the pipeline. */
export interface Call<T> extends RetryTarget {
  method: "GET" | "POST";
  /** The spec's path, e.g. "/v1/files/list". */
  path: string;
  /** The query, for the URL errors show before a response exists (read after prepare()). */
  query?(): Record<string, string>;
  /** Argument checks (and opening a file to upload); run before anything is sent. A throw rejects the call. */
  prepare?(): void | Promise<void>;
  /** One attempt: sends with this signal and returns openapi-fetch's data and response. */
  send(signal: AbortSignal): Promise<{ data?: unknown; response: Response }>;
  /** Turns the data into the result, or throws (MiniMaxAPIError for base_resp failures, …). */
  parse(data: unknown, context: ParseContext): T | Promise<T>;
  /** Runs once the call has settled, however it ended (releases a caller's unread stream). */
  finish?(): Promise<void>;
}

export interface ParseContext {
  response: Response;
  details: ResponseDetails;
  redact: Redactor;
  /** A MiniMaxResponseError for this response. */
  problem(what: string): MiniMaxResponseError;
  /**
   * Keeps the time limit running after the call returns (a streamed body the caller reads later);
   * the returned function ends it.
   */
  holdDeadline(): () => void;
}

export interface PipelineConfig {
  baseUrl: string;
  timeout: number;
  maxRetries: number;
  backoff: Backoff;
  redact: Redactor;
}

export function runCall<T>(config: PipelineConfig, call: Call<T>, options: unknown): APIPromise<T> {
  const outcome = execute(config, call, options);
  const finish = call.finish;
  return new APIPromise(finish ? outcome.finally(() => finish.call(call)) : outcome);
}

async function execute<T>(config: PipelineConfig, call: Call<T>, options: unknown): Promise<WithResponse<T>> {
  await call.prepare?.();
  const { signal, timeout, maxRetries } = resolveRequestOptions(options, config);
  // What errors say about the request and its answer, built only when one needs it: on a small
  // call, building them for every success costs more than the parsing.
  let built: RequestDetails | undefined;
  const url = () =>
    `${config.baseUrl}${call.path}${call.query ? `?${new URLSearchParams(call.query()).toString()}` : ""}`;
  const details = (): RequestDetails => (built ??= requestDetails(call.method, call.path, url(), config.redact));
  const deadline = startDeadline(timeout, signal);
  let held = false;
  const stopped = () => abortErrorFor(deadline.signal, details());
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const { data, response } = await raceAbort(call.send(deadline.signal), deadline.signal, stopped);
        let answered: ResponseDetails | undefined;
        const context: ParseContext = {
          response,
          get details() {
            return (answered ??= responseDetails(
              requestDetails(call.method, call.path, response.url || url(), config.redact),
              response,
            ));
          },
          redact: config.redact,
          problem: (what) => new MiniMaxResponseError({ ...context.details, problem: config.redact.text(what) }),
          holdDeadline: () => ((held = true), () => deadline.dispose()),
        };
        // A parser that reads more of the body returns a promise, raced against the time limit.
        const parsed = call.parse(data, context);
        const result = parsed instanceof Promise ? await raceAbort(parsed, deadline.signal, stopped) : parsed;
        return { data: result, response, traceId: traceIdOf(response) };
      } catch (thrown) {
        held = false;
        const error = asOurs(thrown, deadline, details(), config.redact);
        if (attempt >= maxRetries || !isRetryable(error, call)) throw error;
        const delay = retryDelay(attempt, (error as { retryAfter?: number }).retryAfter, config.backoff);
        if (delay === undefined || delay >= deadline.remaining()) throw error;
        await sleep(delay, deadline.signal, stopped);
      }
    }
  } finally {
    if (!held) deadline.dispose();
  }
}

/** Whatever escaped (a custom fetch's own error, a bug) as one of this package's errors. */
function asOurs(error: unknown, deadline: Deadline, details: RequestDetails, redact: Redactor): MiniMaxError {
  if (error instanceof MiniMaxError) return error;
  if (deadline.signal.aborted) return abortErrorFor(deadline.signal, details);
  const reason = redact.text(isErrorLike(error) ? `${error.name}: ${error.message}` : String(error));
  return new MiniMaxConnectionError({ ...details, requestSent: true, reason }, { cause: redact.cause(error) });
}
