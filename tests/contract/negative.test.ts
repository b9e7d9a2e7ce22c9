// negative_data_rejection, for every operation of the effective spec: invalid requests generated
// from generated/openapi.json by mutation (tests/helpers/negative-cases.ts: a required input left
// out, a value of another type, a value outside an enum, a non-integer int64 id) must each be
// refused by the target and surface from MiniMaxFiles as a BadRequestError (HTTP 400/422, or
// MiniMax's in-band 2013: see src/error-map.ts), never as a result, a parse error or a TypeError.
//
// How a request the client would refuse gets sent: the client checks its arguments before sending
// (a bad purpose or id is a MiniMaxInputError and nothing is sent), and `client.raw` sends anything
// but leaves an in-band refusal (HTTP 200 + base_resp) in `data`, undetected. So each case calls
// the method with valid arguments (BASE_CALLS) on the suite's client, whose `mutate` option
// (tests/helpers/contract.ts) changes the request on its way out: the method's own parsing then
// judges the answer, as it would a real refusal, Authorization and the other headers are the
// client's, and the unchanged control request goes out on the same path as users' requests.
//
// Each case first needs a valid request to mutate, one the target accepts ("control", run per
// operation): otherwise a refusal could be of the base request rather than the mutation. Every
// mutated request must be one the validator (src/sandbox/validator/) judges a request violation,
// and the refusal is validated as usual except for what a refusal cannot help: an HTTP error
// status the spec does not document (it documents 200 only), or, in-band, a JSON answer where the
// spec documents only the file's bytes (retrieve_content).
import spec from "../../generated/openapi.json";
import { DELETE_PURPOSES } from "../../generated/constants";
import { BadRequestError, type DeletePurpose } from "../../src";
import { documentsJson, SPEC_OPERATIONS, type SandboxExchange, type SandboxFinding } from "../../src/sandbox/validator";
import {
  CellTracker,
  contractClient,
  contractTarget,
  describeError,
  expectConforming,
  validateExchange,
  type Settle,
} from "../helpers/contract";
import { applyCase, BASE_CALLS, BASE_FILE, BASE_PURPOSE, negativeCases } from "../helpers/negative-cases";
import { UploadTracker } from "../helpers/uploads";

const target = contractTarget();
const CHECK = "negative_data_rejection";
const generated = negativeCases(spec);
const cases = new Map(generated.map((op) => [op.operation, op.cases.length]));
const cells = new CellTracker(target, [CHECK], { name: "negative", rank: 20 }, (operation, _check, tests) => [
  `${cases.get(operation) ?? tests - 1} generated invalid requests refused (and the valid one accepted)`,
]);

// ---- cleanup: every file uploaded here is deleted afterwards, whatever happened ----

const uploads = new UploadTracker(target);
afterAll(() => uploads.deleteAll());

async function uploadBase(): Promise<string> {
  const { client } = contractClient(target);
  return uploads.add(
    await client.upload({ file: BASE_FILE.bytes, filename: BASE_FILE.filename, purpose: BASE_PURPOSE }),
  ).file_id;
}

/** Remembers what a call the target accepted did to the account: a stored upload, or a delete. */
function track(operation: string, fileId: string, result: unknown): void {
  if (operation === "deleteFile") {
    uploads.deleted(fileId); // the target answered: deleted
    return;
  }
  if (result && typeof result === "object" && "file_id" in result && "purpose" in result)
    uploads.add({
      file_id: String(result.file_id),
      purpose: (DELETE_PURPOSES as readonly unknown[]).includes(result.purpose)
        ? (result.purpose as DeletePurpose)
        : BASE_PURPOSE,
    });
}

const excerpt = (text: string | undefined, max = 300) =>
  text === undefined ? "" : text.length > max ? `${text.slice(0, max)}…` : text;

/** What was sent, without its headers (they carry the key). */
function sent(exchange: SandboxExchange): string {
  const { method, path, query, body, form } = exchange.request;
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([name, values]) => values.map((v) => [name, v])),
  ).toString();
  const payload = form ? ` multipart ${JSON.stringify(form)}` : body !== undefined ? ` ${excerpt(body, 200)}` : "";
  return `${method} ${path}${search ? `?${search}` : ""}${payload}`;
}
const answered = (exchange: SandboxExchange) =>
  `HTTP ${exchange.response.status}${exchange.response.body ? ` ${excerpt(exchange.response.body)}` : ` (${exchange.response.bytes} bytes)`}`;

/** The findings a refusal cannot help (see the header): everything else must conform. */
function expectedOfRefusal(finding: SandboxFinding, exchange: SandboxExchange): boolean {
  if (finding.check.startsWith("request_")) return true; // the mutation itself
  const status = exchange.response.status;
  if (status >= 400 && status < 500) return finding.check === "status_code_conformance";
  const op = [...SPEC_OPERATIONS.values()].find((o) => o.operationId === exchange.operation);
  return finding.check === "content_type_conformance" && !(op && documentsJson(op, status));
}

// ---- the checks ----

let sharedId: Promise<string> | undefined;
/** The file a case's base call names: one shared file, or a file of its own for a call that deletes it. */
const fileFor = (operation: string): Promise<string> =>
  BASE_CALLS[operation]?.consumesFile ? uploadBase() : (sharedId ??= uploadBase());

for (const op of generated) {
  const operation = op.operation;
  if (op.notApplicable) {
    cells.notApplicable(operation, CHECK, op.notApplicable);
    continue;
  }
  const base = BASE_CALLS[operation];
  /** One test's verdict on its operation's cell: its problems, each prefixed with the test's title. */
  const verdict = (settle: Settle, title: string, problems: string[]) =>
    settle(operation, CHECK, problems.length ? [`${title}: ${problems.join("; ")}`] : []);

  cells.describe(`${CHECK} ${operation}`, () => {
    cells.it("control: the valid request the cases mutate is accepted", [[operation, CHECK]], async (settle) => {
      const title = `${operation} control`;
      if (!base)
        return verdict(settle, title, [
          `no valid call for ${operation} in BASE_CALLS (tests/helpers/negative-cases.ts): a new operation needs one`,
        ]);
      const problems: string[] = [];
      try {
        const fileId = await fileFor(operation);
        const made = contractClient(target);
        await base.call(made.client, fileId).then(
          (value) => track(operation, fileId, value),
          (error: unknown) => void problems.push(`the target refused the valid request: ${describeError(error, 300)}`),
        );
        const exchanges = await made.exchanges();
        expectConforming(exchanges);
        if (target.kind === "prism")
          for (const ex of exchanges)
            if (ex.response.headers["sl-violations"] !== undefined)
              problems.push(`Prism reports ${String(ex.response.headers["sl-violations"])}`);
      } catch (error) {
        problems.push(describeError(error, 300));
      }
      verdict(settle, title, problems);
    });

    for (const c of op.cases) {
      cells.it(c.title, [[operation, CHECK]], async (settle) => {
        const title = c.title;
        const problems: string[] = [];
        if (!base) return verdict(settle, title, [`no valid call for ${operation} in BASE_CALLS`]);
        const fileId = await fileFor(operation).catch((error: unknown) => {
          problems.push(`the file the base request names could not be uploaded: ${describeError(error, 300)}`);
          return undefined;
        });
        if (fileId === undefined) return verdict(settle, title, problems);
        // The mutation is applied by the suite's client on the request's way out, after the client's checks.
        const { client, exchanges } = contractClient(target, { mutate: (request) => applyCase(request, c) });
        let result: unknown;
        const error = await base.call(client, fileId).then(
          (value) => void (result = value),
          (e: unknown) => e,
        );
        const [exchange, ...more] = await exchanges();
        if (!exchange) return verdict(settle, title, [`nothing reached the target: ${describeError(error, 300)}`]);
        if (more.length > 0) problems.push(`${more.length + 1} requests for one call`);
        // What an accepted call did to the account (a stored upload, a deleted file) is tracked for the cleanup.
        if (error === undefined) track(operation, fileId, result);

        const findings = validateExchange(exchange);
        if (!findings.some((f) => f.check === "request_parameters" || f.check === "request_body"))
          problems.push(
            `the mutated request breaks nothing the validator checks (${c.why}): the case is not an invalid request`,
          );
        if (error === undefined)
          problems.push(
            `the target accepted it and the client returned a result (${excerpt(JSON.stringify(result), 200)})`,
          );
        else if (!(error instanceof BadRequestError))
          problems.push(`the client raised ${describeError(error, 300)}, not a BadRequestError`);
        else if (error.operation !== operation)
          problems.push(`the error names operation ${error.operation}, not ${operation}`);
        const broken = findings.filter((f) => !expectedOfRefusal(f, exchange));
        if (broken.length > 0)
          problems.push(
            `the answer breaks the spec beyond the refusal: ${broken.map((f) => `${f.check}: ${f.finding}`).join("; ")}`,
          );
        if (problems.length > 0) problems.push(`sent ${sent(exchange)}`, `the target answered ${answered(exchange)}`);
        verdict(settle, title, problems);
      });
    }
  });
}
