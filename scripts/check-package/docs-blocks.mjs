// check-package "every docs example": each ```ts block of README.md and docs/*.md, as written
// (only its types removed), run in the consumer project against a sandbox from the tarball, with
// MINIMAX_BASE_URL and MINIMAX_API_KEY pointing at it and the files it names beside it. Each block
// must exit 0 and write nothing to stderr. argv[2]: a JSON file of { name, code } (JavaScript).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startSandbox } from "minimax-files/sandbox";

const blocks = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// Files an example reads, by extension; the sandbox takes any bytes in a named format.
const FIXTURE = /["'`]([\w-]+\.(?:mp3|m4a|wav|txt|zip|mp4|mov|png|jpg))["'`]/g;
const box = await startSandbox();
const failures = [];
try {
  for (const { name, code } of blocks) {
    const dir = path.resolve(`docs-${name}`);
    fs.mkdirSync(dir, { recursive: true });
    for (const [, file] of code.matchAll(FIXTURE)) fs.writeFileSync(path.join(dir, file), `fixture ${file}\n`);
    fs.writeFileSync(path.join(dir, "example.mjs"), code);
    // Not spawnSync: the sandbox answering the example runs in this process.
    const run = await new Promise((resolve) =>
      execFile(
        process.execPath,
        ["example.mjs"],
        { cwd: dir, timeout: 60_000, env: { ...process.env, MINIMAX_BASE_URL: box.url, MINIMAX_API_KEY: box.apiKey } },
        (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
      ),
    );
    if (run.code !== 0 || run.stderr) failures.push(`${name}: exit ${run.code}\n${run.stderr}${run.stdout}`);
  }
} finally {
  await box.close();
}
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`${blocks.length} examples ran as written against the sandbox: ${blocks.map((b) => b.name).join(", ")}`);
