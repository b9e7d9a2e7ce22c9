// retrieveContent's result: the file's bytes, whole or as a stream the caller reads later (the
// call's time limit keeps running until it ends). A JSON answer on this route may be MiniMax
// reporting a failure in base_resp instead.
import type { ParseContext } from "../core/pipeline";
import { guardBody } from "../http/guard-body";
import { parseJson } from "../http/json";
import { checkBaseResp, isJsonContentType } from "../http/response";

export async function contentOf(
  data: unknown,
  ctx: ParseContext,
  as: "bytes" | "stream",
): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  const body = (data as ReadableStream<Uint8Array> | undefined) ?? null;
  const readBytes = async () => new Uint8Array(await new Response(body).arrayBuffer());
  // A download is bytes; a JSON body on this route may be MiniMax reporting a failure in base_resp.
  if (isJsonContentType(ctx.response)) {
    const bytes = await readBytes();
    // Left undefined when the bytes are not JSON: a JSON file served as such, returned as it is.
    let parsed: unknown;
    try {
      parsed = parseJson(new TextDecoder().decode(bytes));
    } catch {}
    checkBaseResp(parsed, ctx.response, () => ctx.details, ctx.redact);
    return as === "stream" ? new Blob([bytes as Uint8Array<ArrayBuffer>]).stream() : bytes;
  }
  if (as === "bytes") return readBytes();
  if (!body) return new Blob([]).stream();
  // The caller reads the stream after the call returns: the time limit keeps running until it ends.
  const release = ctx.holdDeadline();
  return guardBody(body, (error) => error as Error, release);
}
