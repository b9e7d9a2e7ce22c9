// A HAR file's entries as the sandbox validator's exchanges (src/sandbox/validator), so recorded
// traffic is judged again with ids exact: the validator reads numbers from their text, where a
// HAR tool's JSON.parse rounds ids above 2^53.

/** The HAR's entries; throws naming the file when it is not a HAR. */
export function harEntries(text, file) {
  let har;
  try {
    har = JSON.parse(text); // only to walk the entries: bodies stay text, read exactly by the validator
  } catch (error) {
    throw new Error(`${file} is not JSON: ${error.message}`);
  }
  if (!Array.isArray(har?.log?.entries)) throw new Error(`${file} is not a HAR file (no log.entries)`);
  return har;
}

const headersOf = (list) => Object.fromEntries((list ?? []).map(({ name, value }) => [name.toLowerCase(), value]));

/** One entry as a SandboxExchange, paths taken relative to `server` (its base path removed). */
export function exchangeOf(entry, server, operations) {
  const url = new URL(entry.request.url);
  const base = new URL(server).pathname.replace(/\/+$/, "");
  const path = base && url.pathname.startsWith(base) ? url.pathname.slice(base.length) || "/" : url.pathname;
  const query = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const request = { method: entry.request.method, path, query, headers: headersOf(entry.request.headers) };
  const post = entry.request.postData;
  if (post) {
    if (/^multipart\/form-data/i.test(post.mimeType ?? ""))
      request.form = Object.fromEntries(
        (post.params ?? []).map((p) => [
          p.name,
          p.fileName === undefined
            ? (p.value ?? "")
            : { filename: p.fileName, type: p.contentType ?? "", bytes: p._bytes ?? 0 },
        ]),
      );
    else request.body = post.text ?? "";
  }
  const content = entry.response.content ?? {};
  const response = {
    status: entry.response.status,
    headers: headersOf(entry.response.headers),
    bytes: content.size ?? 0,
    ...(content.encoding !== "base64" && content.text !== undefined && { body: content.text }),
  };
  return { operation: operations.get(`${request.method} ${path}`)?.operationId, request, response };
}
