// The sandbox's validator: the effective spec indexed (spec-index.ts), the numbers Ajv sees
// (schema-view.ts), what the sandbox and the validator both call valid (wire-rules.ts), Ajv loaded
// on demand (ajv-loader.ts) and the checks of a recorded exchange (exchange-checks.ts). This file
// is the one place the rest of the sandbox, the contract suite and the tests import it from.
export type {
  RecordedPart,
  RecordedRequest,
  RecordedResponse,
  SandboxExchange,
  SandboxFinding,
} from "./exchange-checks";
export { ExchangeValidator, sharedExchangeValidator } from "./exchange-checks";
export { numberForSchema, schemaView } from "./schema-view";
export { documentsJson, SPEC_OPERATIONS, SPEC_PATHS, type SpecOperation } from "./spec-index";
export {
  isBearerToken,
  readBearer,
  readInt64Json,
  readInt64Query,
  requestMediaProblem,
  type Reading,
} from "./wire-rules";
