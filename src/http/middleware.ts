// openapi-fetch middleware: where every request, from the methods or from `raw`, gets its
// credentials, and every response and network failure becomes this package's errors. Bodies are
// read here (JSON with exact ids) so a connection lost mid-body is ours to report too.
import type { Middleware } from "openapi-fetch";
import { requestDetails, responseDetails } from "../core/request-details";
import { MiniMaxConnectionError, MiniMaxInputError, type ResponseDetails } from "../errors";
import { apiErrorFor } from "../errors/error-map";
import type { Redactor } from "../errors/redact";
import { isRecord } from "../util/guards";
import { guardBody } from "./guard-body";
import { parseJson } from "./json";
import { notJson, parseJsonBody, reasonOf, statusCodeOf } from "./response";
import { readJson } from "./read-json";
import { parseRetryAfter } from "./retry-after";
import { transportError } from "./transport-error";

const BINARY_ROUTES = new Set(["/v1/files/retrieve_content"]);

/** A copy of `response` with another body (keeps status, headers and url). */
function withBody(response: Response, body: BodyInit | null): Response {
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/**
 * A copy of `response` whose json() gives `data`, parsed once already, so nothing is serialized
 * and parsed again. openapi-fetch reads a JSON body with json() only when the answer has a
 * Content-Length (else with text() and JSON.parse): a chunked answer's copy gets the length of the
 * body it had, in place of its Transfer-Encoding.
 */
function withParsed(response: Response, data: unknown, bytes: number): Response {
  const copy = withBody(response, null);
  if (!copy.headers.has("content-length")) {
    copy.headers.set("content-length", String(bytes));
    copy.headers.delete("transfer-encoding");
  }
  Object.defineProperties(copy, {
    json: { value: () => Promise.resolve(data) },
    text: { value: () => Promise.resolve(JSON.stringify(data)) },
  });
  return copy;
}

export function createMiddleware(apiKey: string, redact: Redactor): Middleware {
  return {
    onRequest({ request, schemaPath, options }) {
      if (BINARY_ROUTES.has(schemaPath) && options.parseAs === "json") {
        throw new MiniMaxInputError(
          "parseAs",
          `${schemaPath} returns the file's bytes, not JSON: pass parseAs: "arrayBuffer", "blob" or "stream".`,
        );
      }
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },

    async onResponse({ request, response, schemaPath, options }) {
      // Built only when an error needs it: most answers are successes.
      let built: ResponseDetails | undefined;
      const details = () =>
        (built ??= responseDetails(requestDetails(request.method, schemaPath, request.url, redact), response));
      const readText = () =>
        response
          .text()
          .catch((error: unknown) => Promise.reject(transportError(error, request, details(), redact, "body")));
      if (!response.ok) {
        let body: unknown;
        try {
          const text = await readText();
          try {
            body = parseJson(text);
          } catch {
            body = text; // an HTML page from a proxy, say
          }
        } catch (error) {
          if (!(error instanceof MiniMaxConnectionError)) throw error;
          body = undefined; // the status already says what happened
        }
        body = redact.value(body);
        const baseResp = isRecord(body) ? body["base_resp"] : undefined;
        const code = isRecord(baseResp) ? statusCodeOf(baseResp["status_code"]) : undefined;
        const failing = code === 0 ? undefined : code;
        throw apiErrorFor({
          ...details(),
          statusCode: failing,
          statusMsg: reasonOf(body),
          retryAfter: parseRetryAfter(response.headers),
          body,
        });
      }
      if (!response.body) return undefined;
      if (options.parseAs === "json") {
        const refusal = notJson(response, readText, details, redact);
        if (refusal) throw await refusal;
        const read = await readJson(response.body).catch((error: unknown) =>
          Promise.reject(transportError(error, request, details(), redact, "body")),
        );
        return withParsed(response, parseJsonBody(read.parser, details, redact), read.bytes);
      }
      if (options.parseAs === "text") return withBody(response, await readText());
      return withBody(
        response,
        guardBody(response.body, (error) => transportError(error, request, details(), redact, "body")),
      );
    },

    onError({ request, error, schemaPath }) {
      return transportError(
        error,
        request,
        requestDetails(request.method, schemaPath, request.url, redact),
        redact,
        "send",
      );
    },
  };
}
