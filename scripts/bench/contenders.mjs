// The benchmark's contenders, one per child process so that each one's peak RSS is its own.
// Usage: node contenders.mjs <name> <baseUrl> <arg>. Prints {"ms": <operation time>} on stdout
// (per-call contenders: {"ms": <µs per call>}).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { MiniMaxFiles } = createRequire(import.meta.url)(path.join(root, "dist/src/index.js"));
const [name, baseUrl, arg] = process.argv.slice(2);
const apiKey = "sk-bench-0123456789abcdef";
const client = new MiniMaxFiles({ apiKey, baseUrl, maxRetries: 0 });

/**
 * Microseconds per call of each of `calls`, warm: 200 calls each first, then 7 rounds of arg/7
 * calls, the contenders in turns; the median round of each.
 */
async function perCall(calls) {
  for (const call of Object.values(calls)) for (let i = 0; i < 200; i++) await call();
  const rounds = Object.fromEntries(Object.keys(calls).map((k) => [k, []]));
  const n = Math.max(1, Math.floor(Number(arg) / 7));
  for (let r = 0; r < 7; r++)
    for (const [name, call] of Object.entries(calls)) {
      const started = performance.now();
      for (let i = 0; i < n; i++) await call();
      rounds[name].push(((performance.now() - started) / n) * 1000);
    }
  return Object.fromEntries(Object.entries(rounds).map(([k, v]) => [k, v.sort((a, b) => a - b)[3]]));
}

const BIG_RUNS = 3;
/** One warm-up call, then the median of BIG_RUNS: a whole account's list in one answer. */
async function bigList(call) {
  await call();
  const times = [];
  for (let i = 0; i < BIG_RUNS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(BIG_RUNS / 2)];
}

const contenders = {
  // Our upload of a path, progress on (the callback runs for every chunk).
  async upload() {
    let last = 0;
    await client.upload(
      { file: arg, purpose: "video_understanding" },
      { onProgress: ({ loaded }) => void (last = loaded) },
    );
    if (!last) throw new Error("no progress reported");
  },
  // What Node users write without this package: fetch + FormData + fs.openAsBlob.
  async "naive-fetch"() {
    const form = new FormData();
    form.append("purpose", "video_understanding");
    form.append("file", await fs.openAsBlob(arg), path.basename(arg));
    const res = await fetch(`${baseUrl}/v1/files/upload`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    await res.arrayBuffer();
  },
  // Node's own https.request piping the same file (no multipart): the floor Node's TLS sets.
  async "node-https-upload"() {
    const https = await import("node:https");
    const size = fs.statSync(arg).size;
    await new Promise((resolve, reject) => {
      const req = https.request(
        `${baseUrl}/v1/files/upload`,
        { method: "POST", headers: { "content-length": size, "content-type": "application/octet-stream" } },
        (res) => {
          res.resume();
          res.on("end", resolve);
        },
      );
      req.on("error", reject);
      fs.createReadStream(arg, { highWaterMark: 1024 * 1024 }).pipe(req);
    });
  },
  async download() {
    await client.downloadTo("1", arg, { onProgress: () => undefined });
  },
  // Node's own http.get piped into a file (no checks, no temporary file): the floor Node sets.
  async "node-http-download"() {
    const http = await import("node:http");
    const { pipeline } = await import("node:stream/promises");
    await new Promise((resolve, reject) => {
      http
        .get(
          `${baseUrl}/v1/files/retrieve_content?file_id=1`,
          { headers: { authorization: `Bearer ${apiKey}` } },
          (res) => pipeline(res, fs.createWriteStream(arg)).then(resolve, reject),
        )
        .on("error", reject);
    });
  },
  // A list of many files (arg: the purpose the sink answers with that many), every id checked exact.
  async "big-list-client"() {
    return bigList(async () => {
      const files = await client.list({ purpose: arg });
      const last = files.at(-1);
      if (last.file_id !== String(9007199254740993n + BigInt(files.length - 1))) throw new Error("an id lost digits");
    });
  },
  async "big-list-fetch"() {
    return bigList(async () => {
      const res = await fetch(`${baseUrl}/v1/files/list?purpose=${arg}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body = await res.json();
      if (body.base_resp.status_code !== 0) throw new Error("failed");
    });
  },
  // The exact reading this package used before (for reference): fetch, then lossless-json.
  async "big-list-lossless"() {
    const { parse } = await import("lossless-json");
    return bigList(async () => {
      const res = await fetch(`${baseUrl}/v1/files/list?purpose=${arg}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body = parse(await res.text());
      if (body.base_resp.status_code.toString() !== "0") throw new Error("failed");
    });
  },
  // Per call, warm (arg: calls): ours, plain fetch, the raw client and node:http alone, taken in
  // turns round by round so that a change of load on the machine falls on all of them alike.
  async "per-call"() {
    const http = await import("node:http");
    const agent = new http.Agent({ keepAlive: true });
    const url = `${baseUrl}/v1/files/list?purpose=voice_clone`;
    const headers = { authorization: `Bearer ${apiKey}` };
    return perCall({
      client: async () => {
        const files = await client.list({ purpose: "voice_clone" });
        if (files[0].file_id !== "9223372036854775807") throw new Error("an id lost digits");
      },
      fetch: async () => {
        const body = await (await fetch(url, { headers })).json();
        if (body.base_resp.status_code !== 0) throw new Error("failed");
      },
      raw: async () => {
        const { data } = await client.raw.GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } } });
        if (data.base_resp.status_code !== 0) throw new Error("failed");
      },
      http: () =>
        new Promise((resolve, reject) => {
          const req = http.get(url, { agent, headers }, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (c) => (text += c));
            res.on("end", () => resolve(JSON.parse(text)));
          });
          req.on("error", reject);
        }),
    });
  },
  // The OpenAI Node SDK's files.list() (the peer users know) in turns with ours.
  async "per-call-openai"() {
    const { default: OpenAI } = await import("openai");
    const openai = new OpenAI({ apiKey, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
    return perCall({
      client: async () => {
        const files = await client.list({ purpose: "voice_clone" });
        if (files[0].file_id !== "9223372036854775807") throw new Error("an id lost digits");
      },
      openai: async () => {
        const page = await openai.files.list();
        if (page.data.length !== 1) throw new Error("failed");
      },
    });
  },
};

const started = performance.now();
const measured = await contenders[name]();
process.stdout.write(JSON.stringify({ ms: measured ?? performance.now() - started }));
