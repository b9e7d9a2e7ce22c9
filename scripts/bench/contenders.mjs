// The benchmark's contenders, one per child process so that each one's peak RSS is its own.
// Usage: node contenders.mjs <name> <baseUrl> <arg>. Prints {"ms": <operation time>} on stdout.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { MiniMaxFiles } = createRequire(import.meta.url)(path.join(root, "dist/src/index.js"));
const [name, baseUrl, arg] = process.argv.slice(2);
const apiKey = "sk-bench-0123456789abcdef";
const client = new MiniMaxFiles({ apiKey, baseUrl, maxRetries: 0 });
const { default: createClient } = await import("openapi-fetch");

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
  async download() {
    await client.downloadTo("1", arg, { onProgress: () => undefined });
  },
  async "list-client"() {
    for (let i = 0; i < Number(arg); i++) await client.list({ purpose: "voice_clone" });
  },
  // The floor the chosen stack sets: openapi-fetch alone, no middleware, Node's fetch.
  async "list-openapi-fetch"() {
    const bare = createClient({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });
    for (let i = 0; i < Number(arg); i++) {
      const { data } = await bare.GET("/v1/files/list", { params: { query: { purpose: "voice_clone" } } });
      if (data.base_resp.status_code !== 0) throw new Error("failed");
    }
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
  async "list-fetch"() {
    for (let i = 0; i < Number(arg); i++) {
      const res = await fetch(`${baseUrl}/v1/files/list?purpose=voice_clone`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      const body = await res.json();
      if (body.base_resp.status_code !== 0) throw new Error("failed");
    }
  },
};

const started = performance.now();
const measured = await contenders[name]();
process.stdout.write(JSON.stringify({ ms: typeof measured === "number" ? measured : performance.now() - started }));
