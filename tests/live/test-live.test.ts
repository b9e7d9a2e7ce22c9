// `npm run test:live` (scripts/test-live.mjs), run as a child process. MiniMax cannot be reached
// from the tests, so the runs with a key go to the sandbox through MINIMAX_LIVE_TEST_TARGET (the
// script's override for its own tests, loopback only), with the sandbox accepting only that key.
// The region's URL is checked with --dry-run, which prints the environment Jest would get.
//
// Not under tests/contract: the live mode runs tests/contract, and this file runs the live mode.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MiniMaxFiles } from "../../src";
import { REGION_BASE_URLS } from "../../src/core/options";
import { createSandbox, type InternalSandbox, type SandboxHooks } from "../../src/sandbox/server";
import { allProcesses, killChildren, ROOT, runChild } from "../helpers/child";
import type { CoverageReport } from "../helpers/contract";

jest.setTimeout(240_000);
/** A run still going after this is killed with everything it started, and the test fails saying so. */
const RUN_LIMIT_MS = 200_000;

type LedgerEntry = Record<string, unknown>;
const live = require("../../scripts/lib/live.cjs") as {
  REGIONS: Record<string, string>;
  REDACTED: string;
  liveTarget: (region: string, env: NodeJS.ProcessEnv) => { url: string; standIn: boolean };
  readLedger: (file: string) => LedgerEntry[];
  pendingUploads: (entries: LedgerEntry[]) => LedgerEntry[];
  undeletable: (entry: LedgerEntry) => string | undefined;
  redactingWriter: (
    secret: string | undefined,
    write: (text: string) => void,
  ) => { write: (text: string) => void; end: () => void };
};
const SCRIPT = path.join(ROOT, "scripts/test-live.mjs");
/** Long enough to be redacted (scripts/lib/live.cjs MIN_SECRET_LENGTH), random so no other text holds it. */
const KEY = `sk-live-test-${randomBytes(24).toString("hex")}`;

let folder: string;
beforeAll(async () => {
  folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "test-live-"));
});
afterAll(async () => {
  await fs.promises.rm(folder, { recursive: true, force: true });
});
afterEach(killChildren);

interface Run {
  code: number | null;
  output: string;
  /** Processes of the run still going when the script exited (killed since). */
  leftBehind: number[];
  /** Where the run's coverage table went (a file created beforehand: Jest's reporter removes it when a run starts). */
  coverageFile: string;
  ledgerDir: string;
}

/** Runs the script (tests/helpers/child.ts: bounded in time, its process group killed afterwards) with a clean environment plus `env` (undefined removes a variable). */
async function runScript(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
  started?: (child: ChildProcess) => void,
): Promise<Run> {
  const coverageFile = path.join(folder, `${name}.coverage.json`);
  const ledgerDir = path.join(folder, `${name}.ledger`);
  await fs.promises.writeFile(coverageFile, "sentinel: no Jest has run");
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    CONTRACT_COVERAGE_FILE: coverageFile,
    MINIMAX_LIVE_LEDGER_DIR: ledgerDir,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  for (const variable of [
    "MINIMAX_API_KEY",
    "MINIMAX_LIVE_TEST_TARGET",
    "CONTRACT_TARGET",
    "CONTRACT_API_KEY",
    "CONTRACT_LIVE",
    "CONTRACT_LIVE_LEDGER",
    "NODE_OPTIONS",
  ])
    delete childEnv[variable];
  for (const [variable, value] of Object.entries(env))
    if (value === undefined) delete childEnv[variable];
    else childEnv[variable] = value;
  const { code, output, leftBehind } = await runChild([SCRIPT, ...args], {
    env: childEnv,
    limitMs: RUN_LIMIT_MS,
    ...(started ? { started } : {}),
  });
  return { code, output, leftBehind, coverageFile, ledgerDir };
}

const jestDidNotRun = (run: Run) => fs.readFileSync(run.coverageFile, "utf8") === "sentinel: no Jest has run";
const coverageOf = (run: Run) => JSON.parse(fs.readFileSync(run.coverageFile, "utf8")) as CoverageReport;
/** The files the sandbox holds (each upload is a file-<id> in its folder until deleted). */
const storedFiles = (sandbox: InternalSandbox) =>
  fs.readdirSync(sandbox.folder).filter((name) => name.startsWith("file-"));

/** Every process on this machine whose arguments hold `text` (listed with ps: Linux and macOS). */
function processesWithArgument(text: string): number[] {
  return allProcesses()
    .filter((p) => p.cmdline.includes(text))
    .map((p) => p.pid);
}

/**
 * Ids as MiniMax's are (15 digits, below 2^53): test:live also runs the Arazzo workflows with
 * Redocly Respect, which reads ids as doubles (tests/arazzo shows what it does above 2^53).
 */
const LIVE_LIKE_IDS = 305_000_000_000_000;

async function withSandbox<T>(hooks: SandboxHooks, run: (sandbox: InternalSandbox) => Promise<T>): Promise<T> {
  const sandbox = await createSandbox({ apiKey: KEY, idStart: LIVE_LIKE_IDS }, hooks);
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe("without a key", () => {
  it.each([
    ["unset", undefined],
    ["empty", ""],
    ["blank", "  "],
  ])("MINIMAX_API_KEY %s: says so, runs nothing, exits 0", async (name, value) => {
    await withSandbox({}, async (sandbox) => {
      const run = await runScript(`no-key-${name}`, [], {
        MINIMAX_API_KEY: value,
        MINIMAX_LIVE_TEST_TARGET: sandbox.url,
      });
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/^test:live: MINIMAX_API_KEY is not set, so nothing was run\./);
      expect(jestDidNotRun(run)).toBe(true);
      expect(sandbox.exchanges).toHaveLength(0);
      expect(fs.existsSync(run.ledgerDir)).toBe(false);
    });
  });
});

describe("usage errors (exit 2, nothing run)", () => {
  it.each([["eu"], ["GLOBAL"], [""]])("--region %j", async (region) => {
    const run = await runScript("bad-region", ["--region", region], { MINIMAX_API_KEY: KEY });
    expect({ code: run.code, output: run.output }).toEqual({
      code: 2,
      output: `test:live: --region must be global or cn, got ${JSON.stringify(region)} (see --help)\n`,
    });
    expect(jestDidNotRun(run)).toBe(true);
  });

  it("--key: the key is taken from the environment only", async () => {
    const run = await runScript("key-option", ["--key", "sk-on-the-command-line"], { MINIMAX_API_KEY: KEY });
    expect(run.code).toBe(2);
    expect(run.output).toMatch(/Unknown option '--key'/);
    expect(jestDidNotRun(run)).toBe(true);
  });

  it.each([
    "http://10.1.2.3:4011",
    "https://127.0.0.1:4011",
    "https://api.minimax.io.example.com",
    "http://127.0.0.1.example.com",
    "not a url",
  ])("a stand-in that is not plain http on this machine: MINIMAX_LIVE_TEST_TARGET=%s", async (url) => {
    const run = await runScript("remote-stand-in", [], { MINIMAX_API_KEY: KEY, MINIMAX_LIVE_TEST_TARGET: url });
    expect(run.code).toBe(2);
    expect(run.output).toContain(
      "MINIMAX_LIVE_TEST_TARGET (for the live mode's own tests) must be an http:// URL on this machine",
    );
    expect(jestDidNotRun(run)).toBe(true);
  });
});

describe("the region picks MiniMax's host (--dry-run: the environment Jest would get, nothing contacted)", () => {
  it.each([
    [[], "https://api.minimax.io"],
    [["--region", "global"], "https://api.minimax.io"],
    [["--region", "cn"], "https://api.minimaxi.com"],
  ])("%j → %s", async (args, url) => {
    const run = await runScript("dry-run", [...args, "--dry-run"], { MINIMAX_API_KEY: KEY });
    expect(run.code).toBe(0);
    expect(run.output).toContain(`test:live:   CONTRACT_TARGET=${url}\n`);
    expect(run.output).toContain("test:live:   CONTRACT_API_KEY=(the value of MINIMAX_API_KEY)\n");
    expect(run.output.includes(KEY)).toBe(false);
    expect(jestDidNotRun(run)).toBe(true);
  });

  it("its host table (scripts/lib/live.cjs REGIONS, read by the scripts and the test setup) is the client's REGION_BASE_URLS", () => {
    expect(live.REGIONS).toEqual(REGION_BASE_URLS);
  });
});

// A preload (NODE_OPTIONS --require) that makes Jest print the key it was given, in two writes: the
// filter on Jest's output must catch it, also split across chunks. The script itself has no
// CONTRACT_API_KEY, so the preload prints nothing there.
const ECHO = `const key = process.env.CONTRACT_API_KEY;
if (key) {
  process.stdout.write("echo from Jest: " + key.slice(0, 9));
  setTimeout(() => process.stdout.write(key.slice(9) + " argv-has-key=" + process.argv.some((arg) => arg.includes(key)) + "\\n"), 20);
}
`;

describe("with a key, against a stand-in", () => {
  describe("a passing run", () => {
    let run: Run;
    let sandbox: InternalSandbox;
    const keyInArguments = new Set<number>();

    beforeAll(async () => {
      const echo = path.join(folder, "echo-key.cjs");
      await fs.promises.writeFile(echo, ECHO);
      // Seen on every answer: no process on this machine may hold the key in its arguments.
      sandbox = await createSandbox(
        { apiKey: KEY, idStart: LIVE_LIKE_IDS },
        {
          transformResponse: (_op, body) => {
            for (const pid of processesWithArgument(KEY)) keyInArguments.add(pid);
            return body;
          },
        },
      );
      // With the trailing newline a key pasted from a file or `echo` has: the run uses the key
      // without it, everywhere (the stand-in accepts KEY only, and the output filter must know it).
      run = await runScript("passing", ["--har", path.join(folder, "live.har")], {
        MINIMAX_API_KEY: `${KEY}\n`,
        MINIMAX_LIVE_TEST_TARGET: sandbox.url,
        NODE_OPTIONS: `--require ${echo}`,
      });
    });
    afterAll(() => sandbox?.close());

    it("passes, and the live-only cells ran and passed", () => {
      expect({ code: run.code, tail: run.code === 0 ? "" : run.output.slice(-3000) }).toEqual({ code: 0, tail: "" });
      const cells = coverageOf(run).operations;
      expect([
        cells["uploadFile"]?.["video_understanding_purpose"],
        cells["listFiles"]?.["video_understanding_purpose"],
        cells["deleteFile"]?.["video_understanding_purpose"],
        cells["retrieveFileContent"]?.["download_media_type"],
      ]).toEqual(Array(4).fill({ status: "passed", notes: [] }));
      const withVideoPurpose = sandbox.exchanges.filter(
        (ex) =>
          ex.request.form?.["purpose"] === "video_understanding" ||
          ex.request.query["purpose"]?.[0] === "video_understanding" ||
          /"purpose":"video_understanding"/.test(ex.request.body ?? ""),
      );
      expect(new Set(withVideoPurpose.map((ex) => ex.operation))).toEqual(
        new Set(["uploadFile", "listFiles", "deleteFile"]),
      );
    });

    it("gives Jest the key through its environment only: the stand-in got it, no process had it in its arguments", () => {
      const withKey = sandbox.exchanges.filter((ex) => ex.request.headers["authorization"] === `Bearer ${KEY}`);
      expect(withKey.length).toBeGreaterThan(20);
      expect([...keyInArguments]).toEqual([]);
      expect(run.output).toContain(`echo from Jest: ${live.REDACTED} argv-has-key=false\n`);
    });

    it("uploads only what MiniMax can accept: text as .txt under t2a_async_input, and the MP4 fixture under video_understanding", () => {
      const uploads = sandbox.exchanges.filter((ex) => ex.operation === "uploadFile");
      expect(uploads.length).toBeGreaterThan(10);
      const mp4 = fs.statSync(path.join(ROOT, "tests/fixtures/contract-fixture.mp4")).size;
      // Every file part sent, whatever the request's purpose: a .txt of at most 64 KiB, or the MP4 fixture.
      const files = uploads.map((ex) => ex.request.form?.["file"]).filter((part) => part !== undefined);
      const odd = files.filter(
        (part) =>
          typeof part === "string" ||
          !(
            (/\.txt$/i.test(part.filename) && part.bytes <= 64 * 1024) ||
            (part.filename === "contract-fixture.mp4" && part.bytes === mp4)
          ),
      );
      expect(odd).toEqual([]);
      // What the stand-in stored: only these two kinds, each under its purpose.
      const stored = uploads
        .filter((ex) => ex.response.status === 200 && /"status_code":0\b/.test(ex.response.body ?? ""))
        .map((ex) => ex.request.form!);
      const kinds = new Set(
        stored.map(
          (form) =>
            `${String(form["purpose"])} ${typeof form["file"] === "object" ? path.extname(form["file"].filename).toLowerCase() : "?"}`,
        ),
      );
      expect([...kinds].sort()).toEqual(["t2a_async_input .txt", "video_understanding .mp4"]);
    });

    it("--har: keeps the run's traffic with the key masked, and npm run drift accepts it without calling anyone", async () => {
      const har = path.join(folder, "live.har");
      expect(run.output).toMatch(/HAR: \d+ exchanges written to .*live\.har \(the key masked\)/);
      const text = await fs.promises.readFile(har, "utf8");
      expect(text.includes(KEY)).toBe(false);
      expect(text.includes(KEY.slice(9))).toBe(false);
      const before = sandbox.exchanges.length;
      const drift = await runChild([path.join(ROOT, "scripts/drift.mjs"), har], {
        env: { ...process.env },
        limitMs: 120_000,
      });
      expect({ code: drift.code, output: drift.output }).toEqual({
        code: 0,
        output: expect.stringMatching(/, 0 findings\n.*, 0 findings/s),
      });
      expect(sandbox.exchanges.length).toBe(before);
    });

    it("runs the shipped Arazzo workflows with redocly respect, the key in its environment only, and they pass", () => {
      expect(run.output).toMatch(
        /test:live: the Arazzo workflows \(openapi\/arazzo\/files\.arazzo\.yaml\), run by redocly respect:/,
      );
      expect(run.output).toMatch(/✓ files\.arazzo\.yaml/);
      // Respect's own requests reached the stand-in with the key (its workflows list with a wrong one too).
      const respectUploads = sandbox.exchanges.filter(
        (ex) =>
          ex.operation === "uploadFile" &&
          (ex.request.form?.["file"] as { filename?: string } | undefined)?.filename === "chapter.txt",
      );
      expect(respectUploads.length).toBe(2);
    });

    it("never shows the key in its output", () => {
      expect(run.output.includes(KEY)).toBe(false);
      expect(run.output.includes(KEY.slice(9))).toBe(false);
    });

    it("leaves no file on the stand-in: the suite deleted its own", () => {
      expect(storedFiles(sandbox)).toEqual([]);
      expect(run.output).toMatch(/^test:live: the suite deleted every file it uploaded \(\d+\) itself\.$/m);
      expect(fs.readdirSync(run.ledgerDir)).toEqual([]);
    });
  });

  it("first deletes what an earlier, killed run left on the target; keeps only what a later run could still delete", async () => {
    const UNKNOWN = "9007199254749999"; // refused (2013): gone already, no later run can do better
    const BUSY = "9007199254748888"; // answered "rate limit" (1002) every time: a later run may succeed
    let busyAttempts = 0;
    const hooks: SandboxHooks = {
      transformResponse: (op, body) => {
        if (
          op !== "deleteFile" ||
          (body["base_resp"] as { status_msg?: string } | undefined)?.status_msg !== `file not found: ${BUSY}`
        )
          return body;
        busyAttempts += 1;
        return { base_resp: { status_code: 1002, status_msg: "rate limit" } };
      },
    };
    await withSandbox(hooks, async (sandbox) => {
      const left = (
        await new MiniMaxFiles({ apiKey: KEY, baseUrl: sandbox.url }).upload({
          file: new Uint8Array([104, 105]),
          filename: "left.txt",
          purpose: "t2a_async_input",
        })
      ).file_id;
      const uploaded = (file_id: string, target = sandbox.url) => ({
        event: "uploaded",
        target,
        file_id,
        purpose: "t2a_async_input",
        test: "an earlier run",
      });
      const ledgerDir = path.join(folder, "earlier.ledger");
      await fs.promises.mkdir(ledgerDir, { recursive: true });
      // The ledger of a run whose script is gone, and of one still running (this process): only the first is touched.
      const gone = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => gone.once("close", resolve));
      const orphan = path.join(ledgerDir, `${gone.pid}-1.jsonl`);
      const elsewhere = uploaded("1", "http://127.0.0.1:1");
      await fs.promises.writeFile(
        orphan,
        [uploaded(left), uploaded(UNKNOWN), uploaded(BUSY), elsewhere].map((e) => `${JSON.stringify(e)}\n`).join(""),
      );
      const running = path.join(ledgerDir, `${process.pid}-1.jsonl`);
      await fs.promises.writeFile(running, `${JSON.stringify(uploaded("2"))}\n`);

      const run = await runScript("earlier", [], { MINIMAX_API_KEY: KEY, MINIMAX_LIVE_TEST_TARGET: sandbox.url });
      const name = path.basename(orphan);
      expect(run.output).toContain(
        `test:live: an earlier run (${name}) left 1 file(s) on ${sandbox.url}; deleted them now:\ntest:live:   ${left} (t2a_async_input, uploaded by an earlier run)\n`,
      );
      expect(run.output).toContain(
        `test:live: could not delete 2 file(s) an earlier run (${name}) left on ${sandbox.url} (check the account with list):\n`,
      );
      expect(run.output).toContain(
        `test:live:   ${UNKNOWN} (t2a_async_input, uploaded by an earlier run): HTTP 200, base_resp 2013 "file not found: ${UNKNOWN}"\n`,
      );
      expect(run.output).toMatch(
        new RegExp(
          `test:live:   ${BUSY} \\(t2a_async_input, uploaded by an earlier run\\): HTTP 200, base_resp 1002 "rate limit"; kept in \\S+${name} for the next run to try again\n`,
        ),
      );
      expect(run.output).toContain(`holds 1 file(s) on http://127.0.0.1:1: run against that target to delete them.`);
      expect(busyAttempts).toBe(3);
      expect(live.readLedger(orphan)).toEqual([uploaded(BUSY), elsewhere]);
      expect(live.readLedger(running)).toEqual([uploaded("2")]);
      expect(storedFiles(sandbox)).toEqual([]);
      // This run itself went well; what an earlier one left undeleted makes it exit 1 all the same.
      expect(run.output).toMatch(/^test:live: the suite deleted every file it uploaded \(\d+\) itself\.$/m);
      expect(run.code).toBe(1);
    });
  });

  it("a run with a failing case exits 1 and leaves no file on the stand-in", async () => {
    // The retrieve answer breaks the spec: every case that uploads, then retrieves, fails after its upload.
    const hooks: SandboxHooks = {
      transformResponse: (op, body) =>
        op === "retrieveFile" ? { ...body, base_resp: { status_code: "0", status_msg: "success" } } : body,
    };
    await withSandbox(hooks, async (sandbox) => {
      const run = await runScript("failing", [], { MINIMAX_API_KEY: KEY, MINIMAX_LIVE_TEST_TARGET: sandbox.url });
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/● GET \/v1\/files\/retrieve › retrieves a file's record/);
      expect(run.output).toMatch(/retrieveFile response_schema_conformance: \/base_resp\/status_code must be integer/);
      expect(
        sandbox.exchanges.filter((ex) => ex.operation === "uploadFile" && ex.response.status === 200).length,
      ).toBeGreaterThan(5);
      expect(storedFiles(sandbox)).toEqual([]);
      // The suite's cases deleted their own; Respect's file-lifecycle stopped at the broken retrieve,
      // before its delete, so the cleanup deleted the file it had uploaded (found in its report).
      expect(run.output).toMatch(
        /^test:live: this run left 1 file\(s\) on http:\/\/127\.0\.0\.1:\d+; deleted them now:\ntest:live: {3}\d+ \(t2a_async_input, uploaded by respect file-lifecycle\)$/m,
      );
      expect(run.output.includes(KEY)).toBe(false);
      expect(fs.readdirSync(run.ledgerDir)).toEqual([]);
    });
  });

  it("a run stopped mid-way (SIGTERM) stops Jest, then deletes what the suite had uploaded", async () => {
    let child: ChildProcess | undefined;
    let atKill: { stored: number; jest: number[] } | undefined;
    const hooks: SandboxHooks = {
      transformResponse: (op, body) => {
        // The first retrieve: a file is stored, and the test that uploaded it has not deleted it yet.
        if (op === "retrieveFile" && !atKill && child) {
          const jest = allProcesses()
            .filter((p) => p.ppid === child!.pid && p.cmdline.includes("tests/setup/live-ledger.ts"))
            .map((p) => p.pid);
          atKill = { stored: storedFiles(sandbox).length, jest };
          child.kill("SIGTERM");
        }
        return body;
      },
    };
    const sandbox = await createSandbox({ apiKey: KEY, idStart: LIVE_LIKE_IDS }, hooks);
    try {
      const run = await runScript(
        "stopped",
        [],
        { MINIMAX_API_KEY: KEY, MINIMAX_LIVE_TEST_TARGET: sandbox.url },
        (started) => (child = started),
      );
      expect(atKill?.stored).toBeGreaterThan(0);
      // Jest ended before the script did: nothing of the run was still going when the script exited.
      // (No Prism to look for: with an external target, Jest's global setup starts none.)
      expect(atKill!.jest.length).toBeGreaterThan(0);
      expect(run.leftBehind).toEqual([]);
      expect(run.code).toBe(128 + os.constants.signals.SIGTERM);
      expect(run.output).toContain("test:live: Jest was stopped (SIGTERM); deleting what the suite uploaded.\n");
      expect(run.output).toMatch(
        new RegExp(
          `^test:live: this run left ${atKill!.stored} file\\(s\\) on ${sandbox.url.replace(/\./g, "\\.")}; deleted them now:$`,
          "m",
        ),
      );
      expect(storedFiles(sandbox)).toEqual([]);
      expect(fs.readdirSync(run.ledgerDir)).toEqual([]);
      expect(run.output.includes(KEY)).toBe(false);
    } finally {
      await sandbox.close();
    }
  });
});

describe("scripts/lib/live.cjs", () => {
  it("redacts the key from output, also when it is split across chunks", () => {
    const secret = "sk-0123456789abcdef";
    for (const chunks of [
      [`a ${secret} b`],
      ["a sk-0123", "456789abcdef b"],
      ["a s", "k", "-0123456789abcde", "f b"],
      [`${secret}${secret}`],
      ["a sk-0123", "4 b"],
    ]) {
      let out = "";
      const writer = live.redactingWriter(secret, (text) => (out += text));
      for (const chunk of chunks) writer.write(chunk);
      writer.end();
      expect(out).toBe(chunks.join("").split(secret).join(live.REDACTED));
    }
  });

  it("holds back only what could be the start of the key", () => {
    const written: string[] = [];
    const writer = live.redactingWriter("sk-0123456789abcdef", (text) => written.push(text));
    writer.write("progress 1/5\n");
    writer.write("then sk-01");
    expect(written).toEqual(["progress 1/5\n", "then "]);
  });

  it("leaves a key too short to be a secret alone", () => {
    let out = "";
    const writer = live.redactingWriter("k", (text) => (out += text));
    writer.write("key");
    writer.end();
    expect(out).toBe("key");
  });

  it("reads a ledger whose last line was cut by a kill, and keeps what no delete removed", () => {
    const file = path.join(folder, "ledger.jsonl");
    const lines = [
      { event: "uploaded", target: "t", file_id: "1", purpose: "p" },
      { event: "uploaded", target: "t", file_id: "2", purpose: "p" },
      { event: "deleted", target: "t", file_id: "1" },
      { event: "uploaded", target: "u", file_id: "1", purpose: "p" },
    ];
    fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"event":"uploaded","tar`);
    expect(live.pendingUploads(live.readLedger(file))).toEqual([lines[1], lines[3]]);
    expect(live.readLedger(path.join(folder, "none.jsonl"))).toEqual([]);
  });

  it("tells which ledger entries no run can delete (kept for a later run only when one can)", () => {
    expect(live.undeletable({ file_id: "9007199254740993", purpose: "t2a_async_input" })).toBeUndefined();
    expect(live.undeletable({ file_id: null, purpose: "t2a_async_input" })).toBe(
      "its upload was answered without a file_id",
    );
    expect(live.undeletable({ file_id: "12a", purpose: "t2a_async_input" })).toBe(
      "its upload was answered without a file_id",
    );
    expect(live.undeletable({ file_id: "12", purpose: null })).toBe("its purpose is unknown");
    expect(live.undeletable({ file_id: "12", purpose: "" })).toBe("its purpose is unknown");
  });
});
