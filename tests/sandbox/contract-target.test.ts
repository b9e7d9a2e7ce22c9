// The contract suite with the sandbox as its target: `npm run contract -- --target <sandbox>` (in a
// child process: scripts/contract.mjs runs Jest on tests/contract) passes against the sandbox as it
// is, and fails against variants that each break the spec in one known way, naming the operation,
// the check and the finding. The child's coverage table goes to a temporary file, read here. Also
// here: what the coverage table shows for a server that never answers, that the key stays out of
// the table and the output when a server echoes it, and that the script refuses MiniMax's hosts.
//
// Children run through tests/helpers/child.ts: each in its own process group, killed with
// everything in it when it outlives its limit or the test ends.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createSandbox, type SandboxHooks } from "../../src/sandbox/server";
import { ExchangeValidator, SPEC_OPERATIONS } from "../../src/sandbox/validator";
import { childEnv, isRunning, JEST_BIN, killChildren, ROOT, runChild } from "../helpers/child";
import { refusedInBand, secretForms, type CoverageReport } from "../helpers/contract";

jest.setTimeout(180_000);
/** A child still running after this is killed and reported, before Jest's own timeout hits the test. */
const CHILD_LIMIT_MS = 150_000;

let folder: string;
beforeAll(async () => {
  folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "contract-target-"));
});
afterAll(async () => {
  await fs.promises.rm(folder, { recursive: true, force: true });
});
afterEach(killChildren);

/** Runs node with these arguments (tests/helpers/child.ts); its exit code, output and coverage table. */
async function runWithCoverage(
  args: string[],
  env: NodeJS.ProcessEnv,
  coverageFile: string,
  limitMs = CHILD_LIMIT_MS,
): Promise<{ code: number | null; output: string; coverage: CoverageReport }> {
  const { code, output } = await runChild(args, {
    env: childEnv({ ...env, CONTRACT_COVERAGE_FILE: coverageFile }),
    limitMs,
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
  runWithCoverage(
    [path.join(ROOT, "scripts/contract.mjs"), "--target", url, "--key", key],
    env,
    path.join(folder, `${name}.json`),
  );

async function withSandbox<T>(hooks: SandboxHooks, run: (url: string, key: string) => Promise<T>): Promise<T> {
  const sandbox = await createSandbox({}, hooks);
  try {
    return await run(sandbox.url, sandbox.apiKey);
  } finally {
    await sandbox.close();
  }
}

/** A server on 127.0.0.1 that answers each request with `answer` (or never, if it does not end the response). */
async function serve(
  answer: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cellsWith = (report: CoverageReport, status: string) =>
  Object.entries(report.operations).flatMap(([operation, cells]) =>
    Object.entries(cells)
      .filter(([, cell]) => cell.status === status)
      .map(([check, cell]) => ({ operation, check, notes: cell.notes })),
  );

it("kills a child that outlives its limit, and what it started", async () => {
  const script = `
    const { spawn } = require("node:child_process");
    const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    console.log("pids " + process.pid + " " + grandchild.pid);
    setInterval(() => {}, 1000);`;
  const error = (await runChild(["-e", script], { env: childEnv({}), limitMs: 2_000 }).catch(
    (e: unknown) => e,
  )) as Error;
  expect(error.message).toMatch(/^the child ran longer than 2000 ms and was killed/);
  const pids = /pids (\d+) (\d+)/.exec(error.message)!.slice(1).map(Number);
  expect(pids).toHaveLength(2);
  // SIGKILL is delivered at once, but a process takes a moment to die: allow it one second.
  for (let waited = 0; waited < 1_000 && pids.some(isRunning); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pids.filter(isRunning)).toEqual([]);
});

it("names, and kills, what a child left running when it exited", async () => {
  const script = `
    const { spawn } = require("node:child_process");
    const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    console.log("grandchild " + grandchild.pid);
    grandchild.unref();`;
  const run = await runChild(["-e", script], { env: childEnv({}), limitMs: 10_000 });
  const grandchild = Number(/grandchild (\d+)/.exec(run.output)![1]);
  expect({ code: run.code, leftBehind: run.leftBehind }).toEqual({ code: 0, leftBehind: [grandchild] });
  for (let waited = 0; waited < 1_000 && isRunning(grandchild); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(isRunning(grandchild)).toBe(false);
});

it("refuses MiniMax's own API and points to npm run test:live, running nothing", async () => {
  for (const target of ["https://api.minimax.io", "https://API.minimaxi.com/"]) {
    const coverageFile = path.join(folder, "refused.json");
    const run = await runChild([path.join(ROOT, "scripts/contract.mjs"), "--target", target], {
      env: childEnv({ MINIMAX_API_KEY: "sk-must-not-be-used-0123456789", CONTRACT_COVERAGE_FILE: coverageFile }),
      limitMs: 30_000,
    });
    expect({ code: run.code, output: run.output }).toEqual({
      code: 2,
      output: expect.stringMatching(
        new RegExp(
          `^contract: ${target.replace(/[.]/g, "\\.")} is MiniMax's API: run MINIMAX_API_KEY=… npm run test:live`,
        ),
      ),
    });
    expect(run.output).not.toContain("sk-must-not-be-used");
    expect(fs.existsSync(coverageFile)).toBe(false);
  }
});

it("passes against the sandbox: every applicable cell passed, the child started no Prism and sent no MINIMAX_API_KEY", async () => {
  const sandbox = await createSandbox();
  // In the environment, as a user with a MiniMax key has it: the script must not pass it on.
  const minimaxKey = `sk-minimax-${randomBytes(16).toString("hex")}`;
  // Every node process of the child run (the script, Jest, its workers, and a Prism if one were
  // started) loads this first and logs its entry file.
  const processLog = path.join(folder, "processes.log");
  const preload = path.join(folder, "log-process.cjs");
  await fs.promises.writeFile(
    preload,
    `require("node:fs").appendFileSync(${JSON.stringify(processLog)}, (process.argv[1] ?? "") + "\\n");\n`,
  );
  try {
    const { code, output, coverage } = await runContract(sandbox.url, sandbox.apiKey, "sandbox", {
      MINIMAX_API_KEY: minimaxKey,
      NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} --require ${JSON.stringify(preload)}`.trim(),
    });
    expect({ code, failed: cellsWith(coverage, "failed"), notRun: cellsWith(coverage, "not run") }).toEqual({
      code: 0,
      failed: [],
      notRun: [],
    });
    expect(coverage).toMatchObject({ target: sandbox.url, kind: "external" });
    expect(output).toMatch(
      /Contract coverage against http:\/\/127\.0\.0\.1:\d+ \(external\): \d+ passed, 0 failed, \d+ not applicable, 0 not run\n/,
    );
    // The sandbox's own record, judged by the same validator: none of its answers broke the spec. An
    // in-band refusal (HTTP 200 + base_resp ≠ 0) of a request the suite broke on purpose is judged as
    // one: what the spec cannot document for it (retrieve_content's bytes) is the request's finding.
    const documented = sandbox.exchanges.filter((ex) => ex.operation !== undefined);
    expect(documented.length).toBeGreaterThan(5);
    const validator = new ExchangeValidator();
    const answerFindings = documented
      .flatMap((ex) => validator.validate(ex, { refused: refusedInBand(ex) }))
      .filter((finding) => finding.side === "response");
    expect(answerFindings).toEqual([]);
    // The target is external, so Jest's globalSetup started no Prism (tests/setup/global-setup.mjs).
    const entries = (await fs.promises.readFile(processLog, "utf8")).split("\n").filter(Boolean);
    expect(entries.some((entry) => entry.includes(path.join("scripts", "contract.mjs")))).toBe(true);
    expect(entries.filter((entry) => entry.includes("prism-cli"))).toEqual([]);
    expect(sandbox.exchanges.filter((ex) => JSON.stringify(ex.request).includes(minimaxKey))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});

it("marks the checks a jest -t filter left out as not run, not failed", async () => {
  const sandbox = await createSandbox();
  try {
    const env = { CONTRACT_TARGET: sandbox.url, CONTRACT_API_KEY: sandbox.apiKey };
    const { code, output, coverage } = await runWithCoverage(
      [JEST_BIN, "tests/contract/operations.test.ts", "-t", "^listFiles "],
      env,
      path.join(folder, "filtered.json"),
    );
    expect({ code, failed: cellsWith(coverage, "failed") }).toEqual({ code: 0, failed: [] });
    const ran = cellsWith(coverage, "passed");
    expect(ran.length).toBeGreaterThan(0);
    expect(new Set(ran.map((cell) => cell.operation))).toEqual(new Set(["listFiles"]));
    const notRun = cellsWith(coverage, "not run");
    expect(new Set(notRun.map((cell) => cell.operation))).toEqual(
      new Set(["uploadFile", "retrieveFile", "retrieveFileContent", "deleteFile"]),
    );
    expect(output).toMatch(
      new RegExp(`: ${ran.length} passed, 0 failed, \\d+ not applicable, ${notRun.length} not run\\n`),
    );
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
    hooks: {
      transformResponse: (op, body) =>
        op === "listFiles" && Array.isArray(body["files"])
          ? { ...body, files: body["files"].map((f: Body) => ({ ...f, file_id: String(f["file_id"]) })) }
          : body,
    },
    // Every file listed is broken, however many the suite uploaded before the list.
    expected: [
      {
        operation: "listFiles",
        check: "response_schema_conformance",
        finding: /\/files\/\d+\/file_id must be integer/,
      },
    ],
  },
  {
    name: "a non-integer base_resp.status_code on retrieve",
    hooks: {
      transformResponse: (op, body) =>
        op === "retrieveFile" ? { ...body, base_resp: { status_code: "0", status_msg: "success" } } : body,
    },
    expected: [
      {
        operation: "retrieveFile",
        check: "response_schema_conformance",
        finding: /\/base_resp\/status_code must be integer/,
      },
    ],
  },
  {
    // The client reads a missing base_resp as success: only the spec's `required` (overlay) catches it.
    // Successes only: a refusal without base_resp would break the auth checks too.
    name: "a required field missing: a successful delete answers without base_resp",
    hooks: {
      transformResponse: (op, body) =>
        op === "deleteFile" && (body["base_resp"] as Body | undefined)?.["status_code"] === 0
          ? Object.fromEntries(Object.entries(body).filter(([key]) => key !== "base_resp"))
          : body,
    },
    expected: [
      {
        operation: "deleteFile",
        check: "response_schema_conformance",
        finding: /^\/ must have required property 'base_resp'$/,
      },
    ],
  },
  {
    name: "a required field missing: retrieve's file without created_at",
    hooks: {
      transformResponse: (op, body) =>
        op === "retrieveFile" && typeof body["file"] === "object"
          ? {
              ...body,
              file: Object.fromEntries(Object.entries(body["file"] as Body).filter(([key]) => key !== "created_at")),
            }
          : body,
    },
    expected: [
      {
        operation: "retrieveFile",
        check: "response_schema_conformance",
        finding: /^\/file must have required property 'created_at'$/,
      },
      {
        operation: "retrieveFile",
        check: "client_accepts_response",
        finding: /^MiniMaxResponseError: .*file\.created_at missing/,
      },
    ],
  },
  {
    name: "an undocumented HTTP 500 on list",
    hooks: { transformHead: (op, head) => (op === "listFiles" ? { ...head, status: 500 } : head) },
    expected: [
      {
        operation: "listFiles",
        check: "status_code_conformance",
        finding: /^HTTP 500 is not a documented response \(documented: 200\)$/,
      },
      { operation: "listFiles", check: "not_a_server_error", finding: /^HTTP 500\b/ },
    ],
  },
  {
    name: "a download served as text/html",
    hooks: {
      transformHead: (op, head) =>
        op === "retrieveFileContent"
          ? { ...head, headers: { ...head.headers, "content-type": "text/html; charset=utf-8" } }
          : head,
    },
    expected: [
      {
        operation: "retrieveFileContent",
        check: "content_type_conformance",
        finding:
          /^Content-Type "text\/html; charset=utf-8" is not documented for HTTP 200 \(documented: application\/octet-stream\)$/,
      },
    ],
  },
  // The lifecycle checks (Schemathesis' names), each against the one break it is for.
  {
    name: "a deleted file still served (use_after_free)",
    hooks: {
      transformResponse: (op, body) =>
        op === "retrieveFile" && /not found/.test(String((body["base_resp"] as Body | undefined)?.["status_msg"]))
          ? {
              file: { file_id: 1, bytes: 1, created_at: 1700000000, filename: "ghost.txt", purpose: "t2a_async_input" },
              base_resp: { status_code: 0, status_msg: "success" },
            }
          : body,
    },
    expected: [
      {
        operation: "retrieveFile",
        check: "use_after_free",
        finding:
          /^(file \d+, deleted, answered HTTP 200 without a refusal in base_resp|the client (returned a result for the deleted file|raised .*) instead of MiniMaxAPIError)$/,
      },
    ],
  },
  {
    name: "a made-up key taken on list (ignored_auth)",
    hooks: {
      transformResponse: (op, body) =>
        op === "listFiles" && (body["base_resp"] as Body | undefined)?.["status_code"] !== 0
          ? { files: [], base_resp: { status_code: 0, status_msg: "success" } }
          : body,
    },
    expected: [
      {
        operation: "listFiles",
        check: "ignored_auth",
        finding:
          /^(answered HTTP 200 with base_resp\.status_code 0, not a refusal .*|the client returned a result instead of AuthenticationError)$/,
      },
    ],
  },
  {
    name: "an upload that never shows in the list (ensure_resource_availability)",
    hooks: {
      transformResponse: (op, body) =>
        op === "listFiles" && Array.isArray(body["files"]) ? { ...body, files: [] } : body,
    },
    expected: [
      {
        operation: "uploadFile",
        check: "ensure_resource_availability",
        finding: /^file \d+ is not in the list of t2a_async_input \(0 files listed\)$/,
      },
    ],
  },
];

/** The run failed, and each expected cell is failed with notes that all name the break (and only it), in the output too. */
function expectCaught(
  run: { code: number | null; output: string; coverage: CoverageReport },
  expected: readonly { operation: string; check: string; finding: RegExp }[],
): void {
  expect(run.code).toBe(1);
  for (const { operation, check, finding } of expected) {
    const cell = run.coverage.operations[operation]?.[check];
    expect({ operation, check, status: cell?.status }).toEqual({ operation, check, status: "failed" });
    expect(cell?.notes.length).toBeGreaterThan(0);
    for (const note of cell?.notes ?? []) expect(note).toMatch(finding);
    expect(run.output).toMatch(
      new RegExp(`${operation} ${check}: ${finding.source.replace(/^\^/, "").replace(/\$$/, "")}`),
    );
  }
}

it.each(VARIANTS)("fails against a sandbox with $name, naming it", async ({ name, hooks, expected }) => {
  const { code, output, coverage } = await withSandbox(hooks, (url, key) =>
    runContract(url, key, name.replace(/\W+/g, "-")),
  );
  expectCaught({ code, output, coverage }, expected);
});

// ---- the live-only checks' failures (live-assumptions.test.ts), against a stand-in ----

/** Ids the variant's sandbox stored under video_understanding (a delete answer names only the id). */
const videoIds = new Set<string>();
const REFUSED = { base_resp: { status_code: 2013, status_msg: "invalid params, purpose" } };
const LIVE_VARIANTS: { name: string; hooks: SandboxHooks; expected: Expected[]; output?: RegExp }[] = [
  {
    name: "list and delete refuse video_understanding",
    hooks: {
      transformResponse: (op, body) => {
        const file = body["file"] as Body | undefined;
        if (op === "uploadFile" && file?.["purpose"] === "video_understanding") videoIds.add(String(file["file_id"]));
        // The sandbox lists one purpose at a time: a list holding such a file is a list of that purpose.
        if (
          op === "listFiles" &&
          Array.isArray(body["files"]) &&
          body["files"].some((f: Body) => f["purpose"] === "video_understanding")
        )
          return REFUSED;
        if (op === "deleteFile" && videoIds.has(String(body["file_id"]))) return REFUSED;
        return body;
      },
    },
    expected: [
      {
        operation: "listFiles",
        check: "video_understanding_purpose",
        finding:
          /^refused: BadRequestError: .*; if MiniMax refuses it, drop video_understanding from list's purposes in openapi\/overlay\.yaml$/,
      },
      {
        operation: "deleteFile",
        check: "video_understanding_purpose",
        finding:
          /^refused: BadRequestError: .*; if MiniMax refuses it, drop video_understanding from delete's purposes in openapi\/overlay\.yaml \(MiniMax keeps video_understanding files up to 7 days, openapi\/reference-notes\.md §5\)$/,
      },
    ],
    // What a refused delete leaves is reported by the cleanup, not dropped.
    output:
      /could not delete the files this test file uploaded to http:\/\/127\.0\.0\.1:\d+:\n\s+- \d+ \(video_understanding\): /,
  },
  {
    name: "a download served as audio/mpeg",
    hooks: {
      transformHead: (op, head) =>
        op === "retrieveFileContent" ? { ...head, headers: { ...head.headers, "content-type": "audio/mpeg" } } : head,
    },
    expected: [
      {
        operation: "retrieveFileContent",
        check: "download_media_type",
        finding:
          /^contract-fixture\.(txt|mp4) \((t2a_async_input|video_understanding)\) is served as "audio\/mpeg", not application\/octet-stream: correct retrieve_content's media type in openapi\/overlay\.yaml$/,
      },
    ],
  },
];

it.each(LIVE_VARIANTS)(
  "fails the live-only check against a stand-in where $name, saying which overlay action to change",
  async ({ name, hooks, expected, output: more }) => {
    videoIds.clear();
    const { code, output, coverage } = await withSandbox(hooks, (url, key) =>
      runWithCoverage(
        [JEST_BIN, "tests/contract/live-assumptions.test.ts"],
        { CONTRACT_TARGET: url, CONTRACT_API_KEY: key, CONTRACT_LIVE: "1" },
        path.join(folder, `live-${name.replace(/\W+/g, "-")}.json`),
      ),
    );
    expectCaught({ code, output, coverage }, expected);
    if (more) expect(output).toMatch(more);
  },
);

// ---- what the coverage table says when nothing can be judged ----

it("shows every check of a server that accepts requests and never answers as failed (did not finish), none as not run", async () => {
  const server = await serve(() => undefined);
  try {
    const files = ["operations", "negative", "positive", "prefer", "live-assumptions"].map(
      (name) => `tests/contract/${name}.test.ts`,
    );
    // --forceExit: the requests still waiting for an answer would keep the child's Jest alive.
    const { code, output, coverage } = await runWithCoverage(
      [JEST_BIN, ...files, "--testTimeout=500", "--forceExit"],
      { CONTRACT_TARGET: server.url, CONTRACT_LIVE: "1" },
      path.join(folder, "never-answers.json"),
      120_000,
    );
    expect(code).toBe(1);
    expect({ notRun: cellsWith(coverage, "not run"), passed: cellsWith(coverage, "passed") }).toEqual({
      notRun: [],
      passed: [],
    });
    const failed = cellsWith(coverage, "failed");
    const all = Object.values(coverage.operations).flatMap((cells) => Object.values(cells));
    expect(failed.length).toBe(all.length - cellsWith(coverage, "not applicable").length);
    // Every check file with a cell to judge is among them.
    expect(new Set(failed.map((cell) => cell.check))).toEqual(
      new Set(
        coverage.checks.filter((check) => !check.startsWith("prefer_") && check !== "response_headers_conformance"),
      ),
    );
    for (const cell of failed)
      expect({
        ...cell,
        notes: cell.notes.some((note) =>
          /did not finish: timed out, or a beforeAll hook failed or timed out/.test(note),
        ),
      }).toEqual({ ...cell, notes: true });
    expect(output).toMatch(/\(external\): 0 passed, \d+ failed, \d+ not applicable, 0 not run\n/);
    expect(Object.keys(coverage.operations)).toEqual([...SPEC_OPERATIONS.values()].map((op) => op.operationId));
  } finally {
    await server.close();
  }
});

// ---- the key in no file and no output ----

it("keeps the key out of the coverage table and the output when the server echoes the Authorization header", async () => {
  const key = `sk-echo-${randomBytes(24).toString("hex")}`;
  const received: string[] = [];
  const server = await serve((req, res) => {
    received.push(req.headers.authorization ?? "");
    res
      .writeHead(500, { "content-type": "application/json" })
      .end(JSON.stringify({ echoed: req.headers.authorization ?? null }));
  });
  try {
    const coverageFolder = path.join(folder, "echo");
    await fs.promises.mkdir(coverageFolder);
    const { code, output, coverage } = await runContract(server.url, key, path.join("echo", "coverage"));
    expect(code).toBe(1);
    const written = (await fs.promises.readdir(coverageFolder, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    // The table: the test files' parts are merged into it (the same cells) and removed by the run.
    expect(written.map((file) => path.relative(folder, file))).toEqual([path.join("echo", "coverage.json")]);
    // The key as such, and in base64 at any alignment (how a Basic credential carries it).
    const forms = secretForms(key);
    const leaks = [
      { where: "output", text: output },
      ...written.map((file) => ({ where: path.relative(folder, file), text: fs.readFileSync(file, "utf8") })),
    ].flatMap(({ where, text }) =>
      forms
        .filter((form) => text.includes(form))
        .map((form) => `${where}: ${form === key ? "the key" : "a form of the key"}`),
    );
    expect(leaks).toEqual([]);
    // The key was sent, and echoed into what the suite records: there was something to leak.
    expect(received).toContain(`Bearer ${key}`);
    expect(JSON.stringify(coverage)).toContain("Bearer [REDACTED]");
    // No credential derived from the key under another scheme: the wrong-scheme check sends a made-up one.
    expect(
      received.filter(
        (header) => !header.startsWith("Bearer ") && header !== "" && forms.some((form) => header.includes(form)),
      ),
    ).toEqual([]);
  } finally {
    await server.close();
  }
});

// ---- a chain whose upload fails names no other file ----

it("stops the operations chain when the upload fails: nothing named by id is sent with the key, and those cells fail saying why", async () => {
  const sandbox = await createSandbox({}, { transformResponse: (op, body) => (op === "uploadFile" ? REFUSED : body) });
  try {
    const env = { CONTRACT_TARGET: sandbox.url, CONTRACT_API_KEY: sandbox.apiKey };
    const { code, coverage } = await runWithCoverage(
      [JEST_BIN, "tests/contract/operations.test.ts"],
      env,
      path.join(folder, "no-upload.json"),
    );
    expect(code).toBe(1);
    const byId = ["retrieveFile", "retrieveFileContent", "deleteFile"];
    // Only the auth checks name a file without an upload's id, and they send no valid credential.
    expect(
      sandbox.exchanges.filter(
        (ex) => byId.includes(ex.operation ?? "") && ex.request.headers["authorization"] === `Bearer ${sandbox.apiKey}`,
      ),
    ).toEqual([]);
    for (const operation of byId)
      for (const check of [
        "not_a_server_error",
        "status_code_conformance",
        "client_accepts_response",
        "request_conformance",
      ])
        expect({ operation, check, cell: coverage.operations[operation]?.[check] }).toEqual({
          operation,
          check,
          cell: { status: "failed", notes: [expect.stringMatching(/no id: the upload failed/)] },
        });
    expect(coverage.operations["uploadFile"]?.["client_accepts_response"]).toEqual({
      status: "failed",
      notes: [expect.stringMatching(/^BadRequestError: /)],
    });
    expect(coverage.operations["listFiles"]?.["client_accepts_response"]?.status).toBe("passed");
  } finally {
    await sandbox.close();
  }
});

// ---- cleanup failures are reported, not dropped ----

it("reports the files each test file could not delete afterwards (UploadTracker), naming them", async () => {
  // Every delete refused: what each test file uploaded stays, and its cleanup must say so.
  const sandbox = await createSandbox({}, { transformResponse: (op, body) => (op === "deleteFile" ? REFUSED : body) });
  try {
    const files = ["operations", "negative", "positive"];
    const run = await runChild([JEST_BIN, ...files.map((name) => `tests/contract/${name}.test.ts`)], {
      env: childEnv({
        CONTRACT_TARGET: sandbox.url,
        CONTRACT_API_KEY: sandbox.apiKey,
        CONTRACT_COVERAGE_FILE: path.join(folder, "undeleted.json"),
      }),
      limitMs: CHILD_LIMIT_MS,
    });
    expect(run.code).toBe(1);
    const reports = run.output
      .split(`could not delete the files this test file uploaded to ${sandbox.url}:\n`)
      .slice(1);
    expect(reports).toHaveLength(files.length);
    for (const report of reports)
      expect(report).toMatch(/^\s+- \d+ \([a-z0-9_]+\): deleteFile \(POST [^)]+\) failed: MiniMax status 2013/);
  } finally {
    await sandbox.close();
  }
});
