#!/usr/bin/env node
// npm run test:ecosystem [-- --only <target,…>] [--keep]: the packed package, installed as a user
// installs it, in one throwaway project per target (ecosystem-tests/<project>, after openai-node's
// ecosystem-tests/), each running ecosystem-tests/lifecycle.mjs (or, for TypeScript, a type check
// and a run) against a sandbox and a server that never answers, both on 127.0.0.1. The runtimes
// come from the npm registry: Node 22 and 24 from npm's `node` package, Bun and Deno from their
// npm packages (versions in ecosystem-tests/runtimes.json), installed once into node_modules/.cache.
// Prints a table of targets and exits 1 if one fails. Which targets cannot run yet, and why, is in
// docs/runtimes.md.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseCommandLine } from "./lib/command-line.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const usage = `Usage: npm run test:ecosystem -- [--only <target,…>] [--keep]

Packs the package, installs the tarball into one throwaway project per target and runs the same
lifecycle in each against a sandbox on 127.0.0.1. Exits 1 if a target fails.

  --only <list>  run these targets only (comma-separated; see the table for their names)
  --keep         keep the work folder (its path is printed)
  --help         this text`;
const values = parseCommandLine("test:ecosystem", usage, {
  only: { type: "string" },
  keep: { type: "boolean", default: false },
});
const HERE = path.join(root, "ecosystem-tests");
const runtimes = JSON.parse(fs.readFileSync(path.join(HERE, "runtimes.json"), "utf8"));
const STEP_LIMIT_MS = 240_000;

/** Runs a command to its end in its own process group; resolves with code and output, killed at the limit. */
function run(command, args, { cwd, env = process.env, limitMs = STEP_LIMIT_MS } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      out += `\n(killed after ${limitMs} ms)`;
    }, limitMs);
    child.on("error", (error) => resolve({ code: 127, out: `${command}: ${error.message}` }));
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out });
    });
  });
}
const must = async (what, command, args, options) => {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.out.slice(-3000)}`);
  return result.out;
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-ecosystem-"));
const servers = [];
try {
  // ---- the runtimes, installed once ----
  const cache = path.join(root, "node_modules/.cache/minimax-files/runtimes");
  const stamp = path.join(cache, "installed.json");
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== JSON.stringify(runtimes.packages)) {
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(path.join(cache, "package.json"), '{"private":true}\n');
    const specs = Object.entries(runtimes.packages).map(([name, version]) => `${name}@${version}`);
    await must("installing the runtimes", "npm", ["install", "--no-audit", "--no-fund", "--no-save", ...specs], {
      cwd: cache,
    });
    fs.writeFileSync(stamp, JSON.stringify(runtimes.packages));
  }
  // Node 22 and 24 from npm's `node` package through npx (cached by npm), as test:matrix gets them.
  const npxNode = (version) =>
    execFileSync("npx", ["-y", "-p", `node@${version}`, "node", "-p", "process.execPath"], { encoding: "utf8" }).trim();
  const exe = {
    node20: process.execPath,
    node22: npxNode(runtimes.node[1]),
    node24: npxNode(runtimes.node[2]),
    bun: path.join(cache, "node_modules/.bin/bun"),
    deno: path.join(cache, "node_modules/.bin/deno"),
  };

  // ---- the package, packed once and installed into a base project ----
  // npm pack packs dist/ as it is: build it first if an input changed.
  await must("the build", process.execPath, [path.join(root, "scripts/build.mjs"), "--if-stale"], { cwd: root });
  await must("npm pack", "npm", ["pack", "--pack-destination", work], { cwd: root });
  const tarball = path.join(
    work,
    fs.readdirSync(work).find((f) => f.endsWith(".tgz")),
  );
  const base = path.join(work, "base");
  fs.mkdirSync(base);
  fs.writeFileSync(path.join(base, "package.json"), '{"private":true}\n');
  const ts = require("typescript/package.json").version;
  const typesNode = require("@types/node/package.json").version;
  // The edge target's toolchain: esbuild bundles for it, edge-runtime runs it (the repo's versions).
  const esbuildVersion = require("esbuild/package.json").version;
  const edgeVersion = require("edge-runtime/package.json").version;
  await must(
    "installing the tarball",
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      tarball,
      `typescript@${ts}`,
      `@types/node@${typesNode}`,
      `esbuild@${esbuildVersion}`,
      `edge-runtime@${edgeVersion}`,
    ],
    { cwd: base },
  );

  // ---- what the targets talk to ----
  const { startSandbox } = require(path.join(base, "node_modules/minimax-files/dist/src/sandbox/index.js"));
  const sandbox = await startSandbox();
  servers.push(() => sandbox.close());
  const stall = http.createServer(() => undefined); // takes every request, answers none
  await new Promise((resolve) => stall.listen(0, "127.0.0.1", resolve));
  servers.push(() => (stall.closeAllConnections(), stall.close()));
  const { startFlakyServer } = await import(pathToFileURL(path.join(HERE, "flaky-server.mjs")).href);
  const flaky = await startFlakyServer();
  servers.push(() => flaky.close());
  const uploadFile = path.join(work, "chapter.txt");
  fs.writeFileSync(uploadFile, "a chapter, uploaded from a path\n");
  const env = {
    ...process.env,
    SANDBOX_URL: sandbox.url,
    SANDBOX_KEY: sandbox.apiKey,
    STALL_URL: `http://127.0.0.1:${stall.address().port}`,
    FLAKY_URL: flaky.url,
    WRANGLER: path.join(cache, "node_modules/wrangler/bin/wrangler.js"),
    MINIFLARE: path.join(cache, "node_modules/miniflare"),
    PUPPETEER: path.join(cache, "node_modules/puppeteer-core/lib/puppeteer/puppeteer-core.js"),
    ECOSYSTEM_FILE: uploadFile,
    NO_COLOR: "1",
  };
  delete env.NODE_OPTIONS;

  /** A throwaway project: the base install, plus the target's own files and the shared lifecycle. */
  const project = (name, from) => {
    const dir = path.join(work, name);
    fs.cpSync(base, dir, { recursive: true });
    fs.cpSync(path.join(HERE, from), dir, { recursive: true });
    for (const shared of ["lifecycle.mjs", "flaky-server.mjs"])
      fs.copyFileSync(path.join(HERE, shared), path.join(dir, shared));
    return dir;
  };
  const targets = [
    ...["node20", "node22", "node24"].flatMap((node) => [
      { name: `${node}-esm`, from: "node-esm", command: () => [exe[node], ["test.mjs"]] },
      { name: `${node}-cjs`, from: "node-cjs", command: () => [exe[node], ["test.cjs"]] },
    ]),
    ...["node16", "bundler"].map((kind) => ({
      name: `typescript-${kind}`,
      from: `node-ts-${kind}`,
      // One program for both projects; each project's tsconfig.json picks the resolution.
      prepare: async (dir) => {
        fs.copyFileSync(path.join(HERE, "typescript/test.ts"), path.join(dir, "test.ts"));
        await must(`tsc (${kind})`, process.execPath, ["node_modules/typescript/bin/tsc", "-p", "."], { cwd: dir });
      },
      command: () => [process.execPath, ["out/test.js"]],
      env: { TS_RESOLUTION: kind },
    })),
    { name: "bun", from: "bun", command: () => [exe.bun, ["test.ts"]] },
    { name: "deno", from: "deno", command: () => [exe.deno, ["run", "-A", "test.ts"]] },
    // Bundled by wrangler, run in workerd by Miniflare (the host on Node 22: wrangler needs it).
    ...["", "compat"].map((flag) => ({
      name: flag ? "workers-nodejs-compat" : "workers",
      from: "workers",
      command: () => [exe.node22, ["run.mjs", ...(flag ? [flag] : [])]],
    })),
    // A page in Debian's headless Chromium (puppeteer-core), the sandbox answering CORS for it.
    { name: "browser", from: "browser", command: () => [process.execPath, ["run.mjs"]] },
    // Web APIs only: the package's web build ("edge-light"), fetch as its transport.
    { name: "edge-runtime", from: "edge-runtime", command: () => [process.execPath, ["edge-runtime.mjs"]] },
    // A plain esbuild ESM bundle naming no runtime's condition, run there too: "import" is the web build.
    {
      name: "esbuild-plain-bundle",
      from: "edge-runtime",
      command: () => [process.execPath, ["edge-runtime.mjs", "neutral"]],
    },
  ];
  const only = values.only?.split(",").map((s) => s.trim());
  const unknown = only?.filter((name) => !targets.some((t) => t.name === name)) ?? [];
  if (unknown.length)
    throw new Error(`no target named ${unknown.join(", ")} (targets: ${targets.map((t) => t.name).join(", ")})`);

  const results = [];
  for (const target of targets.filter((t) => !only || only.includes(t.name))) {
    const started = Date.now();
    const dir = project(target.name, target.from);
    let outcome;
    try {
      await target.prepare?.(dir);
      const [command, args] = target.command();
      const { code, out } = await run(command, args, { cwd: dir, env: { ...env, ...target.env } });
      const line = out
        .trim()
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("{"));
      const { runtime, steps = {} } = line ? JSON.parse(line) : {};
      target.runtime = runtime;
      const failed = Object.entries(steps).filter(([, v]) => v !== "ok");
      // A runtime's warning on the console is a finding too (workerd's FormData warning, say).
      const noise = out
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("{"))
        .slice(0, 3);
      outcome =
        code === 0 && line && failed.length === 0 && noise.length === 0
          ? { ok: true, detail: `${runtime}: ${Object.keys(steps).join(", ")}` }
          : {
              ok: false,
              detail: [
                `exit ${code}`,
                ...failed.map(([k, v]) => `${k}: ${v}`),
                ...(line ? [] : ["no result line"]),
                ...noise,
              ].join("; "),
            };
    } catch (error) {
      outcome = { ok: false, detail: error.message.split("\n").slice(0, 4).join(" ") };
    }
    results.push({
      name: target.name,
      runtime: target.runtime,
      ...outcome,
      s: ((Date.now() - started) / 1000).toFixed(1),
    });
    console.log(`${outcome.ok ? "ok  " : "FAIL"} ${target.name} (${results.at(-1).s} s): ${outcome.detail}`);
  }
  console.log("\n| target | runtime | result | s |\n| --- | --- | --- | ---: |");
  for (const r of results)
    console.log(`| ${r.name} | ${r.runtime ?? ""} | ${r.ok ? "passed" : `**failed**: ${r.detail}`} | ${r.s} |`);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (error) {
  console.error(`test:ecosystem: ${error.message}`);
  process.exitCode = 1;
} finally {
  for (const close of servers) await close();
  if (values.keep) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
