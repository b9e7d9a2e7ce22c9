#!/usr/bin/env node
// npm run bench: the client side by side with what a user would pick instead (curl, fetch,
// xargs + curl, the OpenAI Node SDK), against a sink server on 127.0.0.1 in this process
// (scripts/bench/sink.mjs). Each contender runs in its own child process
// (scripts/bench/contenders.mjs) under GNU time, so its peak RSS is its own. Prints every row and
// ratio, checks the targets of the performance issue and exits 1 if one is missed. A benchmark,
// not a test: numbers depend on the machine and on what else runs (docs/benchmarks.md).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { makeLocalCa } from "./bench/local-ca.mjs";
import { BIG_LISTS, bigListBodies, startSink } from "./bench/sink.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    size: { type: "string", default: "1024" },
    "tls-size": { type: "string", default: "256" },
    calls: { type: "string", default: "2000" },
    files: { type: "string", default: "300" },
    "lists-only": { type: "boolean", default: false },
    dir: { type: "string", default: os.tmpdir() },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(`npm run bench [-- options]
  --size <MiB>      upload and download over HTTP (default 1024)
  --tls-size <MiB>  upload over HTTPS with a local CA (default 256)
  --calls <n>       warm calls per per-call row (default 2000)
  --files <n>       files of 256 KiB in the bulk upload (default 300)
  --lists-only      only the per-call and large-list rows
  --dir <folder>    where the files are written and downloaded to (default: the OS temp folder;
                    /dev/shm keeps the disk out of the upload and download rows)`);
  process.exit(0);
}
const MiB = 1024 * 1024;
const size = Number(values.size) * MiB;
const tlsSize = Number(values["tls-size"]) * MiB;
const calls = Number(values.calls);
const bulkFiles = Number(values.files);
if (![size, tlsSize, calls, bulkFiles].every((n) => n > 0)) throw new Error("every size and count must be positive");
const TIME = "/usr/bin/time";
if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure each contender's peak RSS`);

// The OpenAI SDK needs Node 22+: its row (and our client's beside it) run on Node 24 from npm's
// `node` package when this Node is older. The small-call ratio is measured on both.
const major = Number(process.versions.node.split(".")[0]);
const node24 =
  major >= 22
    ? undefined
    : execFileSync("npx", ["-y", "-p", "node@24", "node", "-p", "process.execPath"], { encoding: "utf8" }).trim();
const nodeVersionOf = (exe) => execFileSync(exe, ["-p", "process.version"], { encoding: "utf8" }).trim();

const dir = fs.mkdtempSync(path.join(values.dir, "minimax-files-bench-"));
/** A file of `bytes` bytes, written in chunks (never held in memory). */
function writeFile(name, bytes) {
  const file = path.join(dir, name);
  const chunk = Buffer.alloc(Math.min(MiB, bytes));
  const fd = fs.openSync(file, "w");
  for (let written = 0, i = 0; written < bytes; written += chunk.length, i++) fs.writeSync(fd, chunk.fill(i % 251));
  fs.closeSync(fd);
  return file;
}

/** Runs a command under GNU time; returns operation ms (from the command, else wall) and peak RSS in MB. */
function measure(command, args, opMs, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(TIME, ["-f", "maxrss_kb=%M", command, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const wall = performance.now() - started;
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${err}`));
      const rss = Number(/maxrss_kb=(\d+)/.exec(err)?.[1]) / 1024;
      resolve({ ms: opMs ? opMs(out) : wall, rssMB: rss });
    });
  });
}
const contender = (exe, baseUrl, env) => (name, arg) =>
  measure(exe, [path.join(root, "scripts/bench/contenders.mjs"), name, baseUrl, arg], (out) => JSON.parse(out).ms, env);
// curl reports its own transfer time, so no side pays for process start-up.
const curl = (args) =>
  measure("curl", ["-sS", "-o", "/dev/null", "-w", "%{time_total}", ...args], (out) => Number(out) * 1000);
const curlUpload = (url, file, purpose, extra = []) =>
  curl([
    ...extra,
    "-X",
    "POST",
    "-H",
    "Authorization: Bearer sk-bench",
    "-F",
    `purpose=${purpose}`,
    "-F",
    `file=@${file}`,
    `${url}/v1/files/upload`,
  ]);
/** Best of `runs` (least noise on a shared 2-core machine); RSS is the largest seen. */
async function best(runs, fn) {
  return (await bestInTurns(runs, { fn })).fn;
}
/**
 * Best of `runs` of each contender, taken in turns, each round starting one further along (a b c,
 * b c a, c a b): a slow spell of the machine (its disk, a neighbour) falls on all of them alike
 * instead of on one contender's runs, and none is always first. `between` runs before each
 * contender, outside the measurement.
 */
async function bestInTurns(runs, contenders, between = () => undefined) {
  const entries = Object.entries(contenders);
  const results = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++)
    for (let j = 0; j < entries.length; j++) {
      const [name, fn] = entries[(i + j) % entries.length];
      between();
      results[name].push(await fn());
    }
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [
      name,
      { ms: Math.min(...list.map((r) => r.ms)), rssMB: Math.max(...list.map((r) => r.rssMB)) },
    ]),
  );
}

const rows = [];
const targets = [];
const fmt = (n, digits = 0) => (n === undefined ? "" : n.toFixed(digits));
const row = (what, r, { bytes, unit = "ms" } = {}) =>
  rows.push({
    what,
    value: `${fmt(r.ms)} ${unit}`,
    mbps: bytes ? bytes / MiB / (r.ms / 1000) : undefined,
    rssMB: r.rssMB,
  });
const ratio = (what, ours, theirs, limit) => targets.push([what, ours / theirs, limit, `${fmt(ours / theirs, 2)} ×`]);
const atMost = (what, value, limit, unit) => targets.push([what, value, limit, `${fmt(value)} ${unit}`]);

const download = writeFile("bench.mp4", size);
const http = await startSink({ download });
const tlsFiles = makeLocalCa(dir);
const https = await startSink({ download, tls: tlsFiles });
const here = contender(process.execPath, http.url);
try {
  if (!values["lists-only"]) {
    const downloaded = path.join(dir, "downloaded.mp4");
    const { up, upCurl } = await bestInTurns(3, {
      up: () => here("upload", download),
      upCurl: () => curlUpload(http.url, download, "video_understanding"),
    });
    const upNaive = await best(1, () => here("naive-fetch", download));
    const { down, downNode, downCurl } = await bestInTurns(
      3,
      {
        down: () => here("download", downloaded),
        downNode: () => here("node-http-download", downloaded),
        downCurl: () =>
          measure(
            "curl",
            ["-sS", "-o", downloaded, "-w", "%{time_total}", `${http.url}/v1/files/retrieve_content?file_id=1`],
            (out) => Number(out) * 1000,
          ),
      },
      // Each download starts with the last one's file gone and nothing left to write back (the
      // test file included): else it pays for the disk flushing what another wrote.
      () => {
        fs.rmSync(downloaded, { force: true });
        execFileSync("sync");
      },
    );
    const mib = values.size;
    row(`upload ${mib} MiB: MiniMaxFiles.upload (path, onProgress)`, up, { bytes: size });
    row(`upload ${mib} MiB: curl -F`, upCurl, { bytes: size });
    row(`upload ${mib} MiB: fetch + FormData + fs.openAsBlob`, upNaive, { bytes: size });
    row(`download ${mib} MiB: MiniMaxFiles.downloadTo (onProgress)`, down, { bytes: size });
    row(`download ${mib} MiB: node:http piped to a file alone (for reference)`, downNode, { bytes: size });
    row(`download ${mib} MiB: curl -o`, downCurl, { bytes: size });
    atMost("upload peak RSS ≤ 150 MB", up.rssMB, 150, "MB");
    ratio("upload time ≤ 1.5 × curl", up.ms, upCurl.ms, 1.5);
    atMost("download peak RSS ≤ 150 MB", down.rssMB, 150, "MB");
    ratio("download time ≤ 1.5 × curl", down.ms, downCurl.ms, 1.5);

    const tlsFile = writeFile("tls.mp4", tlsSize);
    const overTls = contender(process.execPath, https.url, { NODE_EXTRA_CA_CERTS: tlsFiles.ca });
    const { tlsUp, tlsCurl, tlsNode } = await bestInTurns(3, {
      tlsUp: () => overTls("upload", tlsFile),
      tlsCurl: () => curlUpload(https.url, tlsFile, "video_understanding", ["--cacert", tlsFiles.ca]),
      tlsNode: () => overTls("node-https-upload", tlsFile),
    });
    row(`upload ${values["tls-size"]} MiB over TLS (local CA): MiniMaxFiles.upload`, tlsUp, { bytes: tlsSize });
    row(`upload ${values["tls-size"]} MiB over TLS: node:https request alone (for reference)`, tlsNode, {
      bytes: tlsSize,
    });
    row(`upload ${values["tls-size"]} MiB over TLS: curl --cacert -F`, tlsCurl, { bytes: tlsSize });
    ratio("TLS upload time ≤ 1.3 × curl", tlsUp.ms, tlsCurl.ms, 1.3);

    const bulkDir = path.join(dir, "bulk");
    fs.mkdirSync(bulkDir);
    const paths = Array.from({ length: bulkFiles }, (_, i) => writeFile(`bulk/voice-${i}.mp3`, 256 * 1024));
    const cli = (n) =>
      measure(
        process.execPath,
        [
          path.join(root, "dist/src/cli/bin.js"),
          "upload",
          "--purpose",
          "voice_clone",
          "--concurrency",
          String(n),
          "--base-url",
          http.url,
          "--json",
          ...paths,
        ],
        undefined,
        { MINIMAX_API_KEY: "sk-bench-0123456789abcdef" },
      );
    fs.writeFileSync(path.join(dir, "bulk.list"), paths.join("\0"));
    const { cli4, cli8, xargs } = await bestInTurns(3, {
      cli4: () => cli(4),
      cli8: () => cli(8),
      xargs: () =>
        measure("sh", [
          "-c",
          `xargs -0 -P 8 -I{} curl -sS -o /dev/null -H "Authorization: Bearer sk-bench" -F purpose=voice_clone -F file=@{} ${http.url}/v1/files/upload < ${path.join(dir, "bulk.list")}`,
        ]),
    });
    row(`CLI upload of ${bulkFiles} × 256 KiB files, concurrency 4 (whole command)`, cli4);
    row(`CLI upload of ${bulkFiles} × 256 KiB files, concurrency 8 (whole command)`, cli8);
    row(`xargs -P 8 curl -F, the same files (whole command)`, xargs);
    ratio("bulk upload (CLI, concurrency 8) ≤ 1.0 × xargs -P 8 curl", cli8.ms, xargs.ms, 1.0);
  }

  // Per call, warm (contenders in turns in one process): the best of 3 processes for each.
  const perCall = async (exe, name) => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await contender(exe, http.url)(name, String(calls)));
    const keys = Object.keys(runs[0].ms);
    return Object.fromEntries(keys.map((k) => [k, { ms: Math.min(...runs.map((r) => r.ms[k])) }]));
  };
  const smallRows = async (exe, version) => {
    const r = await perCall(exe, "per-call");
    row(`one small list, warm, ${version}: MiniMaxFiles.list`, r.client, { unit: "µs" });
    row(`one small list, warm, ${version}: fetch + res.json() (id rounded)`, r.fetch, { unit: "µs" });
    row(`one small list, warm, ${version}: files.raw.GET (for reference)`, r.raw, { unit: "µs" });
    row(`one small list, warm, ${version}: node:http request alone (for reference)`, r.http, { unit: "µs" });
    ratio(`small list ≤ 1.0 × fetch + res.json(), ${version}`, r.client.ms, r.fetch.ms, 1.0);
  };
  await smallRows(process.execPath, process.version);
  const exe24 = node24 ?? process.execPath;
  const v24 = nodeVersionOf(exe24);
  if (node24) await smallRows(node24, v24);
  const peer = await perCall(exe24, "per-call-openai");
  row(`one small list, warm, ${v24}: MiniMaxFiles.list, in turns with the OpenAI SDK`, peer.client, { unit: "µs" });
  row(`one small list, warm, ${v24}: OpenAI Node SDK files.list() (the peer users know)`, peer.openai, { unit: "µs" });
  ratio(`per call ≤ 1.0 × the OpenAI SDK, ${v24}`, peer.client.ms, peer.openai.ms, 1.0);

  for (const [purpose, n] of Object.entries(BIG_LISTS)) {
    const { ours, plain } = await bestInTurns(3, {
      ours: () => here("big-list-client", purpose),
      plain: () => here("big-list-fetch", purpose),
    });
    const exact = await best(1, () => here("big-list-lossless", purpose));
    const files = n.toLocaleString("en-US");
    const mb = (Buffer.byteLength(bigListBodies[purpose]) / 1e6).toFixed(1);
    row(`list of ${files} files (${mb} MB): MiniMaxFiles.list`, ours);
    row(`list of ${files} files: fetch + res.json() (ids above 2^53 rounded)`, plain);
    row(`list of ${files} files: fetch + lossless-json (for reference)`, exact);
    if (n === 100_000) {
      ratio(`${files}-file list ≤ 1.5 × fetch + res.json()`, ours.ms, plain.ms, 1.5);
      targets.push([
        `${files}-file list peak RSS ≤ fetch + res.json()'s`,
        ours.rssMB / plain.rssMB,
        1,
        `${fmt(ours.rssMB)} / ${fmt(plain.rssMB)} MB`,
      ]);
    }
  }

  console.log(
    `\nnode ${process.version}, ${os.cpus().length} cores, ${os.platform()}, ${new Date().toISOString().slice(0, 10)}, files in ${values.dir}\n`,
  );
  console.log("| what | time | MiB/s | peak RSS MB |\n| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.what} | ${r.value} | ${fmt(r.mbps)} | ${fmt(r.rssMB)} |`);
  console.log("\n| target | measured | met |\n| --- | ---: | --- |");
  let missed = 0;
  for (const [what, value, limit, shown] of targets) {
    const met = value <= limit;
    if (!met) missed++;
    console.log(`| ${what} | ${shown} | ${met ? "yes" : "**no**"} |`);
  }
  process.exitCode = missed ? 1 : 0;
} finally {
  http.close();
  https.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
