#!/usr/bin/env node
// npm run demo: the client against the sandbox, no key and no network. Starts the sandbox (with its
// validation, the default), drives MiniMaxFiles through upload → list → retrieve → retrieveContent
// → delete with examples/sample-narration.txt, prints each typed result and what the sandbox's
// validator found in that step's exchanges, stops the sandbox and exits: 0 when every step's
// exchanges conform to generated/openapi.json and the bytes came back unchanged, 1 otherwise.
//
// The client and the sandbox are loaded as a user loads them, through this package's own "exports"
// (a self-reference), so a change to dist/'s layout is followed; built first when missing or stale
// (scripts/lib/ensure-built.mjs; a fresh clone has no dist/).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./lib/ensure-built.mjs";
import { inspect } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const SAMPLE = path.join(root, "examples/sample-narration.txt");
const PURPOSE = "t2a_async_input"; // UPLOAD_LIMITS: t2a_async_input takes txt
ensureBuilt();
const { MiniMaxFiles } = require("minimax-files");
const { startSandbox } = require("minimax-files/sandbox");

const show = (value) => inspect(value, { depth: 4, breakLength: 96, colors: false });
const when = (seconds) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

// A reader that goes away early (`npm run demo | head`) must not kill the demo before it stops the
// sandbox, which would leave its folder of uploads behind: what is left to print is dropped.
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
});

let sandbox;
try {
  sandbox = await startSandbox(); // validate: true is its default
} catch (error) {
  console.error(`demo: the sandbox did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(`MiniMax File API demo: the minimax-files client against the local sandbox
(a test double written from MiniMax's docs, not MiniMax: no API key, nothing leaves 127.0.0.1)
sandbox at ${sandbox.url}, key "${sandbox.apiKey}"; each exchange is checked against generated/openapi.json
`);

let failures = 0;
let step = 0;
/** Runs one call, then prints its result and the validator's verdict on the exchanges it made. */
async function run(title, call, describe) {
  step += 1;
  const seen = {
    exchanges: sandbox.exchanges.length,
    findings: sandbox.findings.length,
    requestFindings: sandbox.requestFindings.length,
  };
  console.log(`${step}. ${title}`);
  const { data, traceId } = await call().withResponse();
  const exchanges = sandbox.exchanges.slice(seen.exchanges);
  for (const line of describe(data, exchanges).join("\n").split("\n")) console.log(`   ${line}`);
  const findings = [
    ...sandbox.findings.slice(seen.findings).map((f) => ({ ...f, whose: "the sandbox's answer" })),
    ...sandbox.requestFindings.slice(seen.requestFindings).map((f) => ({ ...f, whose: "the client's request" })),
  ];
  const wire = exchanges.map((e) => `${e.request.method} ${e.request.path} → HTTP ${e.response.status}`).join(", ");
  if (findings.length === 0) {
    console.log(
      `   verdict: conforms — ${wire} (trace-id ${traceId}): request and response checked against the spec, no findings\n`,
    );
  } else {
    failures += findings.length;
    console.log(`   verdict: ${findings.length} finding(s) — ${wire} (trace-id ${traceId}):`);
    for (const f of findings) console.log(`     ${f.whose}: ${f.operation} ${f.check}: ${f.finding}`);
    console.log("");
  }
  return data;
}

try {
  const files = new MiniMaxFiles({ baseUrl: sandbox.url, apiKey: sandbox.apiKey });
  const sample = fs.readFileSync(SAMPLE);
  const relative = path.relative(root, SAMPLE).split(path.sep).join("/");

  const uploaded = await run(
    `upload — files.upload({ file: "${relative}", purpose: "${PURPOSE}" }) → FileObject`,
    () => files.upload({ file: SAMPLE, purpose: PURPOSE }),
    (file, exchanges) => {
      // The sandbox's ids start at 2^53 + 1: the answer's raw text shows what a JS number would lose.
      const onWire = /"file_id":\s*(\d+)/.exec(exchanges.at(-1)?.response.body ?? "")?.[1];
      const exact = onWire !== undefined && BigInt(onWire) > 2n ** 53n && file.file_id === onWire;
      if (!exact) failures += 1;
      return [
        show(file),
        `created_at ${file.created_at} is ${when(file.created_at)}`,
        exact
          ? `file_id is exact: the wire said ${onWire}, above 2^53 = ${2n ** 53n}, and the client gives the string\n"${file.file_id}" (JSON.parse would have made it ${JSON.parse(onWire)})`
          : `file_id is NOT exact: the wire said ${onWire ?? "(no integer file_id)"}, the client gives "${file.file_id}"`,
      ];
    },
  );

  await run(
    `list — files.list({ purpose: "${PURPOSE}" }) → FileObject[]`,
    () => files.list({ purpose: PURPOSE }),
    (list) => [`${list.length} file(s): ${show(list)}`],
  );

  await run(
    `retrieve — files.retrieve("${uploaded.file_id}") → FileObject`,
    () => files.retrieve(uploaded.file_id),
    (file) => [show(file)],
  );

  await run(
    `retrieveContent — files.retrieveContent("${uploaded.file_id}") → Uint8Array`,
    () => files.retrieveContent(uploaded.file_id),
    (bytes) => {
      const same = Buffer.from(bytes).equals(sample);
      if (!same) failures += 1;
      const text = Buffer.from(bytes).toString("utf8");
      return [
        `Uint8Array(${bytes.byteLength}), ${same ? `byte for byte the ${relative} that was uploaded` : `NOT the ${sample.length} bytes of ${relative} that were uploaded`}:`,
        ...text
          .trimEnd()
          .split("\n")
          .map((line) => `  | ${line}`),
      ];
    },
  );

  await run(
    `delete — files.delete("${uploaded.file_id}", { purpose: "${PURPOSE}" }) → DeletedFile`,
    () => files.delete(uploaded.file_id, { purpose: PURPOSE }),
    (deleted) => [show(deleted)],
  );
} catch (error) {
  failures += 1;
  console.log(`\nstep ${step} FAILED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
} finally {
  await sandbox.close();
}

console.log(
  `stopped the sandbox and removed its stored files: ${sandbox.exchanges.length} exchange(s), ${sandbox.findings.length + sandbox.requestFindings.length} finding(s)`,
);
if (failures > 0) {
  console.log(`demo FAILED: ${failures} problem(s) above`);
  process.exitCode = 1;
}
