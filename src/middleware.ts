// openapi-fetch middleware: the one place requests get credentials and responses become errors.
// The high-level methods and the raw client share it, so both throw the same error classes.
import type { Middleware } from "openapi-fetch";
import { MiniMaxConnectionError, httpErrorFor, type RequestSummary } from "./errors";
import { redactCause, redactText, redactValue } from "./redact";

/** What errors keep of a request: method and URL (redacted), never headers. */
export function summarize(method: string, url: string, apiKey: string): RequestSummary {
  return { method, url: redactText(url, apiKey) };
}

export function traceIdOf(response: Response): string | undefined {
  return response.headers.get("trace-id") ?? undefined;
}

export function createMiddleware(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (an HTML error page from a proxy, say): keep the text.
      }
      throw httpErrorFor({
        request: summarize(request.method, request.url, apiKey),
        status: response.status,
        traceId: traceIdOf(response),
        body: redactValue(body, apiKey),
      });
    },
    onError({ request, error }) {
      // Cancellation is the caller's own doing: hand it back untouched.
      if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) return error;
      return new MiniMaxConnectionError(summarize(request.method, request.url, apiKey), { cause: redactCause(error, apiKey) });
    },
  };
}
