// The one place a 2xx response is parsed and checked for MiniMax's in-band errors
// (HTTP 200 with base_resp.status_code ≠ 0). Non-2xx responses never get here: middleware.ts
// turns them into MiniMaxHTTPError first.
import { apiErrorFor, isRecord, MiniMaxResponseError, type RequestSummary } from "./errors";
import { traceIdOf } from "./middleware";
import { redactText } from "./redact";

export interface ResponseContext {
  request: RequestSummary;
  response: Response;
  apiKey: string;
}

function responseError(ctx: ResponseContext, message: string): MiniMaxResponseError {
  return new MiniMaxResponseError(ctx.request, ctx.response.status, traceIdOf(ctx.response), message);
}

/** Parses a JSON body and throws MiniMaxAPIError when `base_resp.status_code` is not 0. */
export function parseEnvelope<T>(text: string | undefined, ctx: ResponseContext): T {
  let body: unknown;
  try {
    body = JSON.parse(text ?? "");
  } catch {
    const shown = text ? JSON.stringify(redactText(text.slice(0, 200), ctx.apiKey)) : "an empty body";
    throw responseError(ctx, `expected a JSON body, got ${shown} (${ctx.response.headers.get("content-type") ?? "no content-type"})`);
  }
  if (!isRecord(body)) throw responseError(ctx, "expected a JSON object");
  throwIfBaseRespFailed(body, ctx);
  return body as T;
}

export function throwIfBaseRespFailed(body: Record<string, unknown>, ctx: ResponseContext): void {
  const baseResp = body["base_resp"];
  if (!isRecord(baseResp)) return; // the spec does not mark base_resp required
  const code = baseResp["status_code"];
  if (code === 0 || code === undefined) return;
  const msg = baseResp["status_msg"];
  throw apiErrorFor({
    request: ctx.request,
    status: ctx.response.status,
    traceId: traceIdOf(ctx.response),
    baseResp: {
      status_code: typeof code === "number" ? code : Number(code),
      status_msg: typeof msg === "string" ? redactText(msg, ctx.apiKey) : undefined,
    },
  });
}

/** A field the method returns: a success without it is not a success the caller can use. */
export function requireField<T>(value: T | undefined | null, field: string, ctx: ResponseContext): T {
  if (value === undefined || value === null) throw responseError(ctx, `the response has no ${field}`);
  return value;
}
