// What every method returns: a Promise of the result that can also give the HTTP response
// (after the OpenAI SDK's APIPromise). The work starts at once; `.withResponse()` and awaiting
// share it, so nothing is sent twice.

/** A result together with the response it came from. */
export interface WithResponse<T> {
  data: T;
  /** The final attempt's response (status, headers; its body has been read). */
  response: Response;
  /** MiniMax's `Trace-Id` response header: quote it to MiniMax support. */
  traceId: string | undefined;
}

export class APIPromise<T> extends Promise<T> {
  readonly #outcome: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(outcome: Promise<WithResponse<T>>) {
    // The executor's own promise is never used: then/catch/finally read #outcome.
    super((resolve) => resolve(undefined as T));
    this.#outcome = outcome;
  }

  // Promise methods called on an APIPromise (then, catch, finally) build plain Promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The result with the `Response` and `Trace-Id` it came with. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#outcome;
  }

  #result(): Promise<T> {
    this.#data ??= this.#outcome.then((r) => r.data);
    return this.#data;
  }

  // biome-ignore lint/suspicious/noThenProperty: APIPromise is a Promise: it overrides then to await the shared outcome.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }
}
