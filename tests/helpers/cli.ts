// Runs the built CLI (package.json "bin", as npm would install it) as a child process, the way a
// user does: its own process, real streams, real exit codes. Jest's global setup builds dist/.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXIT_CODES, type ExitKind } from "../../src/cli/exit-codes";
import { ROOT } from "./spec";

/** A key long enough for the client's redaction to search for it (tests check it never shows). */
export const SECRET_KEY = "sk-cli-test-9f8e7d6c5b4a3210";

function binPath(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    bin?: string | Record<string, string>;
  };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.[pkg.name];
  return path.join(ROOT, bin ?? "dist/src/cli/bin.js");
}

/** The CLI under test: MINIMAX_CLI_BIN (another build of it, e.g. a deliberately broken one), else the package's bin. */
export const CLI_BIN = process.env["MINIMAX_CLI_BIN"] ?? binPath();

/** Fails the calling test file early, naming what is missing, rather than with a child's MODULE_NOT_FOUND. */
export function assertBuilt(): void {
  if (!fs.existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} does not exist: build first (npm run build)`);
}

export const exitCode = (kind: ExitKind): number => {
  const row = EXIT_CODES.find((r) => r.kind === kind);
  if (!row) throw new Error(`no exit code of kind ${kind}`);
  return row.code;
};

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Added to a copy of this process's environment without MINIMAX_API_KEY (a developer's real key must never reach a test). */
  env?: Record<string, string>;
  cwd?: string;
  timeoutMs?: number;
}

export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!("MINIMAX_API_KEY" in extra)) delete env["MINIMAX_API_KEY"];
  return env;
}

// A test that fails while a CLI runs must not leave it running.
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
});

/** Starts the CLI; `done` settles when it exits (killed after timeoutMs, so no test waits forever). */
export function startCli(
  args: readonly string[],
  options: CliOptions = {},
): { child: ChildProcess; done: Promise<CliResult>; stderrSoFar: () => string } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd ?? os.tmpdir(),
    env: cliEnv(options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  running.add(child);
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done, stderrSoFar: () => stderr };
}

export const runCli = (args: readonly string[], options: CliOptions = {}): Promise<CliResult> =>
  startCli(args, options).done;

/** A scratch folder for one test file, removed afterwards. */
export function scratchDir(prefix: string): {
  readonly path: string;
  write(name: string, content: string | Buffer): string;
} {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `minimax-cli-${prefix}-`));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    get path() {
      return dir;
    },
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
  };
}

/** Waits for `check` to hold, polling; throws after `timeoutMs` with `what` in the message. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
