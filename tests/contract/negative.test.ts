// negative_data_rejection, for every operation of the effective spec: invalid requests generated
// from generated/openapi.json by mutation (tests/helpers/negative-cases.ts: a required input left
// out, a value of another type, a value outside an enum, a non-integer int64 id) must each be
// refused by the target and surface from MiniMaxFiles as a BadRequestError (HTTP 400/422, or
// MiniMax's in-band 2013: see src/error-map.ts), never as a result, a parse error or a TypeError.
//
// How a request the client would refuse gets sent: the client checks its arguments before sending
// (a bad purpose or id is a MiniMaxInputError and nothing is sent), and `client.raw` sends anything
// but leaves an in-band refusal (HTTP 200 + base_resp) in `data`, undetected. So each case calls
// the method with valid arguments (BASE_CALLS) and its `fetch` option, the transport, applies the
// mutation to the request on its way out: the method's own parsing then judges the answer, as it
// would a real refusal, and Authorization and the other headers are the client's.
//
// Each case first needs a valid request to mutate, one the target accepts ("control", run per
// operation): otherwise a refusal could be of the base request rather than the mutation. Every
// mutated request must be one the validator (src/sandbox/validator.ts) judges a request violation,
// and the refusal is validated as usual except for what a refusal cannot help: an HTTP error
// status the spec does not document (it documents 200 only), or, in-band, a JSON answer where the
// spec documents only the file's bytes (retrieve_content).
import { createDefaultTransport } from "../../src/node-transport";
import spec from "../../generated/openapi.json";
import { DELETE_PURPOSES } from "../../generated/constants";
import { BadRequestError, MiniMaxFiles, type DeletePurpose } from "../../src";
import { SPEC_OPERATIONS, type SandboxExchange, type SandboxFinding } from "../../src/sandbox/validator";
import { contractClient, contractTarget, CoverageRecorder, expectConforming, recordExchange, validateExchange, type ContractTarget } from "../helpers/contract";
import { applyCase, BASE_CALLS, BASE_FILE, BASE_PURPOSE, negativeCases, type NegativeCase } from "../helpers/negative-cases";

const target = contractTarget();
const CHECK = "negative_data_rejection";
const generated = negativeCases(spec);
const coverage = new CoverageRecorder(target, [CHECK], { name: "negative", rank: 20 });

// ---- cleanup: every file uploaded here is deleted afterwards, whatever happened ----

const uploaded = new Map<string, DeletePurpose>(); // file id → purpose
afterAll(async () => {
  const { client } = contractClient(target);
  for (const [id, purpose] of uploaded) await client.delete(id, { purpose }).catch(() => undefined); // gone already: deleted by a case the target accepted
});

async function uploadBase(): Promise<string> {
  const { client } = contractClient(target);
  const file = await client.upload({ file: BASE_FILE.bytes, filename: BASE_FILE.filename, purpose: BASE_PURPOSE });
  uploaded.set(file.file_id, BASE_PURPOSE);
  return file.file_id;
}

// ---- the coverage cells: one per operation ----

const outcomes = new Map<string, { failures: string[]; ran: number; expected: number }>();
afterAll(() => {
  for (const op of generated) {
    if (op.notApplicable) {
      coverage.set(op.operation, CHECK, { status: "not applicable", notes: [op.notApplicable] });
      continue;
    }
    const outcome = outcomes.get(op.operation);
    if (!outcome || outcome.ran === 0) coverage.set(op.operation, CHECK, { status: "not run", notes: ["its tests were filtered out of this run (jest -t)"] });
    else if (outcome.failures.length > 0) coverage.set(op.operation, CHECK, { status: "failed", notes: outcome.failures });
    else if (outcome.ran < outcome.expected) coverage.set(op.operation, CHECK, { status: "not run", notes: [`${outcome.expected - outcome.ran} of its ${outcome.expected} tests were filtered out of this run (jest -t)`] });
    else coverage.set(op.operation, CHECK, { status: "passed", notes: [`${outcome.expected - 1} generated invalid requests refused (and the valid one accepted)`] });
  }
  coverage.write();
});

/** Records one test's verdict for its operation's cell, then fails the test with the problems. */
function settle(operation: string, title: string, problems: string[]): void {
  const outcome = outcomes.get(operation)!;
  outcome.ran += 1;
  if (problems.length === 0) return;
  outcome.failures.push(`${title}: ${problems.join("; ")}`);
  throw new Error(`${title}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

// ---- one call, with or without a mutation ----

/** MiniMaxFiles on the target whose transport applies `mutation` to the request, recording what was really sent. */
function mutatingClient(on: ContractTarget, mutation: NegativeCase | undefined) {
  const pending: Promise<SandboxExchange>[] = [];
  const client = new MiniMaxFiles({
    apiKey: on.apiKey,
    baseUrl: on.url,
    maxRetries: 0,
    fetch: async (original) => {
      const request = mutation ? await applyCase(original, mutation) : original;
      const copy = request.clone();
      // The client's own transport (what users run), not globalThis.fetch.
      const response = await createDefaultTransport()(request);
      pending.push(recordExchange(on.url, copy, response.clone()));
      return response;
    },
  });
  return { client, exchanges: () => Promise.all(pending) };
}

const redacted = (text: string) => text.split(target.apiKey).join("[REDACTED]");
const excerpt = (text: string | undefined, max = 300) => (text === undefined ? "" : redacted(text.length > max ? `${text.slice(0, max)}…` : text));
const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${excerpt(error.message)}` : excerpt(String(error)));

/** What was sent, without its headers (they carry the key). */
function sent(exchange: SandboxExchange): string {
  const { method, path, query, body, form } = exchange.request;
  const search = new URLSearchParams(Object.entries(query).flatMap(([name, values]) => values.map((v) => [name, v]))).toString();
  const payload = form ? ` multipart ${JSON.stringify(form)}` : body !== undefined ? ` ${excerpt(body, 200)}` : "";
  return `${method} ${path}${search ? `?${search}` : ""}${payload}`;
}
const answered = (exchange: SandboxExchange) => `HTTP ${exchange.response.status}${exchange.response.body ? ` ${excerpt(exchange.response.body)}` : ` (${exchange.response.bytes} bytes)`}`;

/** The findings a refusal cannot help (see the header): everything else must conform. */
function expectedOfRefusal(finding: SandboxFinding, exchange: SandboxExchange): boolean {
  if (finding.check.startsWith("request_")) return true; // the mutation itself
  const status = exchange.response.status;
  if (status >= 400 && status < 500) return finding.check === "status_code_conformance";
  return finding.check === "content_type_conformance" && !documentsJson(exchange.operation, status);
}
function documentsJson(operation: string | undefined, status: number): boolean {
  const op = [...SPEC_OPERATIONS.values()].find((o) => o.operationId === operation);
  const documented = op?.responses[String(status)];
  const content = typeof documented === "object" && documented !== null && "content" in documented ? (documented.content as Record<string, unknown>) : {};
  return Object.keys(content).some((media) => media === "application/json" || media.endsWith("+json"));
}

// ---- the checks ----

let sharedId: Promise<string> | undefined;
/** The file a case's base call names: one shared file, or a file of its own for a call that deletes it. */
const fileFor = (operation: string): Promise<string> => (BASE_CALLS[operation]?.consumesFile ? uploadBase() : (sharedId ??= uploadBase()));

describe.each(generated.filter((op) => !op.notApplicable).map((op) => [op.operation, op] as const))(`${CHECK} %s`, (operation, op) => {
  outcomes.set(operation, { failures: [], ran: 0, expected: op.cases.length + 1 });
  const base = BASE_CALLS[operation];

  it("control: the valid request the cases mutate is accepted", async () => {
    if (!base) return settle(operation, `${operation} control`, [`no valid call for ${operation} in BASE_CALLS (tests/helpers/negative-cases.ts): a new operation needs one`]);
    const problems: string[] = [];
    let exchanges: SandboxExchange[] = [];
    try {
      const fileId = await fileFor(operation);
      const made = mutatingClient(target, undefined);
      const result = await base.call(made.client, fileId).catch((error: unknown) => {
        problems.push(`the target refused the valid request: ${describeError(error)}`);
      });
      exchanges = await made.exchanges();
      if (operation === "uploadFile" && result && typeof result === "object" && "file_id" in result) uploaded.set(String(result.file_id), BASE_PURPOSE);
      expectConforming(exchanges);
      if (target.kind === "prism") for (const ex of exchanges) if (ex.response.headers["sl-violations"] !== undefined) problems.push(`Prism reports ${String(ex.response.headers["sl-violations"])}`);
    } catch (error) {
      problems.push(describeError(error));
    }
    settle(operation, `${operation} control`, problems);
  });

  it.each(op.cases.map((c) => [c.title, c] as const))("%s", async (title, c) => {
    const problems: string[] = [];
    if (!base) return settle(operation, title, [`no valid call for ${operation} in BASE_CALLS`]);
    const fileId = await fileFor(operation).catch((error: unknown) => {
      problems.push(`the file the base request names could not be uploaded: ${describeError(error)}`);
      return undefined;
    });
    if (fileId === undefined) return settle(operation, title, problems);
    const { client, exchanges } = mutatingClient(target, c);
    let result: unknown;
    const error = await base.call(client, fileId).then(
      (value) => void (result = value),
      (e: unknown) => e,
    );
    const [exchange, ...more] = await exchanges();
    if (!exchange) return settle(operation, title, [`nothing reached the target: ${describeError(error)}`]);
    if (more.length > 0) problems.push(`${more.length + 1} requests for one call`);
    // A stored file (an upload the target accepted) is deleted afterwards.
    if (result && typeof result === "object" && "file_id" in result && "purpose" in result)
      uploaded.set(String(result.file_id), (DELETE_PURPOSES as readonly unknown[]).includes(result.purpose) ? (result.purpose as DeletePurpose) : BASE_PURPOSE);

    const findings = validateExchange(exchange);
    if (!findings.some((f) => f.check === "request_parameters" || f.check === "request_body")) problems.push(`the mutated request breaks nothing the validator checks (${c.why}): the case is not an invalid request`);
    if (error === undefined) problems.push(`the target accepted it and the client returned a result (${excerpt(JSON.stringify(result), 200)})`);
    else if (!(error instanceof BadRequestError)) problems.push(`the client raised ${describeError(error)}, not a BadRequestError`);
    else if (error.operation !== operation) problems.push(`the error names operation ${error.operation}, not ${operation}`);
    const broken = findings.filter((f) => !expectedOfRefusal(f, exchange));
    if (broken.length > 0) problems.push(`the answer breaks the spec beyond the refusal: ${broken.map((f) => `${f.check}: ${f.finding}`).join("; ")}`);
    if (problems.length > 0) problems.push(`sent ${sent(exchange)}`, `the target answered ${answered(exchange)}`);
    settle(operation, title, problems);
  });
});
