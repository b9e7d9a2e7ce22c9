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
await contenders[name]();
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
