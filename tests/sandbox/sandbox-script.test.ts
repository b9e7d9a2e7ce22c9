// scripts/sandbox.mjs (`npm run sandbox`): a port that is taken is one line with what to do, like
// `npm run mock`'s, not Node's bare listen error.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

it("a port that is taken is one line naming it and what to do, and a non-zero exit", async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    const result = await runNode([path.join(ROOT, "scripts/sandbox.mjs"), "--port", String(port)], {
      cwd: ROOT,
      timeoutMs: 60_000,
    });
    expect(result.code).toBe(1);
    const lines = (result.stdout + result.stderr)
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^(building dist\/ …|dist\/ is up to date|built dist\/)/.test(line));
    expect(lines).toEqual([
      `sandbox: 127.0.0.1:${port} is already in use: stop what listens there, or pick another port with --port <n> (0: any free one)`,
    ]);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

/** Runs the script on a free port, sends `requests` (path, key), then SIGINT; its whole output. */
async function session(
  args: string[],
  requests: Array<[string, string]>,
  act: (url: string) => Promise<void> = async () => undefined,
): Promise<string> {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts/sandbox.mjs"), "--port", "0", ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  try {
    for (let i = 0; i < 300 && !/at (http:\/\/127\.0\.0\.1:\d+)/.test(output); i++)
      await new Promise((r) => setTimeout(r, 100));
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (!url) throw new Error(`the sandbox did not start: ${output}`);
    for (const [where, key] of requests)
      await (await fetch(`${url}${where}`, { headers: { authorization: `Bearer ${key}` } })).text();
    await act(url);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    return output;
  } finally {
    child.kill("SIGKILL");
  }
}

it("prints a line per request while it runs, and at exit tells refused bad requests from findings", async () => {
  const output = await session(
    [],
    [
      ["/v1/files/list?purpose=voice_clone", "sandbox-key"],
      ["/v1/files/list?purpose=bogus", "sandbox-key"],
    ],
  );
  const lines = output.split("\n");
  expect(lines).toContainEqual(expect.stringMatching(/^GET \/v1\/files\/list → 200 status_code 0 \d+ ms$/));
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^GET \/v1\/files\/list → 200 status_code 2013 \d+ ms {2}1 finding\(s\): request request_parameters$/,
    ),
  );
  expect(output).toContain("SIGINT: stopped after 2 exchange(s)\n");
  expect(output).toContain("  0 finding(s) in the sandbox's own answers\n");
  expect(output).toContain("  0 request(s) that broke the spec and were answered anyway\n");
  expect(output).toContain("  1 request(s) that broke the spec and were refused, as MiniMax refuses them");
});

it("--quiet prints no line per request, only the summary", async () => {
  const output = await session(["--quiet"], [["/v1/files/list?purpose=voice_clone", "sandbox-key"]]);
  expect(output).not.toMatch(/^GET /m);
  expect(output).toContain("SIGINT: stopped after 1 exchange(s)\n");
});

it("--id-start 1000 starts the ids there, for tools that parse JSON with doubles; a bad value is exit 2", async () => {
  const ids: string[] = [];
  await session(["--id-start", "1000", "--quiet"], [], async (url) => {
    for (let i = 0; i < 2; i++) {
      const form = new FormData();
      form.append("purpose", "t2a_async_input");
      form.append("file", new File(["hi"], "a.txt"));
      const res = await fetch(`${url}/v1/files/upload`, {
        method: "POST",
        body: form,
        headers: { authorization: "Bearer sandbox-key" },
      });
      ids.push(/"file_id":(\d+)/.exec(await res.text())?.[1] ?? "none");
    }
  });
  expect(ids).toEqual(["1000", "1001"]);
  const bad = await runNode([path.join(ROOT, "scripts/sandbox.mjs"), "--id-start", "0"], { cwd: ROOT });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('sandbox: --id-start must be a positive integer below 2^63, got "0"\n');
});
