// scripts/lib/prism.mjs, the launcher behind globalSetup and `npm run mock`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
// A CommonJS helper shared with .ci/leftover-prism.mjs; it lists processes with ps (no /proc), so
// these tests run on macOS as on Linux.
const { prismProcesses } = require("../../scripts/lib/prism-processes.cjs") as {
  prismProcesses: () => Array<{ pid: number; ppid: number; pgid: number; zombie: boolean; cmdline: string }>;
};
import { ROOT } from "../helpers/spec";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// The launcher is an ES module; Jest runs CommonJS, so it is driven from a child node process.
const driver = (body: string) =>
  `import { startPrism } from ${JSON.stringify(path.join(ROOT, "scripts/lib/prism.mjs"))};\n${body}`;

async function runDriver(body: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-prism-"));
  const file = path.join(dir, "driver.mjs");
  fs.writeFileSync(file, driver(body));
  try {
    return await runNode([file], { timeoutMs: 90_000 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

it("the Prism that globalSetup started is running and serves the spec", async () => {
  const pid = Number(process.env["PRISM_PID"]);
  expect(alive(pid)).toBe(true);
  const response = await fetch(`${process.env["PRISM_URL"]}/v1/files/list?purpose=voice_clone`, {
    headers: { authorization: "Bearer x" },
  });
  expect(response.status).toBe(200);
});

it("starts Prism on a free port, reports its URL and pid, and stops it completely", async () => {
  const result = await runDriver(`
const prism = await startPrism({ spec: ${JSON.stringify(path.join(ROOT, "generated/openapi.json"))} });
const status = (await fetch(prism.url + "/v1/files/retrieve?file_id=1", { headers: { authorization: "Bearer x" } })).status;
await prism.stop();
console.log(JSON.stringify({ url: prism.url, pid: prism.pid, status }));
`);
  expect(result.stderr).toBe("");
  const { url, pid, status } = JSON.parse(result.stdout);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(status).toBe(200);
  expect(alive(pid)).toBe(false);
});

it("fails fast with Prism's own output when Prism cannot start", async () => {
  const started = Date.now();
  const result = await runDriver(`
await startPrism({ spec: "/nonexistent/openapi.json" }).then(
  () => console.log("started?!"),
  (error) => console.log(error.message),
);
`);
  expect(result.stdout).toContain("Prism did not start: it exited first");
  expect(result.stdout).toContain("--- Prism output ---");
  expect(result.stdout).toMatch(/nonexistent/);
  expect(Date.now() - started).toBeLessThan(30_000);
});

it("a Jest run killed by SIGTERM (a CI timeout) takes its Prism with it", async () => {
  // A nested Jest run with our globalSetup and one test that never finishes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-nested-jest-"));
  try {
    fs.writeFileSync(path.join(dir, "hang.test.js"), `it("hangs", () => new Promise(() => {}), 600000);\n`);
    fs.writeFileSync(
      path.join(dir, "jest.config.js"),
      `module.exports = ${JSON.stringify({ rootDir: dir, testMatch: ["**/hang.test.js"], globalSetup: path.join(ROOT, "tests/setup/global-setup.mjs"), globalTeardown: path.join(ROOT, "tests/setup/global-teardown.mjs") })};\n`,
    );
    const jest = spawn(
      process.execPath,
      [require.resolve("jest/bin/jest"), "--config", path.join(dir, "jest.config.js")],
      { cwd: ROOT, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => jest.once("exit", resolve));

    const prismPid = await waitFor(() => prismChildOf(jest.pid!), 60_000);
    expect(alive(prismPid)).toBe(true);
    jest.kill("SIGTERM");
    await exited;
    await waitFor(() => (alive(prismPid) ? undefined : true), 10_000);
    expect(alive(prismPid)).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);

describe("prismProcesses (scripts/lib/prism-processes.cjs), what CI's leftover check and these tests use", () => {
  it("finds, through ps, a Prism this test started (pid, parent, arguments), also with COLUMNS narrow, and none once it stopped", async () => {
    // A driver that starts Prism, prints its pid, and stops it when its stdin closes.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-prism-ps-"));
    const file = path.join(dir, "driver.mjs");
    fs.writeFileSync(
      file,
      driver(`
const prism = await startPrism({ spec: ${JSON.stringify(path.join(ROOT, "generated/openapi.json"))} });
console.log(JSON.stringify({ pid: prism.pid }));
process.stdin.resume();
process.stdin.once("end", async () => { await prism.stop(); console.log("stopped"); });
`),
    );
    const child = spawn(process.execPath, [file], { stdio: ["pipe", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let prismPid: number | undefined;
    try {
      prismPid = await waitFor(() => /"pid":(\d+)/.exec(output)?.[1], 60_000).then(Number);
      const seen = prismProcesses().find((p) => p.pid === prismPid);
      expect(seen).toEqual({
        pid: prismPid,
        ppid: child.pid,
        pgid: expect.any(Number),
        zombie: false,
        cmdline: expect.stringContaining(path.join(ROOT, "generated/openapi.json")),
      });
      expect(seen!.cmdline).toMatch(/@stoplight[\\/]prism-cli[\\/].* mock .*--port 0 --multiprocess=false/);
      // procps cuts `args` to $COLUMNS when it is set (BSD ps to the window), and a CI shell may set it.
      const narrow = await prismProcessesIn({ ...process.env, COLUMNS: "40" });
      expect(narrow.map((p) => p.pid)).toContain(prismPid);

      child.stdin.end();
      // Bounded: a Prism that outlives stop() holds the driver's pipes, and the driver with them.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      expect(output).toContain("stopped");
      expect(prismProcesses().map((p) => p.pid)).not.toContain(prismPid);
    } finally {
      child.kill("SIGKILL");
      // Killing the driver would orphan its Prism: a failed run must not leave one behind.
      if (prismPid !== undefined && prismProcesses().some((p) => p.pid === prismPid)) process.kill(prismPid, "SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('reads no /proc: without ps on the PATH it fails saying so, on Linux too, instead of answering "no Prism"', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-no-ps-"));
    try {
      await expect(prismProcessesIn({ ...process.env, PATH: empty })).rejects.toThrow(
        "cannot list processes: there is no `ps` on the PATH (needs a POSIX ps, as on Linux and macOS)",
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

/**
 * prismProcesses() run in a child node with `env`: Jest gives a test a copy of process.env, and the
 * ps that child_process starts from here would not see a change made to it.
 */
async function prismProcessesIn(
  env: NodeJS.ProcessEnv,
): Promise<Array<{ pid: number; ppid: number; cmdline: string }>> {
  const script = `try { console.log(JSON.stringify(require(${JSON.stringify(path.join(ROOT, "scripts/lib/prism-processes.cjs"))}).prismProcesses())) } catch (e) { console.error(e.message); process.exit(1) }`;
  const result = await runNode(["-e", script], { env });
  if (result.code !== 0) throw new Error(result.stderr.trim());
  return JSON.parse(result.stdout);
}

/** The pid of a Prism process whose parent is `parentPid`, if there is one yet. */
function prismChildOf(parentPid: number): number | undefined {
  return prismProcesses().find((p) => p.ppid === parentPid)?.pid;
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("npm run mock serves the spec, prints its URL, and stops Prism on SIGTERM", async () => {
  const mock = spawn(process.execPath, [path.join(ROOT, "scripts/mock.mjs"), "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  mock.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  mock.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => mock.once("exit", resolve));
  try {
    const url = await waitFor(() => /Mock MiniMax File API at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1], 60_000);
    const response = await fetch(`${url}/v1/files/list?purpose=voice_clone`, {
      headers: { authorization: "Bearer any" },
    });
    expect(response.status).toBe(200);
    const prismPid = prismChildOf(mock.pid!);
    expect(prismPid).toBeDefined();
    mock.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(alive(prismPid!)).toBe(false);
  } finally {
    mock.kill("SIGKILL");
  }
}, 90_000);
