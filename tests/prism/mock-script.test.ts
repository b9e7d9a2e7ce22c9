// scripts/mock.mjs (`npm run mock`): its own --help, and a refusal in one line, whether of a flag
// or of a port that is taken (Prism itself prints its whole usage text before EADDRINUSE).
import net from "node:net";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";
const { prismProcesses } = require("../../scripts/lib/prism-processes.cjs") as {
  prismProcesses: () => Array<{ pid: number; ppid: number; cmdline: string }>;
};

const mock = (...args: string[]) =>
  runNode([path.join(ROOT, "scripts/mock.mjs"), ...args], { cwd: ROOT, timeoutMs: 60_000 });
const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

it("--help prints the usage and exits 0, starting nothing", async () => {
  const result = await mock("--help");
  expect(result).toEqual({
    code: 0,
    stdout: expect.stringMatching(/^Usage: npm run mock -- \[--port <n>\]/),
    stderr: "",
  });
  for (const option of ["--port <n>", "--host <addr>", "--spec <file>", "--help"])
    expect(result.stdout).toContain(option);
});

it("an unknown flag is one line on stderr and exit 2", async () => {
  const result = await mock("--bogus");
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(lines(result.stderr)).toEqual(["mock: Unknown option '--bogus' (see --help)"]);
});

it("a port that is taken is one line naming it, a non-zero exit, and no Prism left on it", async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as net.AddressInfo).port;
  const onThatPort = () => prismProcesses().filter((p) => p.cmdline.includes(`--port ${port} `));
  try {
    const result = await mock("--port", String(port));
    expect(result.code).not.toBe(0);
    expect(lines(result.stdout + result.stderr)).toEqual([
      `mock: 127.0.0.1:${port} is already in use: stop what listens there, or pick another port with --port <n> (0: any free one)`,
    ]);
    expect(onThatPort()).toEqual([]);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});
