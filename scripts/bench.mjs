#!/usr/bin/env node
// npm run bench [-- --size <MiB>] [--calls <n>]: uploads, downloads and small calls through the
// client side by side with curl and plain fetch, against a sink server on 127.0.0.1 in this
// process. Each contender runs in its own child process (scripts/bench/contenders.mjs) under
// /usr/bin/time, so its peak RSS is its own. Prints a table and checks the targets of issue #4;
// exits 1 if one is missed. A benchmark, not a test: numbers depend on the machine.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    size: { type: "string", default: "1024" },
    calls: { type: "string", default: "1000" },
    "lists-only": { type: "boolean", default: false },
    help: { type: "boolean" },
  },
});
if (values.help) {
  console.log(
    "npm run bench [-- --size <MiB, default 1024>] [--calls <small list calls, default 1000>] [--lists-only]",
  );
  process.exit(0);
}
const MiB = 1024 * 1024;
const size = Number(values.size) * MiB;
const calls = Number(values.calls);
if (!(size > 0) || !(calls > 0)) throw new Error("--size and --calls must be positive numbers");
const TIME = "/usr/bin/time";
if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed to measure each contender's peak RSS`);

// The test file, written once in chunks (never held in memory).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-bench-"));
const file = path.join(dir, "bench.mp4");
const chunk = Buffer.alloc(MiB);
const fd = fs.openSync(file, "w");
for (let i = 0; i < size / MiB; i++) fs.writeSync(fd, chunk.fill(i % 251));
fs.closeSync(fd);

// The sink: swallows uploads, serves the file for downloads, answers list calls.
const listBody = JSON.stringify({
  files: [
    {
      file_id: 9223372036854775807n.toString(),
      bytes: 5,
      created_at: 1700000000,
      filename: "a.mp3",
      purpose: "voice_clone",
    },
  ],
  base_resp: { status_code: 0, status_msg: "success" },
}).replace('"9223372036854775807"', "9223372036854775807");
// Whole-account lists (MiniMax's list has no pagination): the purpose picks how many files.
const BIG_LISTS = { t2a_async_input: 10_000, video_understanding: 100_000 };
const bigListBodies = Object.fromEntries(
  Object.entries(BIG_LISTS).map(([purpose, n]) => {
    const files = [];
    for (let i = 0; i < n; i++)
      files.push(
        `{"file_id":${9007199254740993n + BigInt(i)},"bytes":${5896337 + i},"created_at":${1700000000 + i},"filename":"file-${i}.mp3","purpose":"${purpose}"}`,
      );
    return [purpose, `{"files":[${files.join(",")}],"base_resp":{"status_code":0,"status_msg":"success"}}`];
  }),
);
const server = http.createServer((req, res) => {
  const bigPurpose = Object.keys(BIG_LISTS).find((p) => req.url.startsWith(`/v1/files/list?purpose=${p}`));
  if (bigPurpose) {
    const body = bigListBodies[bigPurpose];
    res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
    return res.end(body);
  }
  if (req.url.startsWith("/v1/files/retrieve_content")) {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
    fs.createReadStream(file).pipe(res);
    return;
  }
  let received = 0;
  req.on("data", (c) => (received += c.length));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    if (req.url.startsWith("/v1/files/list")) return res.end(listBody);
    res.end(
      JSON.stringify({
        file: {
          file_id: 1,
          bytes: received,
          created_at: 1700000000,
          filename: "bench.mp4",
          purpose: "video_understanding",
        },
        base_resp: { status_code: 0, status_msg: "success" },
      }),
    );
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

/** Runs a command under GNU time; returns operation ms (from the command) and peak RSS in MB. */
function measure(command, args, opMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ["-f", "maxrss_kb=%M", command, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${err}`));
      const rss = Number(/maxrss_kb=(\d+)/.exec(err)?.[1]) / 1024;
      resolve({ ms: opMs(out), rssMB: rss });
    });
  });
}
const node = (name, arg) =>
  measure(
    process.execPath,
    [path.join(root, "scripts/bench/contenders.mjs"), name, baseUrl, arg],
    (out) => JSON.parse(out).ms,
  );
// curl reports its own transfer time, so no side pays for process start-up.
const curl = (args) =>
  measure("curl", ["-sS", "-o", "/dev/null", "-w", "%{time_total}", ...args], (out) => Number(out) * 1000);
/** Best of `runs` (least noise on a shared 2-core machine); RSS is the largest seen. */
async function best(runs, fn) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await fn());
  return { ms: Math.min(...results.map((r) => r.ms)), rssMB: Math.max(...results.map((r) => r.rssMB)) };
}

const downloaded = path.join(dir, "downloaded.mp4");
const rows = [];
const row = (what, r, bytes) =>
  rows.push({ what, ms: r.ms, rssMB: r.rssMB, mbps: bytes ? bytes / MiB / (r.ms / 1000) : undefined });
try {
  const targets = [];
  const fmt = (n, digits = 0) => (n === undefined ? "" : n.toFixed(digits));
  if (!values["lists-only"]) {
    const up = await best(3, () => node("upload", file));
    const upCurl = await best(3, () =>
      curl([
        "-X",
        "POST",
        "-H",
        "Authorization: Bearer sk-bench",
        "-F",
        "purpose=video_understanding",
        "-F",
        `file=@${file}`,
        `${baseUrl}/v1/files/upload`,
      ]),
    );
    const upNaive = await best(1, () => node("naive-fetch", file));
    const down = await best(3, () => node("download", downloaded));
    const downCurl = await best(3, () =>
      measure(
        "curl",
        ["-sS", "-o", downloaded, "-w", "%{time_total}", `${baseUrl}/v1/files/retrieve_content?file_id=1`],
        (out) => Number(out) * 1000,
      ),
    );
    row(`upload ${values.size} MiB: MiniMaxFiles.upload (path, onProgress)`, up, size);
    row(`upload ${values.size} MiB: curl -F`, upCurl, size);
    row(`upload ${values.size} MiB: fetch + FormData + fs.openAsBlob`, upNaive, size);
    row(`download ${values.size} MiB: MiniMaxFiles.downloadTo (onProgress)`, down, size);
    row(`download ${values.size} MiB: curl -o`, downCurl, size);
    targets.push(
      [`upload peak RSS ≤ 150 MB`, up.rssMB, 150, `${fmt(up.rssMB)} MB`],
      [`upload time ≤ 1.5 × curl`, up.ms / upCurl.ms, 1.5, `${fmt(up.ms / upCurl.ms, 2)} ×`],
      [`download peak RSS ≤ 150 MB`, down.rssMB, 150, `${fmt(down.rssMB)} MB`],
      [`download time ≤ 1.5 × curl`, down.ms / downCurl.ms, 1.5, `${fmt(down.ms / downCurl.ms, 2)} ×`],
    );
  }
  const small = await best(3, () => node("list-client", String(calls)));
  const smallFetch = await best(3, () => node("list-fetch", String(calls)));
  const smallBare = await best(3, () => node("list-openapi-fetch", String(calls)));
  row(`${calls} list calls: MiniMaxFiles.list`, small);
  row(`${calls} list calls: fetch + res.json()`, smallFetch);
  row(`${calls} list calls: openapi-fetch alone (no middleware, Node's fetch; for reference)`, smallBare);
  targets.push([
    `small calls ≤ 1.25 × plain fetch`,
    small.ms / smallFetch.ms,
    1.25,
    `${fmt(small.ms / smallFetch.ms, 2)} ×`,
  ]);
  for (const [purpose, n] of Object.entries(BIG_LISTS)) {
    const ours = await best(3, () => node("big-list-client", purpose));
    const plain = await best(3, () => node("big-list-fetch", purpose));
    const exact = await best(1, () => node("big-list-lossless", purpose));
    const files = n.toLocaleString("en-US");
    row(
      `list of ${files} files (${(Buffer.byteLength(bigListBodies[purpose]) / 1e6).toFixed(1)} MB): MiniMaxFiles.list`,
      ours,
    );
    row(`list of ${files} files: fetch + res.json() (ids above 2^53 rounded)`, plain);
    row(`list of ${files} files: fetch + lossless-json (the exact reading before; for reference)`, exact);
    if (n === 100_000)
      targets.push(
        [`${files}-file list ≤ 1.5 × fetch + res.json()`, ours.ms / plain.ms, 1.5, `${fmt(ours.ms / plain.ms, 2)} ×`],
        [
          `${files}-file list peak RSS ≤ fetch + res.json()'s`,
          ours.rssMB / plain.rssMB,
          1,
          `${fmt(ours.rssMB)} / ${fmt(plain.rssMB)} MB`,
        ],
      );
  }

  console.log(
    `\nnode ${process.version}, ${os.cpus().length} cores, ${os.platform()} (best of 3; naive fetch and lossless-json once)\n`,
  );
  console.log("| what | wall ms | MiB/s | peak RSS MB |\n| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.what} | ${fmt(r.ms)} | ${fmt(r.mbps)} | ${fmt(r.rssMB)} |`);

  console.log("\n| target | measured | met |\n| --- | ---: | --- |");
  let missed = 0;
  for (const [what, value, limit, shown] of targets) {
    const met = value <= limit;
    if (!met) missed++;
    console.log(`| ${what} | ${shown} | ${met ? "yes" : "**no**"} |`);
  }
  process.exitCode = missed ? 1 : 0;
} finally {
  server.closeAllConnections();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
