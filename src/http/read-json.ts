// A JSON body read as it arrives: each chunk decoded and handed to a JsonTextParser, so a large
// answer is never held whole as bytes, as text and as quoted text at once (Response.text() holds
// the chunks, then the bytes joined, then the text).
import { JsonTextParser } from "./json";

export interface ReadJson {
  parser: JsonTextParser;
  /** The body's length in bytes, as it came. */
  bytes: number;
}

/** Reads `body` to its end; rejects with the stream's error if it fails (the stream is errored then). */
export async function readJson(body: ReadableStream<Uint8Array>): Promise<ReadJson> {
  const parser = new JsonTextParser();
  // As Response.text(): UTF-8, a leading BOM dropped, malformed bytes replaced.
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    parser.push(decoder.decode(value, { stream: true }));
  }
  parser.push(decoder.decode());
  return { parser, bytes };
}
