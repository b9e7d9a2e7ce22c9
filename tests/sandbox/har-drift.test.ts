// Traffic kept and judged later: `npm run contract -- --har <file>` against the sandbox writes a
// HAR with the key masked, and `npm run drift -- <file>` accepts it (redocly drift and the
// sandbox's validator, ids exact), and so does one against Prism; a HAR with one answer broken
// is refused, naming it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSandbox } from "../../src/sandbox/server";
import { childEnv, killChildren, ROOT, runChild } from "../helpers/child";
import { secretForms } from "../helpers/contract";

jest.setTimeout(240_000);

let folder: string;
beforeAll(async () => {
  folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "har-drift-"));
});
afterAll(async () => {
  await fs.promises.rm(folder, { recursive: true, force: true });
});
afterEach(killChildren);

const env = () => childEnv({ CONTRACT_COVERAGE_FILE: path.join(folder, "coverage.json") });
const drift = (file: string) =>
  runChild([path.join(ROOT, "scripts/drift.mjs"), file], { env: env(), limitMs: 120_000 });

it("a contract run's HAR has the key masked, and drift accepts it; one broken answer is drift, named by both tools", async () => {
  const apiKey = `sk-har-${randomBytes(16).toString("hex")}`;
  const sandbox = await createSandbox({ apiKey });
  const har = path.join(folder, "run.har");
  try {
    const run = await runChild(
      [path.join(ROOT, "scripts/contract.mjs"), "--target", sandbox.url, "--key", apiKey, "--har", har],
      { env: env(), limitMs: 180_000 },
    );
    expect({ code: run.code, har: /HAR: (\d+) exchanges written/.test(run.output) }).toEqual({ code: 0, har: true });
  } finally {
    await sandbox.close();
  }
  const text = await fs.promises.readFile(har, "utf8");
  for (const form of secretForms(apiKey)) expect(text).not.toContain(form);
  const { log } = JSON.parse(text) as {
    log: { entries: { request: { url: string }; response: { content: { text?: string } } }[] };
  };
  expect(log.entries.length).toBeGreaterThan(50);
  // Only the target's traffic: the stand-ins the suite's own tests stand up are left out.
  expect(log.entries.filter((e) => !e.request.url.startsWith(`${sandbox.url}/`)).map((e) => e.request.url)).toEqual([]);

  // A call to another server first (a HAR a user recorded elsewhere): the server most called is judged.
  const elsewhere = structuredClone(log.entries[0]!);
  elsewhere.request.url = "http://127.0.0.1:9/v1/files/list?purpose=voice_clone";
  await fs.promises.writeFile(har, JSON.stringify({ log: { ...log, entries: [elsewhere, ...log.entries] } }));
  const accepted = await drift(har);
  expect({ code: accepted.code, output: accepted.output }).toEqual({
    code: 0,
    output: expect.stringMatching(
      /redocly drift: \d+ of \d+ exchanges matched an operation, 0 findings\nvalidator \(ids exact\): \d+ exchanges \(1 to other servers skipped\), 0 findings/,
    ),
  });

  // One list answer with a file's size as text: the server's drift, found by both.
  const list = log.entries.find(
    (e) => e.request.url.includes("/v1/files/list") && /"bytes":\d+/.test(e.response.content.text ?? ""),
  )!;
  list.response.content.text = list.response.content.text!.replace(/"bytes":\d+/, '"bytes":"many"');
  const broken = path.join(folder, "broken.har");
  await fs.promises.writeFile(broken, JSON.stringify({ log }));
  const refused = await drift(broken);
  expect(refused.code).toBe(1);
  expect(refused.output).toMatch(/redocly drift: listFiles \(response\): .*bytes.*integer/);
  expect(refused.output).toMatch(
    /validator: listFiles response_schema_conformance: \/files\/\d+\/bytes must be integer/,
  );
});

it("a run against Prism (the default target) writes a HAR drift accepts: Prism's refusals are noted, not drift", async () => {
  const har = path.join(folder, "prism.har");
  const run = await runChild([path.join(ROOT, "scripts/contract.mjs"), "--har", har], { env: env(), limitMs: 200_000 });
  expect({ code: run.code, har: /HAR: \d+ exchanges written/.test(run.output) }).toEqual({ code: 0, har: true });
  const accepted = await drift(har);
  expect({ code: accepted.code, output: accepted.output }).toEqual({
    code: 0,
    output: expect.stringMatching(
      /, 0 findings\n.*, 0 findings\n {2}\(refusals the spec does not document, not counted: [^)]*HTTP 422 \d+×/s,
    ),
  });
});

it("refuses a file that is not a HAR, naming it", async () => {
  const file = path.join(folder, "not.har");
  await fs.promises.writeFile(file, '{"entries": []}');
  const run = await drift(file);
  expect({ code: run.code, output: run.output.trim() }).toEqual({
    code: 2,
    output: `drift: ${file} is not a HAR file (no log.entries)`,
  });
});
