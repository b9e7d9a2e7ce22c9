// A response body handed to the caller, with its failures turned into ours and one end signal.

/** A body stream whose failures are this package's errors, with `onEnd` called once however it ends. */
export function guardBody(
  body: ReadableStream<Uint8Array>,
  mapError: (error: unknown) => Error,
  onEnd: () => void = () => undefined,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let ended = false;
  const end = () => {
    if (!ended) (ended = true), onEnd();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(mapError(error));
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}
