// Named checks for every operation of the effective spec, against the contract target (Prism by
// default; `npm run contract -- --target <url> [--key <k>]` for another). One chain through the real
// MiniMaxFiles client (upload → list → retrieve → retrieveContent → delete, on the uploaded id) makes
// one exchange per operation; each check below judges that exchange with the sandbox's validator
// (src/sandbox/validator.ts), and client_accepts_response asks whether the client itself took the
// answer: a body the schema allows can still be one the client refuses (and the schema is only as
// strict as the spec's `required` lists). The auth checks go through the client too (the refusal
// must surface as AuthenticationError); the 405 check is about the server alone and uses fetch.
//
// Every cell (operation × check) is written to the coverage file (tests/helpers/contract.ts,
// COVERAGE_FILE), which tests/setup/contract-coverage-reporter.cjs prints at the end of the run: a
// cell is "failed" when its check ran and found something (or could not judge), "not run" when its
// test was filtered out of the run (jest -t), never a failure that did not happen.
import { AuthenticationError, type MiniMaxFiles } from "../../src";
import { SPEC_OPERATIONS, SPEC_PATHS, type SandboxExchange, type SpecOperation } from "../../src/sandbox/validator";
import { contractClient, contractTarget, CoverageRecorder, validateExchange } from "../helpers/contract";

const target = contractTarget();

const RESPONSE_CHECKS = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance", "response_headers_conformance"] as const;
const OTHER_CHECKS = ["client_accepts_response", "request_conformance", "missing_auth_refused", "wrong_scheme_auth_refused", "undocumented_method_405"] as const;
const CHECKS = [...RESPONSE_CHECKS, ...OTHER_CHECKS];
const REQUEST_CHECKS = new Set(["request_security", "request_parameters", "request_body"]);

const coverage = new CoverageRecorder(target, CHECKS);
/** Why the chain (beforeAll) broke, if it did: Jest then runs no test body, and every check failed. */
let chainFailure: string | undefined;
afterAll(() => {
  // Every test body settles its cell (check() below), so a cell still empty was never started:
  // filtered out by jest -t, unless the chain broke and Jest failed every test without running it.
  for (const op of SPEC_OPERATIONS.values())
    for (const name of CHECKS)
      if (!coverage.has(op.operationId, name))
        coverage.set(op.operationId, name, chainFailure === undefined ? { status: "not run", notes: ["its test was filtered out of this run (jest -t)"] } : { status: "failed", notes: [`the chain broke before the checks: ${chainFailure}`] });
  coverage.write();
});

const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Records the cell, then fails the test with the operation, the check and the findings. */
function settle(operation: string, check: string, findings: string[]): void {
  coverage.set(operation, check, { status: findings.length === 0 ? "passed" : "failed", notes: findings });
  if (findings.length > 0) throw new Error(findings.map((f) => `${operation} ${check}: ${f}`).join("\n"));
}

/** A test for one cell: its findings are settled even when the check throws (then the error is the finding). */
function check(operation: string, name: string, findings: () => string[] | Promise<string[]>): void {
  it(name, async () => {
    let found: string[];
    try {
      found = await findings();
    } catch (error) {
      found = [`the check could not judge: ${describeError(error)}`];
    }
    settle(operation, name, found);
  });
}

// ---- what applies where, read from the spec ----

const documented200 = (op: SpecOperation) => op.responses["200"] as { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> } | undefined;
function notApplicable(op: SpecOperation, check: string): string | undefined {
  const ok = documented200(op);
  if (check === "response_headers_conformance" && Object.keys(ok?.headers ?? {}).length === 0) return "the spec documents no response headers for this operation";
  if (check === "response_schema_conformance" && !Object.keys(ok?.content ?? {}).some((media) => media === "application/json" || media.endsWith("+json")))
    return `the documented body is not JSON (${Object.keys(ok?.content ?? {}).join(", ")}): its bytes have no schema to break`;
  return undefined;
}

// ---- the chain: one exchange per operation ----

const PURPOSE = "t2a_async_input" as const;
const FIXTURE = new TextEncoder().encode("minimax-files contract suite fixture\n");
const FALLBACK_ID = "302892389810432"; // used only if the upload gave no id (its own checks then fail)

const outcome = new Map<string, { exchange: SandboxExchange | undefined; error: unknown }>();
let fileId = FALLBACK_ID;

/** Each operation's call on the given client (the same calls for the chain and the auth checks). */
const calls: Record<string, (client: MiniMaxFiles) => Promise<unknown>> = {
  uploadFile: async (client) => {
    const file = await client.upload({ file: FIXTURE, filename: "contract-fixture.txt", purpose: PURPOSE });
    return file;
  },
  listFiles: (client) => client.list({ purpose: PURPOSE }),
  retrieveFile: (client) => client.retrieve(fileId),
  retrieveFileContent: (client) => client.retrieveContent(fileId),
  deleteFile: (client) => client.delete(fileId, { purpose: PURPOSE }),
};
const ORDER = ["uploadFile", "listFiles", "retrieveFile", "retrieveFileContent", "deleteFile"];

beforeAll(async () => {
  try {
    expect(new Set(ORDER)).toEqual(new Set([...SPEC_OPERATIONS.values()].map((op) => op.operationId))); // a new operation needs its call here
    for (const operation of ORDER) {
      const { client, exchanges } = contractClient(target);
      let error: unknown;
      try {
        const result = await calls[operation]!(client);
        if (operation === "uploadFile") fileId = (result as { file_id: string }).file_id;
      } catch (caught) {
        error = caught;
      }
      outcome.set(operation, { exchange: (await exchanges())[0], error });
    }
  } catch (error) {
    chainFailure = describeError(error);
    throw error;
  }
});

function exchangeOf(operation: string): SandboxExchange {
  const { exchange, error } = outcome.get(operation) ?? {};
  if (!exchange) throw new Error(`${operation}: no exchange reached the target${error ? ` (${String(error)})` : ""}`);
  return exchange;
}

// ---- refusals ----

const AUTH_CODES = new Set([1004, 2049]); // the spec's base_resp codes for a refused key (1004 authentication failed, 2049 invalid API key)

/** Why the response is not a refusal of the credentials (empty when it is one). */
function notRefused(exchange: SandboxExchange): string[] {
  const { status, body } = exchange.response;
  if (status === 401 || status === 403) return [];
  if (status === 200 && body !== undefined) {
    try {
      const code = (JSON.parse(body) as { base_resp?: { status_code?: unknown } }).base_resp?.status_code;
      if (typeof code === "number" && AUTH_CODES.has(code)) return [];
      return [`answered HTTP 200 with base_resp.status_code ${JSON.stringify(code)}, not a refusal (401, 403, or base_resp ${[...AUTH_CODES].join("/")})`];
    } catch {
      // fall through
    }
  }
  return [`answered HTTP ${status}, not a refusal (401, 403, or HTTP 200 + base_resp ${[...AUTH_CODES].join("/")})`];
}

async function authCheck(operation: string, rewrite: (headers: Headers) => void): Promise<string[]> {
  const { client, exchanges } = contractClient(target, { rewrite });
  const error = await calls[operation]!(client).then(
    () => undefined,
    (e: unknown) => e,
  );
  const [exchange] = await exchanges();
  const findings = exchange ? notRefused(exchange) : ["no request reached the target"];
  if (!(error instanceof AuthenticationError)) findings.push(`the client ${error === undefined ? "returned a result" : `raised ${(error as Error).name}: ${(error as Error).message}`} instead of AuthenticationError`);
  return findings;
}

const UNDOCUMENTED_CANDIDATES = ["PUT", "PATCH", "DELETE", "POST", "GET"];

describe.each([...SPEC_OPERATIONS.values()].map((op) => [op.operationId, op] as const))("%s", (operation, op) => {
  for (const name of RESPONSE_CHECKS) {
    const why = notApplicable(op, name);
    if (why) {
      // Shown as "n/a" in the coverage table (with why), not as a test.
      coverage.set(operation, name, { status: "not applicable", notes: [why] });
      continue;
    }
    check(operation, name, () => {
      const exchange = exchangeOf(operation);
      if (name === "not_a_server_error") return exchange.response.status >= 500 ? [`HTTP ${exchange.response.status}${exchange.response.body ? `: ${exchange.response.body.slice(0, 200)}` : ""}`] : [];
      return validateExchange(exchange).filter((f) => f.check === name).map((f) => f.finding);
    });
  }

  check(operation, "client_accepts_response", () => {
    // The chain's call through MiniMaxFiles returned its typed result; otherwise what it raised.
    const result = outcome.get(operation);
    if (!result) return ["the chain made no call for this operation"];
    return result.error === undefined ? [] : [describeError(result.error)];
  });

  check(operation, "request_conformance", () =>
    // What the client sent, judged by the same validator (auth, query parameters, body).
    validateExchange(exchangeOf(operation)).filter((f) => REQUEST_CHECKS.has(f.check)).map((f) => `${f.check}: ${f.finding}`),
  );

  check(operation, "missing_auth_refused", () => authCheck(operation, (headers) => headers.delete("authorization")));

  // The right key under another scheme: Basic is not what the spec's bearerAuth asks for.
  check(operation, "wrong_scheme_auth_refused", () => authCheck(operation, (headers) => headers.set("authorization", `Basic ${Buffer.from(`user:${target.apiKey}`).toString("base64")}`)));

  check(operation, "undocumented_method_405", async () => {
    const documented = new Set([...SPEC_OPERATIONS.values()].filter((o) => o.path === op.path).map((o) => o.method));
    const method = UNDOCUMENTED_CANDIDATES.find((m) => !documented.has(m))!;
    expect(SPEC_PATHS.has(op.path)).toBe(true);
    const response = await fetch(`${target.url}${op.path}`, { method, headers: { authorization: `Bearer ${target.apiKey}` }, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response.status === 405 ? [] : [`${method} ${op.path} answered HTTP ${response.status}, not 405`];
  });
});
