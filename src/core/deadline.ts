// One call's time limit and the caller's signal, merged into the AbortSignal every attempt is
// sent with. The timer is always cleared when the call ends, so a finished call leaves no handle behind.
import { MiniMaxAbortError, MiniMaxTimeoutError, type RequestDetails } from "../errors";

/** The abort reason our own timer uses, so a time-out is told apart from the caller's abort. */
export class DeadlineReached {
  constructor(readonly timeout: number) {}
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** Milliseconds left. */
  remaining(): number;
  /** Clears the timer and detaches from the caller's signal. Safe to call twice. */
  dispose(): void;
}

export function startDeadline(timeout: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  const endsAt = Date.now() + timeout;
  const timer = setTimeout(() => controller.abort(new DeadlineReached(timeout)), timeout);
  const onAbort = () => controller.abort(callerSignal?.reason);
  const dispose = () => {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onAbort);
  };
  // Whichever fires first, the other is torn down: a stream the caller abandons after aborting
  // keeps no timer, and one that times out keeps no listener on the caller's signal.
  controller.signal.addEventListener("abort", dispose, { once: true });
  if (callerSignal?.aborted) onAbort();
  else callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    remaining: () => Math.max(0, endsAt - Date.now()),
    dispose,
  };
}

/** The error for an aborted signal: time-out when our timer fired, else the caller's abort. */
export function abortErrorFor(signal: AbortSignal, details: RequestDetails): MiniMaxTimeoutError | MiniMaxAbortError {
  const reason: unknown = signal.reason;
  if (reason instanceof DeadlineReached) return new MiniMaxTimeoutError({ ...details, timeout: reason.timeout });
  return new MiniMaxAbortError(details, { cause: reason });
}

/** Resolves after `ms`, or rejects with `onAbort()` as soon as `signal` aborts; leaves no timer. */
export function sleep(ms: number, signal: AbortSignal, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(onAbort());
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", aborted);
    };
    const aborted = () => {
      done();
      reject(onAbort());
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal.addEventListener("abort", aborted, { once: true });
  });
}

/** `promise`, or a rejection with `onAbort()` the moment `signal` aborts (for a fetch that ignores it). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(onAbort());
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = () => reject(onAbort());
    signal.addEventListener("abort", aborted, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", aborted);
        reject(error);
      },
    );
  });
}
