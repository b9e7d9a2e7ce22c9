#!/usr/bin/env node
// node scripts/bench/ab.mjs <other checkout> [--size <MiB>] [--rounds <n>] [--dir <folder>]:
// this checkout's upload and download against another checkout's (a git worktree of an older
// commit, with node_modules), and curl, in alternating rounds against one sink. Each contender
// runs its own checkout's scripts/bench/contenders.mjs on its own dist/ (built here if stale).
// Prints every round, then the least and the median of each: what a change did, apart from how
// loud the machine was that hour.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseCommandLine } from "../lib/command-line.mjs";
import { startSink } from "./sink.mjs";

const usage = `Usage: node scripts/bench/ab.mjs <other checkout> [--size <MiB>] [--rounds <n>] [--dir <folder>]

  --size <MiB>      the file uploaded and downloaded (default 1024)
  --rounds <n>      alternating rounds (default 6)
  --dir <folder>    where the files go (default: the OS temp folder)`;
const { values, positionals } = parseCommandLine(
  "ab",
  usage,
  { size: { type: "string", default: "1024" }, rounds: { type: "string", default: "6" }, dir: { type: "string" } },
  true,
);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const other = positionals[0] && path.resolve(positionals[0]);
const size = Number(values.size) * 1024 * 1024;
const rounds = Number(values.rounds);
if (!other || !fs.existsSync(path.join(other, "scripts/bench/contenders.mjs")) || !(size > 0) || !(rounds > 0)) {
  console.error(`ab: give a checkout that has scripts/bench/contenders.mjs, and positive numbers\n\n${usage}`);
  process.exit(2);
}
for (const root of [here, other])
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { stdio: "ignore" });

const dir = fs.mkdtempSync(path.join(values.dir ?? os.tmpdir(), "minimax-files-ab-"));
const file = path.join(dir, "file.mp4");
const out = path.join(dir, "out.mp4");
execFileSync("head", ["-c", String(size), "/dev/urandom"], { stdio: ["ignore", fs.openSync(file, "w"), "inherit"] });
const sink = await startSink({ download: file });
// Children run asynchronously: the sink answers them from this process.
const run = promisify(execFile);
const ms = async (root, name, arg) =>
  JSON.parse(
    (await run(process.execPath, [path.join(root, "scripts/bench/contenders.mjs"), name, sink.url, arg])).stdout,
  ).ms;
const curl = async (args) => Number((await run("curl", ["-sS", "-w", "%{time_total}", ...args])).stdout) * 1000;
const fresh = () => {
  fs.rmSync(out, { force: true });
  execFileSync("sync");
};
const contenders = {
  "upload, this checkout": () => ms(here, "upload", file),
  "upload, other": () => ms(other, "upload", file),
  "upload, curl": () =>
    curl([
      "-o",
      "/dev/null",
      "-F",
      "purpose=video_understanding",
      "-F",
      `file=@${file}`,
      `${sink.url}/v1/files/upload`,
    ]),
  "download, this checkout": () => (fresh(), ms(here, "download", out)),
  "download, other": () => (fresh(), ms(other, "download", out)),
  "download, curl": () => (fresh(), curl(["-o", out, `${sink.url}/v1/files/retrieve_content?file_id=1`])),
};
const times = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
try {
  for (let round = 0; round < rounds; round++) {
    // Who goes first moves each round: the first of a round is not always the same one.
    const names = Object.keys(contenders);
    const order = round % 2 ? [1, 0, 2, 4, 3, 5] : [0, 1, 2, 3, 4, 5];
    for (const i of order) times[names[i]].push(await contenders[names[i]]());
    console.log(`round ${round + 1}: ${names.map((n) => `${n} ${times[n].at(-1).toFixed(0)} ms`).join(" | ")}`);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  console.log(`\nnode ${process.version}, ${values.size} MiB, ${rounds} rounds, files in ${dir}; other: ${other}`);
  for (const [name, list] of Object.entries(times))
    console.log(`${name}: least ${Math.min(...list).toFixed(0)} ms, median ${median(list).toFixed(0)} ms`);
} finally {
  sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
