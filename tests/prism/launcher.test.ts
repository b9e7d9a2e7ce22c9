// scripts/lib/prism.mjs, the launcher behind globalSetup and `npm run mock`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
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
const driver = (body: string) => `import { startPrism } from ${JSON.stringify(path.join(ROOT, "scripts/lib/prism.mjs"))};\n${body}`;

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
  const response = await fetch(`${process.env["PRISM_URL"]}/v1/files/list?purpose=voice_clone`, { headers: { authorization: "Bearer x" } });
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
