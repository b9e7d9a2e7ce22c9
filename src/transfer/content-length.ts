// When a Content-Length says how many bytes a reader will get. fetch (and the default transport)
// decode a compressed body, so its Content-Length then counts the compressed bytes, not the ones
// read: it counts only when no coding other than `identity` was applied.

/** The codings of a Content-Encoding header in the order they were applied, `identity` left out. */
export function contentCodings(contentEncoding: string | null | undefined): string[] {
  if (!contentEncoding) return [];
  return contentEncoding
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
}

/** The number of bytes a reader of this body will get, when the headers say so; else undefined. */
export function bodyLengthOf(headers: Headers): number | undefined {
  const length = headers.get("content-length");
  if (length === null || !/^\d+$/.test(length) || contentCodings(headers.get("content-encoding")).length)
    return undefined;
  return Number(length);
}
