// The contract suite with the sandbox as its target: `npm run contract -- --target <sandbox>` (in a
// child process: scripts/contract.mjs runs Jest on tests/contract) passes against the sandbox as it
// is, and fails against variants that each break the spec in one known way, naming the operation,
// the check and the finding. The child's coverage table goes to a temporary file, read here.
//
// Each child runs in its own process group, killed with everything in it (Jest's workers, anything
// they started) when a test ends, so a test that times out or fails leaves no child Jest behind.
// (A terminal's Ctrl-C does not reach another group; a child whose sandbox went with this process
// then fails its remaining requests at once and ends by itself.)
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox, type SandboxHooks } from "../../src/sandbox/server";
import { ExchangeValidator, type SandboxExchange } from "../../src/sandbox/validator";
import type { CoverageReport } from "../helpers/contract";

jest.setTimeout(180_000);
/** A child still running after this is killed and reported, before Jest's own timeout hits the test. */
const CHILD_LIMIT_MS = 150_000;
/** How long a killed child gets to be reaped before the test moves on. */
const REAP_LIMIT_MS = 5_000;

const ROOT = path.resolve(__dirname, "../..");
// jest's package.json exports no bin path: found from the package file, as scripts/contract.mjs does.
const jestPackage = require.resolve("jest/package.json");
const jestManifest = require(jestPackage) as { bin: string | Record<string, string> };
const jestBin = path.join(path.dirname(jestPackage), typeof jestManifest.bin === "string" ? jestManifest.bin : jestManifest.bin["jest"]!);

let folder: string;
beforeAll(async () => {
  folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "contract-target-"));
});
afterAll(async () => {
  await fs.promises.rm(folder, { recursive: true, force: true });
});

const running = new Set<ChildProcess>();
const ended = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("close", () => resolve())));

/** Kills the child's process group (the child and whatever it started), waiting a bounded time for it to go. */
async function killGroup(child: ChildProcess): Promise<void> {
  running.delete(child);
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // the group is gone already
  }
  await Promise.race([ended(child), new Promise((resolve) => setTimeout(resolve, REAP_LIMIT_MS).unref())]);
}

afterEach(async () => {
  await Promise.all([...running].map(killGroup));
});

/** The environment of a child run: the target comes from the arguments only, never from this run's Prism. */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
  // PRISM_URL is this run's Prism: a child that needed it would otherwise quietly use it.
  for (const name of ["CONTRACT_TARGET", "CONTRACT_API_KEY", "PRISM_URL", "PRISM_PID"]) if (!(name in extra)) delete env[name];
  return env;
}

/** Runs node with these arguments in its own process group; its exit code, output and coverage table. */
async function runChild(args: string[], env: NodeJS.ProcessEnv, coverageFile: string, limitMs = CHILD_LIMIT_MS): Promise<{ code: number | null; output: string; coverage: CoverageReport }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv({ ...env, CONTRACT_COVERAGE_FILE: coverageFile }), stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    new Promise<number | null>((resolve) => child.once("close", (exitCode) => resolve(exitCode))),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the child ran longer than ${limitMs} ms and was killed; its output:\n${output}`)), limitMs))),
  ]).finally(() => {
    clearTimeout(timer);
    return killGroup(child);
  });
  let coverage: CoverageReport;
  try {
    coverage = JSON.parse(await fs.promises.readFile(coverageFile, "utf8")) as CoverageReport;
  } catch (error) {
    throw new Error(`the child (exit code ${code}) wrote no coverage table (${String(error)}); its output:\n${output}`);
  }
  return { code, output, coverage };
}

/** Runs `npm run contract -- --target <url> --key <key>` (the script itself, no npm). */
const runContract = (url: string, key: string, name: string, env: NodeJS.ProcessEnv = {}) =>
  runChild([path.join(ROOT, "scripts/contract.mjs"), "--target", url, "--key", key], env, path.join(folder, `${name}.json`));

async function withSandbox<T>(hooks: SandboxHooks, run: (url: string, key: string) => Promise<T>): Promise<T> {
  const sandbox = await createSandbox({}, hooks);
  try {
    return await run(sandbox.url, sandbox.apiKey);
  } finally {
    await sandbox.close();
  }
}

/** Whether the answer is MiniMax's in-band refusal: HTTP 200 with a base_resp.status_code other than 0. */
function refusedInBand(exchange: SandboxExchange): boolean {
  try {
    const code = (JSON.parse(exchange.response.body ?? "") as { base_resp?: { status_code?: unknown } }).base_resp?.status_code;
    return exchange.response.status === 200 && typeof code === "number" && code !== 0;
  } catch {
    return false;
  }
}

const cellsWith = (report: CoverageReport, status: string) =>
  Object.entries(report.operations).flatMap(([operation, cells]) => Object.entries(cells).filter(([, cell]) => cell.status === status).map(([check, cell]) => ({ operation, check, notes: cell.notes })));

/** Whether a process still runs (a zombie, killed and not yet reaped, does not). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return true; // no /proc: kill(pid, 0) is all there is
  }
}

it("kills a child that outlives its limit, and what it started", async () => {
  const script = `
    const { spawn } = require("node:child_process");
    const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    console.log("pids " + process.pid + " " + grandchild.pid);
    setInterval(() => {}, 1000);`;
  const error = (await runChild(["-e", script], {}, path.join(folder, "never-written.json"), 2_000).catch((e: unknown) => e)) as Error;
  expect(error.message).toMatch(/^the child ran longer than 2000 ms and was killed/);
  const pids = /pids (\d+) (\d+)/.exec(error.message)!.slice(1).map(Number);
  expect(pids).toHaveLength(2);
  // SIGKILL is delivered at once, but a process takes a moment to die: allow it one second.
  for (let waited = 0; waited < 1_000 && pids.some(isRunning); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pids.filter(isRunning)).toEqual([]);
});

it("passes against the sandbox: every applicable cell passed, and the child started no Prism", async () => {
  const sandbox = await createSandbox();
  // Every node process of the child run (the script, Jest, its workers, and a Prism if one were
  // started) loads this first and logs its entry file.
  const processLog = path.join(folder, "processes.log");
  const preload = path.join(folder, "log-process.cjs");
  await fs.promises.writeFile(preload, `require("node:fs").appendFileSync(${JSON.stringify(processLog)}, (process.argv[1] ?? "") + "\\n");\n`);
  try {
    const { code, output, coverage } = await runContract(sandbox.url, sandbox.apiKey, "sandbox", { NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} --require ${JSON.stringify(preload)}`.trim() });
    expect({ code, failed: cellsWith(coverage, "failed"), notRun: cellsWith(coverage, "not run") }).toEqual({ code: 0, failed: [], notRun: [] });
    expect(coverage).toMatchObject({ target: sandbox.url, kind: "external" });
    expect(output).toMatch(/Contract coverage against http:\/\/127\.0\.0\.1:\d+ \(external\): \d+ passed, 0 failed, \d+ not applicable, 0 not run\n/);
    // The sandbox's own record, judged by the same validator: none of its answers broke the spec. An
    // in-band refusal (HTTP 200 + base_resp ≠ 0) of a request the suite broke on purpose is judged as
    // one: what the spec cannot document for it (retrieve_content's bytes) is the request's finding.
    const documented = sandbox.exchanges.filter((ex) => ex.operation !== undefined);
    expect(documented.length).toBeGreaterThan(5);
    const validator = new ExchangeValidator();
    const answerFindings = documented.flatMap((ex) => validator.validate(ex, { refused: refusedInBand(ex) })).filter((finding) => finding.side === "response");
    expect(answerFindings).toEqual([]);
    // The target is external, so Jest's globalSetup started no Prism (tests/setup/global-setup.mjs).
    const entries = (await fs.promises.readFile(processLog, "utf8")).split("\n").filter(Boolean);
    expect(entries.some((entry) => entry.includes(path.join("scripts", "contract.mjs")))).toBe(true);
    expect(entries.filter((entry) => entry.includes("prism-cli"))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});

it("marks the checks a jest -t filter left out as not run, not failed", async () => {
  const sandbox = await createSandbox();
  try {
    const env = { CONTRACT_TARGET: sandbox.url, CONTRACT_API_KEY: sandbox.apiKey };
    const { code, output, coverage } = await runChild([jestBin, "tests/contract/operations.test.ts", "-t", "^listFiles "], env, path.join(folder, "filtered.json"));
    expect({ code, failed: cellsWith(coverage, "failed") }).toEqual({ code: 0, failed: [] });
    const ran = cellsWith(coverage, "passed");
    expect(ran.length).toBeGreaterThan(0);
    expect(new Set(ran.map((cell) => cell.operation))).toEqual(new Set(["listFiles"]));
    const notRun = cellsWith(coverage, "not run");
    expect(new Set(notRun.map((cell) => cell.operation))).toEqual(new Set(["uploadFile", "retrieveFile", "retrieveFileContent", "deleteFile"]));
    expect(output).toMatch(new RegExp(`: ${ran.length} passed, 0 failed, \\d+ not applicable, ${notRun.length} not run\\n`));
    expect(output).toMatch(/\| client_accepts_response +\| not run +\| passed +\| not run +\| not run +\| not run +\|/);
  } finally {
    await sandbox.close();
  }
});

type Body = Record<string, unknown>;
/** What a broken variant must make the suite report: the cell, and a pattern every one of its notes matches. */
interface Expected {
  operation: string;
  check: string;
  finding: RegExp;
}

// Each variant breaks one thing; the suite must fail and name it.
const VARIANTS: { name: string; hooks: SandboxHooks; expected: Expected[] }[] = [
  {
    name: "file_id served as a string in the list",
    hooks: { transformResponse: (op, body) => (op === "listFiles" && Array.isArray(body["files"]) ? { ...body, files: body["files"].map((f: Body) => ({ ...f, file_id: String(f["file_id"]) })) } : body) },
    // Every file listed is broken, however many the suite uploaded before the list.
    expected: [{ operation: "listFiles", check: "response_schema_conformance", finding: /\/files\/\d+\/file_id must be integer/ }],
  },
  {
    name: "a non-integer base_resp.status_code on retrieve",
    hooks: { transformResponse: (op, body) => (op === "retrieveFile" ? { ...body, base_resp: { status_code: "0", status_msg: "success" } } : body) },
    expected: [{ operation: "retrieveFile", check: "response_schema_conformance", finding: /\/base_resp\/status_code must be integer/ }],
  },
  {
    // The client reads a missing base_resp as success: only the spec's `required` (overlay) catches it.
    // Successes only: a refusal without base_resp would break the auth checks too.
    name: "a required field missing: a successful delete answers without base_resp",
    hooks: { transformResponse: (op, body) => (op === "deleteFile" && (body["base_resp"] as Body | undefined)?.["status_code"] === 0 ? Object.fromEntries(Object.entries(body).filter(([key]) => key !== "base_resp")) : body) },
    expected: [{ operation: "deleteFile", check: "response_schema_conformance", finding: /^\/ must have required property 'base_resp'$/ }],
  },
  {
    name: "a required field missing: retrieve's file without created_at",
    hooks: { transformResponse: (op, body) => (op === "retrieveFile" && typeof body["file"] === "object" ? { ...body, file: Object.fromEntries(Object.entries(body["file"] as Body).filter(([key]) => key !== "created_at")) } : body) },
    expected: [
      { operation: "retrieveFile", check: "response_schema_conformance", finding: /^\/file must have required property 'created_at'$/ },
      { operation: "retrieveFile", check: "client_accepts_response", finding: /^MiniMaxResponseError: .*file\.created_at missing/ },
    ],
  },
  {
    name: "an undocumented HTTP 500 on list",
    hooks: { transformHead: (op, head) => (op === "listFiles" ? { ...head, status: 500 } : head) },
    expected: [
      { operation: "listFiles", check: "status_code_conformance", finding: /^HTTP 500 is not a documented response \(documented: 200\)$/ },
      { operation: "listFiles", check: "not_a_server_error", finding: /^HTTP 500\b/ },
    ],
  },
  {
    name: "a download served as text/html",
    hooks: { transformHead: (op, head) => (op === "retrieveFileContent" ? { ...head, headers: { ...head.headers, "content-type": "text/html; charset=utf-8" } } : head) },
    expected: [{ operation: "retrieveFileContent", check: "content_type_conformance", finding: /^Content-Type "text\/html; charset=utf-8" is not documented for HTTP 200 \(documented: application\/octet-stream\)$/ }],
  },
];

it.each(VARIANTS)("fails against a sandbox with $name, naming it", async ({ name, hooks, expected }) => {
  const { code, output, coverage } = await withSandbox(hooks, (url, key) => runContract(url, key, name.replace(/\W+/g, "-")));
  expect(code).toBe(1);
  for (const { operation, check, finding } of expected) {
    const cell = coverage.operations[operation]?.[check];
    expect({ operation, check, status: cell?.status }).toEqual({ operation, check, status: "failed" });
    // Each note names the break, and only the break.
    expect(cell?.notes.length).toBeGreaterThan(0);
    for (const note of cell?.notes ?? []) expect(note).toMatch(finding);
    expect(output).toMatch(new RegExp(`${operation} ${check}: ${finding.source.replace(/^\^/, "").replace(/\$$/, "")}`));
  }
});
