#!/usr/bin/env node
// npm run spec:diff [-- <base> <revision>]: what changed between two stored documents, rated for
// this package's users (scripts/lib/spec-diff.mjs), as Markdown for CHANGELOG.md.
// Defaults: <base> is openapi/openapi.json as last committed (git HEAD), <revision> the working copy.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { diffSpecs } from "./lib/spec-diff.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const usage = `usage: npm run spec:diff [-- [--fail-on-breaking] [<base.json> <revision.json>]]
  <base.json>          default: openapi/openapi.json as committed (git show HEAD:openapi/openapi.json)
  <revision.json>      default: openapi/openapi.json
  --fail-on-breaking   exit 1 when a change is breaking for this package's users`;
let parsed;
try {
  parsed = parseArgs({
    options: { "fail-on-breaking": { type: "boolean", default: false }, help: { type: "boolean", default: false } },
    allowPositionals: true,
  });
} catch (error) {
  console.error(`spec:diff: ${error.message.split("\n")[0]} (see --help)`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(usage);
  process.exit(0);
}
if (![0, 2].includes(parsed.positionals.length)) {
  console.error("spec:diff: give both <base> and <revision>, or neither (see --help)");
  process.exit(2);
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "spec-diff-base-"));
try {
  let [baseFile, revisionFile] = parsed.positionals.map((p) => path.resolve(p));
  if (!baseFile) {
    baseFile = path.join(temp, "openapi.json");
    revisionFile = path.join(root, "openapi/openapi.json");
    try {
      fs.writeFileSync(baseFile, execFileSync("git", ["show", "HEAD:openapi/openapi.json"], { cwd: root }));
    } catch {
      console.error("spec:diff: no committed openapi/openapi.json to compare with; pass <base> <revision>");
      process.exit(2);
    }
  }
  for (const file of [baseFile, revisionFile])
    if (!fs.existsSync(file)) {
      console.error(`spec:diff: ${file} does not exist`);
      process.exit(2);
    }
  const result = await diffSpecs({
    root,
    baseFile,
    revisionFile,
    overlayFile: path.join(root, "openapi/overlay.yaml"),
    title: "MiniMax spec changes",
  });
  process.stdout.write(result.markdown);
  if (parsed.values["fail-on-breaking"] && result.bump === "major") process.exitCode = 1;
} finally {
  fs.rmSync(temp, { recursive: true, force: true });
}
