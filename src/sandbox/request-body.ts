// Reading request bodies the sandbox does not stream to disk: a small JSON body into memory
// (bounded), or a body to be refused read to its end and dropped.
import type http from "node:http";
import { ClientGone, invalid } from "./refusal";
import type { RecordedRequest } from "./validator";

/** The largest JSON body the sandbox keeps (delete's is a few dozen bytes). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a request's body to its end and drops it: a refusal then reaches the client instead of a
 * reset (a server that answers and closes while the client is still sending makes it see ECONNRESET).
 */
export const drain = (req: http.IncomingMessage): Promise<void> =>
  new Promise<void>((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req
      .once("end", resolve)
      .once("close", resolve)
      .once("error", () => resolve());
    req.resume();
  });

/**
 * The body as UTF-8 text. One over JSON_BODY_LIMIT is still read to its end (for the same reason
 * as drain), is not kept, and is a 2013 refusal noted on the record; a cut body is ClientGone.
 */
export async function readSmallBody(req: http.IncomingMessage, seen: RecordedRequest): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= JSON_BODY_LIMIT) chunks.push(chunk);
    }
  } catch {
    throw new ClientGone("the request was cut before its body ended");
  }
  if (size > JSON_BODY_LIMIT) {
    seen.unreadBody = `${size} bytes, over the sandbox's ${JSON_BODY_LIMIT}: not kept`;
    throw invalid(`the body is larger than ${JSON_BODY_LIMIT} bytes`);
  }
  return Buffer.concat(chunks).toString("utf8");
}
