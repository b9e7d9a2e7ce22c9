// What errors say about a request: the operation's name, the method, the URL without secrets.
import { requestDetails, responseDetails } from "../../../src/core/request-details";
import { createRedactor } from "../../../src/errors/redact";

const KEY = "sk-request-details-0123456789";
const redact = createRedactor(KEY);

it("names the operation from the spec and keeps the method", () => {
  expect(requestDetails("GET", "/v1/files/list", "http://h/v1/files/list?purpose=voice_clone", redact)).toEqual({
    operation: "listFiles",
    request: { method: "GET", url: "http://h/v1/files/list?purpose=voice_clone" },
  });
});

it("names an operation the spec does not have by its method and path", () => {
  expect(requestDetails("PUT", "/v1/files/nowhere", "http://h/v1/files/nowhere", redact).operation).toBe(
    "PUT /v1/files/nowhere",
  );
});

it("removes the key from the URL", () => {
  const details = requestDetails(
    "GET",
    "/v1/files/retrieve",
    `http://h/v1/files/retrieve?file_id=1&key=${KEY}`,
    redact,
  );
  expect(details.request.url).toBe("http://h/v1/files/retrieve?file_id=1&key=[REDACTED]");
});

it("adds the answer's status and Trace-Id", () => {
  const request = requestDetails("POST", "/v1/files/delete", "http://h/v1/files/delete", redact);
  expect(responseDetails(request, new Response(null, { status: 503, headers: { "Trace-Id": "tr-1" } }))).toEqual({
    ...request,
    status: 503,
    traceId: "tr-1",
  });
  expect(responseDetails(request, new Response(null, { status: 200 })).traceId).toBeUndefined();
});
