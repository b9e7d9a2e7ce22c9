// The validator's response_headers_conformance check (ExchangeValidator.responseHeaderFindings).
// The effective spec documents no response headers today, so the contract suite reports that
// check as not applicable; this test keeps the check itself honest for when one is documented.
import { ExchangeValidator } from "../../src/sandbox/validator";

const documented = {
  description: "OK",
  headers: {
    "Trace-Id": { required: true, schema: { type: "string", pattern: "^[0-9a-f]{32}$" } },
    "X-RateLimit-Remaining": { schema: { type: "integer", minimum: 0 } },
    "Content-Type": { required: true, schema: { type: "string" } }, // ignored, as OAS says
  },
};
const validator = new ExchangeValidator();

it("passes documented headers that are present and valid, and optional ones left out", () => {
  expect(validator.responseHeaderFindings(documented, { "trace-id": "0123456789abcdef0123456789abcdef" })).toEqual([]);
  expect(validator.responseHeaderFindings(documented, { "trace-id": "0123456789abcdef0123456789abcdef", "x-ratelimit-remaining": "7" })).toEqual([]);
});

it("names a required header that is missing, and values the header's schema refuses", () => {
  expect(validator.responseHeaderFindings(documented, {})).toEqual(["header Trace-Id is required and missing"]);
  expect(validator.responseHeaderFindings(documented, { "trace-id": "nope", "x-ratelimit-remaining": "-1" })).toEqual([
    'header Trace-Id: must match pattern "^[0-9a-f]{32}$"',
    "header X-RateLimit-Remaining: must be >= 0",
  ]);
  expect(validator.responseHeaderFindings(documented, { "trace-id": "0123456789abcdef0123456789abcdef", "x-ratelimit-remaining": "many" })).toEqual(['header X-RateLimit-Remaining: "many" is not a number']);
});

it("a response that documents no headers has nothing to check", () => {
  expect(validator.responseHeaderFindings({ description: "OK" }, { anything: "x" })).toEqual([]);
});
