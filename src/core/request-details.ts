// What errors say about a request and its answer, built in one place for the methods' pipeline
// and the raw client's middleware alike: the operation's name, the method, and the URL with
// secrets removed.
import type { RequestDetails, ResponseDetails } from "../errors";
import type { Redactor } from "../errors/redact";
import { traceIdOf } from "../http/response";
import { operationOf } from "../spec/operations";

export function requestDetails(method: string, schemaPath: string, url: string, redact: Redactor): RequestDetails {
  return { operation: operationOf(method, schemaPath), request: { method, url: redact.text(url) } };
}

export function responseDetails(request: RequestDetails, response: Response): ResponseDetails {
  return { ...request, status: response.status, traceId: traceIdOf(response) };
}
