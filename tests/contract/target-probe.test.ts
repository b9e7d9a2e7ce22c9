// `npm run contract -- --target <url>` asks the target once before running the suite: a dead port
// or a refused key ends the run with one line naming the target and the cause (exit 1), instead
// of every cell failing with the same cause. --skip-probe goes on regardless.
import path from "node:path";
import { startSandbox, type Sandbox } from "../../src/sandbox";
import { ROOT, runChild } from "../helpers/child";
import { refusedUrl } from "../helpers/refused-port";

const CONTRACT = path.join(ROOT, "scripts/contract.mjs");
const env = { PATH: process.env["PATH"] ?? "" };
const contract = (args: string[]) => runChild([CONTRACT, ...args], { env, limitMs: 20_000 });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ validate: false });
});
afterAll(() => sandbox.close());

it("a target where nothing listens: one line naming it and the refused connection, exit 1, no suite run", async () => {
  const target = await refusedUrl();
  const run = await contract(["--target", target]);
  expect(run.code).toBe(1);
  expect(run.output.trimEnd().split("\n")).toEqual([
    expect.stringMatching(
      new RegExp(
        `^contract: ${target} is not reachable \\(connect ECONNREFUSED .*\\): start the server, or check --target \\(or pass --skip-probe`,
      ),
    ),
  ]);
});

it("a target that refuses the key: one line saying so, with the code it answered", async () => {
  const run = await contract(["--target", sandbox.url, "--key", "sk-not-the-sandbox-key-0123456789"]);
  expect(run.code).toBe(1);
  expect(run.output.trimEnd().split("\n")).toEqual([
    expect.stringMatching(
      new RegExp(
        `^contract: ${sandbox.url} refused the key \\(MiniMax status 1004.*\\): pass the key it takes with --key`,
      ),
    ),
  ]);
  expect(run.output).not.toContain("sk-not-the-sandbox-key-0123456789");
});

it("the probe itself: nothing to say about a target that answers and takes the key", async () => {
  const script = `import(${JSON.stringify(path.join(ROOT, "scripts/lib/target-probe.mjs"))}).then(async ({ probeTarget }) => console.log(JSON.stringify(await probeTarget(${JSON.stringify(sandbox.url)}, ${JSON.stringify(sandbox.apiKey)}) ?? null)))`;
  const run = await runChild(["--input-type=module", "-e", script], { env, limitMs: 10_000 });
  expect(run.output.trim()).toBe("null");
});
