// Named checks for every operation of the effective spec, against the contract target (Prism by
// default; `npm run contract -- --target <url> [--key <k>]` for another). One chain through the real
// MiniMaxFiles client (upload → list → retrieve → retrieveContent → delete, on the uploaded id) makes
// one exchange per operation; each check below judges that exchange with the sandbox's validator
// (src/sandbox/validator/), and client_accepts_response asks whether the client itself took the
// answer: a body the schema allows can still be one the client refuses (and the schema is only as
// strict as the spec's `required` lists). The auth checks go through the client too (the refusal
// must surface as AuthenticationError); the 405 check is about the server alone and uses fetch.
//
// Every cell (operation × check) is written to the coverage file (tests/helpers/contract.ts
// CellTracker, COVERAGE_FILE), which tests/setup/contract-coverage-reporter.cjs prints at the end of
// the run: a cell is "failed" when its check ran and found something, could not judge, or did not
// finish (a hung chain), "not run" only when its test was filtered out of the run (jest -t).
//
// Every file the chain uploads is deleted afterwards (UploadTracker), also when a check failed.
import { AuthenticationError, MiniMaxAPIError, type MiniMaxFiles } from "../../src";
import { SPEC_OPERATIONS, type SandboxExchange, type SpecOperation } from "../../src/sandbox/validator";
import {
  CellTracker,
  contractClient,
  contractTarget,
  describeError,
  refusedInBand,
  validateExchange,
} from "../helpers/contract";
import { UploadTracker } from "../helpers/uploads";

const target = contractTarget();

const RESPONSE_CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_schema_conformance",
  "response_headers_conformance",
] as const;
const OTHER_CHECKS = [
  "client_accepts_response",
  "request_conformance",
  "missing_auth_refused",
  "wrong_scheme_auth_refused",
  "undocumented_method_405",
] as const;
// Schemathesis' stateful checks, by its names: a made-up key under the right scheme is refused
// (ignored_auth), a deleted file is gone for every operation that names one (use_after_free), and
// an uploaded file can be found where the spec says it is (ensure_resource_availability).
const LIFECYCLE_CHECKS = ["ignored_auth", "use_after_free", "ensure_resource_availability"] as const;
const CHECKS = [...RESPONSE_CHECKS, ...OTHER_CHECKS, ...LIFECYCLE_CHECKS];
const REQUEST_CHECKS = new Set(["request_security", "request_parameters", "request_body"]);

const cells = new CellTracker(target, CHECKS, { name: "operations", rank: 10 });
const uploads = new UploadTracker(target);
afterAll(() => uploads.deleteAll());

/** A test for one cell: a check that throws could not judge, and that is its finding. */
function check(operation: string, name: string, findings: () => string[] | Promise<string[]>): void {
  cells.it(name, [[operation, name]], async (settle) => {
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

const documented200 = (op: SpecOperation) =>
  op.responses["200"] as
    | { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
    | undefined;
function notApplicable(op: SpecOperation, check: string): string | undefined {
  const ok = documented200(op);
  if (check === "response_headers_conformance" && Object.keys(ok?.headers ?? {}).length === 0)
    return "the spec documents no response headers for this operation";
  if (
    check === "response_schema_conformance" &&
    !Object.keys(ok?.content ?? {}).some((media) => media === "application/json" || media.endsWith("+json"))
  )
    return `the documented body is not JSON (${Object.keys(ok?.content ?? {}).join(", ")}): its bytes have no schema to break`;
  return undefined;
}

/** Why a lifecycle check does not apply to this operation on this target (undefined: it does). */
function lifecycleNotApplicable(operation: string, check: string): string | undefined {
  if (target.kind === "prism")
    return check === "ignored_auth"
      ? "Prism checks that a Bearer credential is there, not whether it is valid: any key passes"
      : "Prism is stateless: it answers from the spec's examples, so no call sees what another did";
  if (check === "use_after_free" && !NEEDS_ID.has(operation)) return "the operation names no file";
  if (check === "ensure_resource_availability" && operation !== "uploadFile")
    return "judged on the operation that creates a file (uploadFile): listed under its purpose and retrievable";
  return undefined;
}

// ---- the chain: one exchange per operation ----

const PURPOSE = "t2a_async_input" as const;
const FIXTURE = new TextEncoder().encode("minimax-files contract suite fixture\n");
/**
 * The id the auth checks name when the upload gave none. Their requests carry no valid credential
 * (none, or a made-up one under Basic), so no account's file can be touched by them; the chain
 * itself never names an id it did not get from the upload.
 */
const PROBE_ID = "1";

/** What the chain's call of an operation did, or why it was not made. */
type Outcome = { exchange: SandboxExchange | undefined; error: unknown; result?: unknown } | { skipped: string };
const outcome = new Map<string, Outcome>();
let fileId: string | undefined;

/** Each operation's call on the given client (the same calls for the chain and the auth checks). */
const calls: Record<string, (client: MiniMaxFiles, id: string) => Promise<unknown>> = {
  uploadFile: (client) => client.upload({ file: FIXTURE, filename: "contract-fixture.txt", purpose: PURPOSE }),
  listFiles: (client) => client.list({ purpose: PURPOSE }),
  retrieveFile: (client, id) => client.retrieve(id),
  retrieveFileContent: (client, id) => client.retrieveContent(id),
  deleteFile: (client, id) => client.delete(id, { purpose: PURPOSE }),
};
const ORDER = ["uploadFile", "listFiles", "retrieveFile", "retrieveFileContent", "deleteFile"];
/** The calls that name the uploaded file: without its id they are not made. */
const NEEDS_ID = new Set(["retrieveFile", "retrieveFileContent", "deleteFile"]);

beforeAll(async () => {
  expect(new Set(ORDER)).toEqual(new Set([...SPEC_OPERATIONS.values()].map((op) => op.operationId))); // a new operation needs its call here
  for (const operation of ORDER) {
    if (NEEDS_ID.has(operation) && fileId === undefined) {
      outcome.set(operation, { skipped: "no id: the upload failed, so the chain did not call it" });
      continue;
    }
    const { client, exchanges } = contractClient(target);
    let error: unknown;
    let result: unknown;
    try {
      result = await calls[operation]!(client, fileId ?? PROBE_ID);
      if (operation === "uploadFile") fileId = uploads.add(result as { file_id: string; purpose: string }).file_id;
      if (operation === "deleteFile") uploads.deleted(fileId!);
    } catch (caught) {
      error = caught;
    }
    outcome.set(operation, { exchange: (await exchanges())[0], error, result });
  }
});

/** The chain's exchange for the operation; throws (the check's finding) when there is none. */
function exchangeOf(operation: string): SandboxExchange {
  const made = outcome.get(operation);
  if (!made) throw new Error(`${operation}: the chain made no call for it`);
  if ("skipped" in made) throw new Error(made.skipped);
  if (!made.exchange)
    throw new Error(`no exchange reached the target${made.error ? ` (${describeError(made.error)})` : ""}`);
  return made.exchange;
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
      return [
        `answered HTTP 200 with base_resp.status_code ${JSON.stringify(code)}, not a refusal (401, 403, or base_resp ${[...AUTH_CODES].join("/")})`,
      ];
    } catch {
      // fall through
    }
  }
  return [`answered HTTP ${status}, not a refusal (401, 403, or HTTP 200 + base_resp ${[...AUTH_CODES].join("/")})`];
}

async function authCheck(operation: string, rewrite: (headers: Headers) => void): Promise<string[]> {
  const { client, exchanges } = contractClient(target, { rewrite });
  const error = await calls[operation]!(client, fileId ?? PROBE_ID).then(
    () => undefined,
    (e: unknown) => e,
  );
  const [exchange] = await exchanges();
  const findings = exchange ? notRefused(exchange) : ["no request reached the target"];
  if (!(error instanceof AuthenticationError))
    findings.push(
      `the client ${error === undefined ? "returned a result" : `raised ${(error as Error).name}: ${(error as Error).message}`} instead of AuthenticationError`,
    );
  return findings;
}

/** use_after_free: the operation called again on the file the chain deleted must be refused. */
async function deletedFileRefused(operation: string): Promise<string[]> {
  const deleted = outcome.get("deleteFile");
  if (!deleted || "skipped" in deleted || deleted.error !== undefined || fileId === undefined)
    return ["the chain did not delete its file, so there is no deleted file to ask for"];
  const { client, exchanges } = contractClient(target);
  const error = await calls[operation]!(client, fileId).then(
    () => undefined,
    (e: unknown) => e,
  );
  const [exchange] = await exchanges();
  const findings: string[] = [];
  if (!exchange) findings.push("no request reached the target");
  else if (exchange.response.status !== 404 && !refusedInBand(exchange))
    findings.push(`file ${fileId}, deleted, answered HTTP ${exchange.response.status} without a refusal in base_resp`);
  if (!(error instanceof MiniMaxAPIError))
    findings.push(
      `the client ${error === undefined ? "returned a result for the deleted file" : `raised ${describeError(error)}`} instead of MiniMaxAPIError`,
    );
  return findings;
}

/** ensure_resource_availability: the uploaded file is in the chain's list under its purpose, and retrieve gave it. */
function uploadedFileAvailable(): string[] {
  if (fileId === undefined) return ["the upload gave no file id"];
  const findings: string[] = [];
  const listed = outcome.get("listFiles");
  const files =
    listed && !("skipped" in listed)
      ? (listed.result as { file_id: string; purpose: string }[] | undefined)
      : undefined;
  if (!files) findings.push("the chain's list returned no files");
  else if (!files.some((f) => f.file_id === fileId && f.purpose === PURPOSE))
    findings.push(`file ${fileId} is not in the list of ${PURPOSE} (${files.length} files listed)`);
  const retrieved = outcome.get("retrieveFile");
  const file =
    retrieved && !("skipped" in retrieved) ? (retrieved.result as { file_id: string } | undefined) : undefined;
  if (file?.file_id !== fileId)
    findings.push(`retrieve of file ${fileId} gave ${file ? `file ${file.file_id}` : "no file"}`);
  return findings;
}

const UNDOCUMENTED_CANDIDATES = ["PUT", "PATCH", "DELETE", "POST", "GET"];

for (const op of SPEC_OPERATIONS.values()) {
  const operation = op.operationId;
  cells.describe(operation, () => {
    for (const name of RESPONSE_CHECKS) {
      const why = notApplicable(op, name);
      if (why) {
        // Shown as "n/a" in the coverage table (with why), not as a test.
        cells.notApplicable(operation, name, why);
        continue;
      }
      check(operation, name, () => {
        const exchange = exchangeOf(operation);
        if (name === "not_a_server_error")
          return exchange.response.status >= 500
            ? [
                `HTTP ${exchange.response.status}${exchange.response.body ? `: ${exchange.response.body.slice(0, 200)}` : ""}`,
              ]
            : [];
        return validateExchange(exchange)
          .filter((f) => f.check === name)
          .map((f) => f.finding);
      });
    }

    check(operation, "client_accepts_response", () => {
      // The chain's call through MiniMaxFiles returned its typed result; otherwise what it raised.
      const made = outcome.get(operation);
      if (!made) return ["the chain made no call for this operation"];
      if ("skipped" in made) return [made.skipped];
      return made.error === undefined ? [] : [describeError(made.error)];
    });

    check(operation, "request_conformance", () =>
      // What the client sent, judged by the same validator (auth, query parameters, body).
      validateExchange(exchangeOf(operation))
        .filter((f) => REQUEST_CHECKS.has(f.check))
        .map((f) => `${f.check}: ${f.finding}`),
    );

    check(operation, "missing_auth_refused", () => authCheck(operation, (headers) => headers.delete("authorization")));

    // A credential under another scheme: Basic is not what the spec's bearerAuth asks for. Made up,
    // not the key: the check is about the scheme, and a server that echoes the header (or a log)
    // must not get the key in a form nothing redacts.
    check(operation, "wrong_scheme_auth_refused", () =>
      authCheck(operation, (headers) =>
        headers.set("authorization", `Basic ${Buffer.from("contract-suite:not-a-key").toString("base64")}`),
      ),
    );

    for (const name of LIFECYCLE_CHECKS) {
      const why = lifecycleNotApplicable(operation, name);
      if (why) cells.notApplicable(operation, name, why);
      else if (name === "ignored_auth")
        // Made up, not derived from the key: a server or log that echoes it must not get the key.
        check(operation, name, () =>
          authCheck(operation, (headers) => headers.set("authorization", "Bearer sk-contract-suite-not-a-key-0000")),
        );
      else if (name === "use_after_free") check(operation, name, () => deletedFileRefused(operation));
      else check(operation, name, uploadedFileAvailable);
    }

    check(operation, "undocumented_method_405", async () => {
      const documented = new Set([...SPEC_OPERATIONS.values()].filter((o) => o.path === op.path).map((o) => o.method));
      const method = UNDOCUMENTED_CANDIDATES.find((m) => !documented.has(m))!;
      const response = await fetch(`${target.url}${op.path}`, {
        method,
        headers: { authorization: `Bearer ${target.apiKey}` },
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      return response.status === 405 ? [] : [`${method} ${op.path} answered HTTP ${response.status}, not 405`];
    });
  });
}
