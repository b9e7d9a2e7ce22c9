// Reading what MiniMax answered: bodies (JSON with exact ids, or bytes), `base_resp`, Trace-Id,
// and the fields the client promises. Shared by the middleware (raw client) and the methods.
import { MiniMaxResponseError, type ResponseDetails } from "../errors";
import { BODY_QUOTE, clip, oneLine, showJson } from "../util/describe";
import { isRecord } from "../util/guards";
import { apiErrorFor } from "../errors/error-map";
import { type JsonTextParser, MalformedIdError } from "./json";
import { parseRetryAfter } from "./retry-after";
import type { Redactor } from "../errors/redact";

export function traceIdOf(response: Response): string | undefined {
  return response.headers.get("trace-id") ?? undefined;
}

export function isJsonContentType(response: Response): boolean {
  return /^application\/([\w.+-]*\+)?json\b/i.test(response.headers.get("content-type") ?? "");
}

/** What an error says a body was: a short, redacted, one-line quote. */
export function quote(text: string, redact: Redactor): string {
  return JSON.stringify(oneLine(redact.text(text)));
}

/**
 * Parses a 2xx JSON body (ids exact), read as it arrived (readJson), or throws
 * MiniMaxResponseError saying what it was instead (`details` is called only then). The
 * Content-Type was checked before it was read (notJson).
 */
export function parseJsonBody(parser: JsonTextParser, details: () => ResponseDetails, redact: Redactor): unknown {
  const problem = (what: string) => new MiniMaxResponseError({ ...details(), problem: redact.text(what) });
  if (parser.blank) throw problem("an empty body instead of JSON");
  try {
    return parser.end();
  } catch (error) {
    if (error instanceof MalformedIdError) throw problem(`a malformed id: ${error.message}`);
    throw problem(`a body that is not JSON: ${quote(parser.head, redact)}`);
  }
}

/** The MiniMaxResponseError for a 2xx answer whose Content-Type says it is not JSON, if it says so. */
export function notJson(
  response: Response,
  text: () => Promise<string>,
  details: () => ResponseDetails,
  redact: Redactor,
): Promise<MiniMaxResponseError> | undefined {
  const contentType = response.headers.get("content-type");
  if (contentType === null || isJsonContentType(response)) return undefined;
  return text().then(
    (body) =>
      new MiniMaxResponseError({
        ...details(),
        problem: redact.text(
          `${contentType} instead of application/json: ${body ? quote(body, redact) : "an empty body"}`,
        ),
      }),
  );
}

/**
 * MiniMax's verdict in `base_resp`: returns when it is success (or absent: the overlay marks it
 * required only from the published examples, so a body without it is taken at its word rather than
 * refused), throws the mapped error otherwise. `status_code` may come as a numeric string;
 * anything that is not an integer is a MiniMaxResponseError naming the value. `details` is called
 * only for an error.
 */
export function checkBaseResp(
  body: unknown,
  response: Response,
  details: () => ResponseDetails,
  redact: Redactor,
): void {
  if (!isRecord(body) || !("base_resp" in body)) return;
  const baseResp = body["base_resp"];
  const raw = isRecord(baseResp) ? baseResp["status_code"] : undefined;
  const code = statusCodeOf(raw);
  if (code === undefined) {
    const shown = isRecord(baseResp)
      ? `base_resp.status_code ${raw === undefined ? "missing" : showJson(raw)}`
      : `base_resp ${showJson(baseResp)}`;
    throw new MiniMaxResponseError({ ...details(), problem: redact.text(`${shown}, not an integer status code`) });
  }
  if (code === 0) return;
  const msg = isRecord(baseResp) ? baseResp["status_msg"] : undefined;
  throw apiErrorFor({
    ...details(),
    statusCode: code,
    statusMsg: typeof msg === "string" && msg !== "" ? redact.text(msg) : undefined,
    retryAfter: parseRetryAfter(response.headers),
    body: redact.value(body),
  });
}

/** `base_resp.status_code` as an integer (MiniMax may send it as a numeric string), else undefined. */
export function statusCodeOf(raw: unknown): number | undefined {
  const code =
    typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(code) ? code : undefined;
}

/** The human reason an error body gives (Prism's title/detail, a JSON message, an HTML title, the text). */
export function reasonOf(body: unknown): string | undefined {
  if (typeof body === "string") {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(body)?.[1];
    const text = (title ?? (/^\s*</.test(body) ? "" : body)).replace(/\s+/g, " ").trim();
    return text ? clip(text, BODY_QUOTE) : undefined;
  }
  if (!isRecord(body)) return undefined;
  const error = body["error"];
  const baseResp = body["base_resp"];
  const parts = [
    body["title"],
    body["detail"],
    body["message"],
    typeof error === "string" ? error : isRecord(error) ? error["message"] : undefined,
    isRecord(baseResp) ? baseResp["status_msg"] : undefined,
  ].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  return parts.length ? [...new Set(parts)].join(": ") : undefined;
}
