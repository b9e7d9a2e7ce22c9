// openapi-fetch middleware: where every request, from the methods or from `raw`, gets its
// credentials, and every response and network failure becomes this package's errors. Bodies are
// read here (JSON with exact ids) so a connection lost mid-body is ours to report too.
import type { Middleware } from "openapi-fetch";
import { isErrorLike, isRecord, MiniMaxConnectionError, MiniMaxError, MiniMaxInputError, ourErrorIn, type RequestDetails, type ResponseDetails } from "./errors";
import { apiErrorFor } from "./error-map";
import { abortErrorFor } from "./deadline";
import { parseJson } from "./json";
import type { Redactor } from "./redact";
import { parseJsonBody, reasonOf, statusCodeOf, traceIdOf } from "./response";
import { parseRetryAfter } from "./retry";
import { OPERATIONS } from "./spec-values";

/** Failures that happen before a connection exists: nothing of the request reached a server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL"]);

const NOT_SENT_SYSCALLS = new Set(["connect", "getaddrinfo"]);

const BINARY_ROUTES = new Set(["/v1/files/retrieve_content"]);

export function operationOf(method: string, schemaPath: string): string {
  return (OPERATIONS as Record<string, string>)[`${method} ${schemaPath}`] ?? `${method} ${schemaPath}`;
}

function requestDetails(request: Request, schemaPath: string, redact: Redactor): RequestDetails {
  return { operation: operationOf(request.method, schemaPath), request: { method: request.method, url: redact.text(request.url) } };
}

export function responseDetails(request: Request, response: Response, schemaPath: string, redact: Redactor): ResponseDetails {
  return { ...requestDetails(request, schemaPath, redact), status: response.status, traceId: traceIdOf(response) };
}

/** The first string `field` (code, syscall) down the cause chain, or in an AggregateError's first error. */
function fieldOf(error: unknown, field: "code" | "syscall"): string | undefined {
  for (let e: unknown = error, depth = 0; isRecord(e) || isErrorLike(e); e = (e as { cause?: unknown }).cause, depth++) {
    if (depth > 4) break;
    const value = (e as Record<string, unknown>)[field];
    if (typeof value === "string") return value;
    const first = (e as { errors?: unknown }).errors;
    if (Array.isArray(first) && first.length) return fieldOf(first[0], field);
  }
  return undefined;
}

const errorCode = (error: unknown) => fieldOf(error, "code");

/** Failed before a connection existed: a code that says so, or any failure of connect itself (a timed-out or reset connect). */
function notSent(error: unknown): boolean {
  const code = errorCode(error);
  return (code !== undefined && NOT_SENT_CODES.has(code)) || NOT_SENT_SYSCALLS.has(fieldOf(error, "syscall") ?? "");
}

function describeCause(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  const inner = isErrorLike(error.cause) && error.cause.message && error.cause.message !== error.message ? ` (${error.cause.message})` : "";
  const code = errorCode(error);
  return `${error.message}${inner}${code && !`${error.message}${inner}`.includes(code) ? ` [${code}]` : ""}`;
}

/** Any failure while sending or reading, as one of ours: abort, time-out, or lost connection. */
function transportError(error: unknown, request: Request, details: RequestDetails, redact: Redactor, phase: "send" | "body"): MiniMaxError {
  // Ours from the start (a file that changed while being sent), perhaps wrapped by fetch.
  const ours = ourErrorIn(error);
  if (ours) return ours;
  if (request.signal.aborted) return abortErrorFor(request.signal, details);
  const requestSent = phase === "body" || !notSent(error);
  const reason = phase === "body" ? `the connection was lost while reading the response body: ${describeCause(error)}` : describeCause(error);
  return new MiniMaxConnectionError({ ...details, requestSent, reason: redact.text(reason) }, { cause: redact.cause(error) });
}

/** A body stream whose failures are this package's errors, with `onEnd` called once however it ends. */
export function guardBody(body: ReadableStream<Uint8Array>, mapError: (error: unknown) => Error, onEnd: () => void = () => undefined): ReadableStream<Uint8Array> {
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

/** A copy of `response` with another body (keeps status, headers and url). */
function withBody(response: Response, body: BodyInit | null): Response {
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

export function createMiddleware(apiKey: string, redact: Redactor): Middleware {
  return {
    onRequest({ request, schemaPath, options }) {
      if (BINARY_ROUTES.has(schemaPath) && options.parseAs === "json") {
        throw new MiniMaxInputError("parseAs", `${schemaPath} returns the file's bytes, not JSON: pass parseAs: "arrayBuffer", "blob" or "stream".`);
      }
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },

    async onResponse({ request, response, schemaPath, options }) {
      // Built only when an error needs it: most answers are successes.
      let built: ResponseDetails | undefined;
      const details = () => (built ??= responseDetails(request, response, schemaPath, redact));
      const readText = () => response.text().catch((error: unknown) => Promise.reject(transportError(error, request, details(), redact, "body")));
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
        throw apiErrorFor({ ...details(), statusCode: failing, statusMsg: reasonOf(body), retryAfter: parseRetryAfter(response.headers), body });
      }
      if (!response.body) return undefined;
      if (options.parseAs === "json") {
        const data = parseJsonBody(await readText(), response, details, redact);
        // Handed back to openapi-fetch as JSON again, ids as decimal strings (exact through JSON.parse).
        return withBody(response, JSON.stringify(data));
      }
      if (options.parseAs === "text") return withBody(response, await readText());
      return withBody(response, guardBody(response.body, (error) => transportError(error, request, details(), redact, "body")));
    },

    onError({ request, error, schemaPath }) {
      return transportError(error, request, requestDetails(request, schemaPath, redact), redact, "send");
    },
  };
}

