// `npm run demo` (scripts/demo.mjs): no key, no network, five steps with their verdicts, exit 0,
// nothing left behind. It runs in a copy of the work tree as `git clone` gives it, without dist/
// (node_modules linked, not copied), so the build-first path is the one exercised and the shared
// dist/ is left alone.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { runNode, type RunResult } from "../helpers/run-node";
import { copyTree } from "../helpers/copy-tree";
import { NET_GUARD as GUARD } from "../helpers/net-guard";

const STEPS = ["upload", "list", "retrieve", "retrieveContent", "delete"];

/** The demo's environment: no key, TMPDIR in `dir`/tmp, and the network guard logging to `dir`/net.log. */
function demoEnv(dir: string): NodeJS.ProcessEnv {
  const tmp = path.join(dir, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(dir, "net-guard.cjs"), GUARD);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    TMP: tmp,
    TEMP: tmp,
    NET_GUARD_LOG: path.join(dir, "net.log"),
    NODE_OPTIONS: `--require ${path.join(dir, "net-guard.cjs")}`,
  };
  delete env["MINIMAX_API_KEY"]; // no key
  return env;
}
const runDemo = (dir: string, clone: string) =>
  runNode([path.join(clone, "scripts/demo.mjs")], { cwd: clone, env: demoEnv(dir), timeoutMs: 120_000 });
// Except Node's own compile cache (Node 22.1+, which TypeScript's tsc turns on for the build): a
// cache kept on purpose, not something the demo left.
const leftIn = (tmp: string) => fs.readdirSync(tmp).filter((name) => name !== "node-compile-cache");

describe("npm run demo", () => {
  let dir: string;
  let clone: string;
  let tmp: string;
  let netLog: string;
  let first: RunResult;

  const demo = () => runDemo(dir, clone);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-demo-"));
    clone = path.join(dir, "clone");
    tmp = path.join(dir, "tmp");
    netLog = path.join(dir, "net.log");
    copyTree(clone);
    first = await demo();
  }, 150_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds dist/ on a fresh clone, prints the five steps with each one's typed result and verdict, and exits 0", () => {
    expect(first.code).toBe(0);
    const out = first.stdout;
    expect(out).toMatch(/^building dist\/ …\n/);
    const headings = [...out.matchAll(/^(\d)\. (\w+) — /gm)].map((m) => `${m[1]}. ${m[2]}`);
    expect(headings).toEqual(STEPS.map((step, i) => `${i + 1}. ${step}`));
    // Every step's verdict, on the exchange it made.
    const verdicts = [...out.matchAll(/^ {3}verdict: (.*)$/gm)].map((m) => m[1]);
    expect(verdicts).toEqual([
      expect.stringMatching(/^conforms — POST \/v1\/files\/upload → HTTP 200 \(trace-id [0-9a-f]+\): .*no findings$/),
      expect.stringMatching(/^conforms — GET \/v1\/files\/list → HTTP 200 .*no findings$/),
      expect.stringMatching(/^conforms — GET \/v1\/files\/retrieve → HTTP 200 .*no findings$/),
      expect.stringMatching(/^conforms — GET \/v1\/files\/retrieve_content → HTTP 200 .*no findings$/),
      expect.stringMatching(/^conforms — POST \/v1\/files\/delete → HTTP 200 .*no findings$/),
    ]);
    // The typed results, readably, with the id above 2^53 exact.
    expect(out).toContain("file_id: '9007199254740993'");
    expect(out).toContain(
      `file_id is exact: the wire said 9007199254740993, above 2^53 = 9007199254740992, and the client gives the string\n   "9007199254740993" (JSON.parse would have made it 9007199254740992)`,
    );
    expect(out).toContain("filename: 'sample-narration.txt'");
    expect(out).toContain("1 file(s): [");
    expect(out).toContain("Uint8Array(232), byte for byte the examples/sample-narration.txt that was uploaded:");
    expect(out).toContain("     | Welcome to the MiniMax file API demo.");
    expect(out).toContain("   { file_id: '9007199254740993' }");
    expect(out).toMatch(/stopped the sandbox and removed its stored files: 5 exchange\(s\), 0 finding\(s\)\n$/);
  });

  it("used no network: every connection went to loopback (the guard saw them) and none elsewhere", () => {
    const connections = fs.readFileSync(netLog, "utf8").trim().split("\n");
    expect(connections.filter((line) => !line.startsWith("loopback "))).toEqual([]);
    expect(connections.length).toBeGreaterThanOrEqual(1);
    const port = /sandbox at http:\/\/127\.0\.0\.1:(\d+)/.exec(first.stdout)?.[1];
    expect(connections).toContain(`loopback 127.0.0.1:${port}`);
  });

  it("left nothing behind: no temporary folder, nothing listening on the sandbox's port", async () => {
    expect(leftIn(tmp)).toEqual([]);
    const port = Number(/sandbox at http:\/\/127\.0\.0\.1:(\d+)/.exec(first.stdout)?.[1]);
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("builds only when dist/ is missing or older than the sources: a second run starts straight away", async () => {
    const second = await demo();
    expect(second).toEqual({ code: 0, stdout: expect.any(String), stderr: "" });
    expect(second.stdout).toMatch(/^MiniMax File API demo:/);
    expect(second.stdout.match(/^ {3}verdict: conforms/gm)).toHaveLength(5);
  }, 60_000);

  it("a reader that goes away early (npm run demo | head) still gets the sandbox stopped and its folder removed", async () => {
    const child = spawn(process.execPath, [path.join(clone, "scripts/demo.mjs")], {
      cwd: clone,
      env: demoEnv(dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(leftIn(tmp)).toEqual([]);
  }, 60_000);
});

// The verdicts are the validator's, per step: a sandbox whose answers break the spec (file_id sent
// as a string, in the FileObject of upload, list and retrieve) shows it in exactly those steps.
it("a step whose exchange breaks the spec gets that finding as its verdict, and the demo exits 1", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-demo-broken-"));
  try {
    const clone = path.join(dir, "clone");
    copyTree(clone);
    const server = path.join(clone, "src/sandbox/routes.ts");
    const source = fs.readFileSync(server, "utf8");
    const broken = source.replace(
      /(const fileObject = \(file: StoredFile\) => \(\{\s*file_id: )file\.id,/,
      "$1String(file.id),",
    );
    expect(broken).not.toBe(source); // the break applied: otherwise this test would prove nothing
    fs.writeFileSync(server, broken);

    const result = await runDemo(dir, clone);
    expect(result.code).toBe(1);
    const verdicts = [...result.stdout.matchAll(/^ {3}verdict: (.*)\n((?: {5}.*\n)*)/gm)].map(
      (m) => `${m[1]}\n${m[2]}`,
    );
    expect(verdicts).toEqual([
      expect.stringMatching(
        /^1 finding\(s\) — POST \/v1\/files\/upload → HTTP 200 .*\n {5}the sandbox's answer: uploadFile response_schema_conformance: \/file\/file_id must be integer\n$/,
      ),
      expect.stringMatching(
        /^1 finding\(s\) — GET \/v1\/files\/list .*\n {5}the sandbox's answer: listFiles response_schema_conformance: \/files\/0\/file_id must be integer\n$/,
      ),
      expect.stringMatching(
        /^1 finding\(s\) — GET \/v1\/files\/retrieve .*\n {5}the sandbox's answer: retrieveFile response_schema_conformance: \/file\/file_id must be integer\n$/,
      ),
      expect.stringMatching(/^conforms — GET \/v1\/files\/retrieve_content /),
      expect.stringMatching(/^conforms — POST \/v1\/files\/delete /),
    ]);
    expect(result.stdout).toContain(
      'file_id is NOT exact: the wire said (no integer file_id), the client gives "9007199254740993"',
    );
    expect(result.stdout).toMatch(/demo FAILED: 4 problem\(s\) above\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 150_000);
