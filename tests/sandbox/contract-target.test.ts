// The contract suite with the sandbox as its target: `npm run contract -- --target <sandbox>` (in a
// child process: scripts/contract.mjs runs Jest on tests/contract) passes against the sandbox as it
// is, and fails against variants that each break the spec in one known way, naming the operation,
// the check and the finding. The child's coverage table goes to a temporary file, read here.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox, type SandboxHooks } from "../../src/sandbox/server";
import { ExchangeValidator } from "../../src/sandbox/validator";
import type { CoverageReport } from "../helpers/contract";

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, "../..");
let folder: string;
beforeAll(async () => {
  folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "contract-target-"));
});
afterAll(async () => {
  await fs.promises.rm(folder, { recursive: true, force: true });
});

/** Runs `npm run contract -- --target <url> --key <key>` (the script itself, no npm) and returns its exit code, output and coverage. */
async function runContract(url: string, key: string, name: string): Promise<{ code: number | null; output: string; coverage: CoverageReport }> {
  const coverageFile = path.join(folder, `${name}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_COVERAGE_FILE: coverageFile, NO_COLOR: "1", FORCE_COLOR: "0" };
  delete env["CONTRACT_TARGET"];
  delete env["CONTRACT_API_KEY"];
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/contract.mjs"), "--target", url, "--key", key], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode)));
  const coverage = JSON.parse(await fs.promises.readFile(coverageFile, "utf8")) as CoverageReport;
  return { code, output, coverage };
}

async function withSandbox<T>(hooks: SandboxHooks, run: (url: string, key: string) => Promise<T>): Promise<T> {
  const sandbox = await createSandbox({}, hooks);
  try {
    return await run(sandbox.url, sandbox.apiKey);
  } finally {
    await sandbox.close();
  }
}

const failedCells = (report: CoverageReport) =>
  Object.entries(report.operations).flatMap(([operation, cells]) => Object.entries(cells).filter(([, cell]) => cell.status === "failed").map(([check, cell]) => ({ operation, check, notes: cell.notes })));

it("passes against the sandbox: every applicable cell passed", async () => {
  const sandbox = await createSandbox();
  try {
    const { code, output, coverage } = await runContract(sandbox.url, sandbox.apiKey, "sandbox");
    expect({ code, failed: failedCells(coverage) }).toEqual({ code: 0, failed: [] });
    expect(coverage).toMatchObject({ target: sandbox.url, kind: "external" });
    expect(output).toMatch(/Contract coverage against http:\/\/127\.0\.0\.1:\d+ \(external\): \d+ passed, 0 failed/);
    // The sandbox's own record, judged by the same validator: no answer to a request with the key broke
    // the spec. (Its in-band refusals of a missing or wrong key are HTTP 200 + JSON base_resp, which the
    // spec does not document for retrieve_content: that is the spec's gap, checked by the auth cells.)
    const withKey = sandbox.exchanges.filter((ex) => ex.request.headers["authorization"] === `Bearer ${sandbox.apiKey}` && ex.operation !== undefined);
    expect(withKey.length).toBeGreaterThan(5);
    const validator = new ExchangeValidator();
    expect(withKey.flatMap((ex) => validator.validate(ex))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});

// Each variant breaks one thing; the suite must fail and name it.
const VARIANTS: { name: string; hooks: SandboxHooks; operation: string; check: string; finding: RegExp }[] = [
  {
    name: "file_id served as a string in the list",
    hooks: { transformResponse: (op, body) => (op === "listFiles" && Array.isArray(body["files"]) ? { ...body, files: body["files"].map((f: Record<string, unknown>) => ({ ...f, file_id: String(f["file_id"]) })) } : body) },
    operation: "listFiles",
    check: "response_schema_conformance",
    // Every file listed is broken, however many the suite uploaded before the list.
    finding: /\/files\/\d+\/file_id must be integer/,
  },
  {
    name: "a non-integer base_resp.status_code on retrieve",
    hooks: { transformResponse: (op, body) => (op === "retrieveFile" ? { ...body, base_resp: { status_code: "0", status_msg: "success" } } : body) },
    operation: "retrieveFile",
    check: "response_schema_conformance",
    finding: /\/base_resp\/status_code must be integer/,
  },
];

it.each(VARIANTS)("fails against a sandbox with $name, naming it", async ({ hooks, operation, check, finding }) => {
  const { code, output, coverage } = await withSandbox(hooks, (url, key) => runContract(url, key, operation));
  expect(code).toBe(1);
  const cell = coverage.operations[operation]?.[check];
  expect(cell?.status).toBe("failed");
  // Each note names the break, and only the break.
  expect(cell?.notes.length).toBeGreaterThan(0);
  for (const note of cell?.notes ?? []) expect(note).toMatch(finding);
  expect(output).toMatch(new RegExp(`${operation} ${check}: ${finding.source}`));
});
