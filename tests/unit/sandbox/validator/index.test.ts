// The validator's one entry point (src/sandbox/validator/index.ts): the names the sandbox, the
// contract suite and the tests import, each the very function or value of the module that defines
// it, and none of the modules' internals.
import * as validator from "../../../../src/sandbox/validator";
import * as exchangeChecks from "../../../../src/sandbox/validator/exchange-checks";
import * as schemaView from "../../../../src/sandbox/validator/schema-view";
import * as specIndex from "../../../../src/sandbox/validator/spec-index";
import * as wireRules from "../../../../src/sandbox/validator/wire-rules";

it("gives these names, and nothing else", () => {
  expect(Object.keys(validator).sort()).toEqual([
    "ExchangeValidator",
    "SPEC_OPERATIONS",
    "SPEC_PATHS",
    "documentsJson",
    "isBearerToken",
    "numberForSchema",
    "readBearer",
    "readInt64Json",
    "readInt64Query",
    "requestMediaProblem",
    "schemaView",
    "sharedExchangeValidator",
  ]);
});

it("each is the defining module's own", () => {
  expect(validator.ExchangeValidator).toBe(exchangeChecks.ExchangeValidator);
  expect(validator.sharedExchangeValidator).toBe(exchangeChecks.sharedExchangeValidator);
  expect(validator.numberForSchema).toBe(schemaView.numberForSchema);
  expect(validator.schemaView).toBe(schemaView.schemaView);
  expect(validator.SPEC_OPERATIONS).toBe(specIndex.SPEC_OPERATIONS);
  expect(validator.SPEC_PATHS).toBe(specIndex.SPEC_PATHS);
  expect(validator.documentsJson).toBe(specIndex.documentsJson);
  expect(validator.isBearerToken).toBe(wireRules.isBearerToken);
  expect(validator.readBearer).toBe(wireRules.readBearer);
  expect(validator.readInt64Json).toBe(wireRules.readInt64Json);
  expect(validator.readInt64Query).toBe(wireRules.readInt64Query);
  expect(validator.requestMediaProblem).toBe(wireRules.requestMediaProblem);
});
