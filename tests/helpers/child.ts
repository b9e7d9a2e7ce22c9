// Child node processes for the tests that run a script or a child Jest (tests/sandbox/
// contract-target.test.ts, tests/live/test-live.test.ts). Each child runs in its own process group,
// bounded in time: a child that outlives its limit is killed with everything it started (Jest's
// workers, a Prism), and so is whatever a child left running when it exited, so a test that times
// out or fails leaves no process behind. (A terminal's Ctrl-C does not reach another group; a child
// whose server went with the test process then fails its remaining requests at once and ends.)
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** One process as `ps` lists it (scripts/lib/prism-processes.cjs, shared with CI's leftover check). */
export interface ListedProcess {
  pid: number;
  ppid: number;
  pgid: number;
  zombie: boolean;
  cmdline: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { allProcesses } = require("../../scripts/lib/prism-processes.cjs") as {
  allProcesses: () => ListedProcess[];
};

export const ROOT = path.resolve(__dirname, "../..");
/** How long a killed child gets to be reaped before the test moves on. */
const REAP_LIMIT_MS = 5_000;

export const JEST_BIN = require.resolve("jest/bin/jest");

const running = new Set<ChildProcess>();
const ended = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("close", () => resolve()),
  );

/** Kills the child's process group (the child and whatever it started), waiting a bounded time for it to go. */
export async function killGroup(child: ChildProcess): Promise<void> {
  running.delete(child);
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // the group is gone already
  }
  await Promise.race([ended(child), new Promise((resolve) => setTimeout(resolve, REAP_LIMIT_MS).unref())]);
}

/** Kills every child still running: for an afterEach, so a test that failed or timed out leaves none behind. */
export async function killChildren(): Promise<void> {
  await Promise.all([...running].map(killGroup));
}

/** Whether a process still runs (a zombie, killed and not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // kill(pid, 0) also succeeds for a zombie (ended, not yet reaped): ps tells them apart.
  return allProcesses().some((p) => p.pid === pid && !p.zombie);
}

/** The live processes of a process group, other than its leader (listed with ps: Linux and macOS). */
function groupMembers(group: number): number[] {
  return allProcesses()
    .filter((p) => p.pgid === group && p.pid !== group && !p.zombie)
    .map((p) => p.pid);
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  /** Processes the child started that were still running when it exited (killed since). */
  leftBehind: number[];
}

export interface ChildOptions {
  /** The whole environment of the child. */
  env: NodeJS.ProcessEnv;
  /** A child still running after this is killed (with its group) and the run rejected, before Jest's own timeout hits the test. */
  limitMs: number;
  /** Called once the child is spawned (e.g. to signal it later). */
  started?: (child: ChildProcess) => void;
}

/** Runs `node <args>` in its own process group in the project's folder; its exit, output and what it left running. */
export async function runChild(args: string[], { env, limitMs, started }: ChildOptions): Promise<ChildRun> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child);
  started?.(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let timer: NodeJS.Timeout | undefined;
  let leftBehind: number[] = [];
  const [code, signal] = await Promise.race([
    new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once("close", (exitCode, exitSignal) => {
        leftBehind = groupMembers(child.pid!);
        resolve([exitCode, exitSignal]);
      }),
    ),
    new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`the child ran longer than ${limitMs} ms and was killed; its output:\n${output}`)),
          limitMs,
        )),
    ),
  ]).finally(() => {
    clearTimeout(timer);
    return killGroup(child);
  });
  return { code, signal, output, leftBehind };
}

/**
 * The environment for a child run of one of the repository's scripts: this run's own, with no
 * colours, and without what names a target, a key or this run's Prism (a child that needed one
 * would otherwise quietly use it), except what `extra` sets.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...extra };
  for (const name of [
    "CONTRACT_TARGET",
    "CONTRACT_API_KEY",
    "CONTRACT_LIVE",
    "CONTRACT_HAR",
    "MINIMAX_API_KEY",
    "PRISM_URL",
    "PRISM_PID",
  ])
    if (!(name in extra)) delete env[name];
  return env;
}
