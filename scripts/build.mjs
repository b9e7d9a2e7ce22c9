#!/usr/bin/env node
// npm run build (and `prepare`, so `npm pack`, `npm publish` and git installs build first):
// compiles src/ and generated/ to dist/ as CommonJS, then adds a thin ESM wrapper next to each
// entry point (index.mjs + index.d.mts) that re-exports the CommonJS build by name. One copy of
// every module serves both `require` and `import`, so an error thrown through one is `instanceof`
// the class imported through the other (no dual-package hazard).
//
//   node scripts/build.mjs              always rebuild
//   node scripts/build.mjs --if-stale   rebuild only when an input changed since dist/ was built
//                                       (Jest's global setup: one cheap check per run)
//
// Readers never see a half-built dist/: it is built in a temporary folder and swapped in by rename
// (two builds at once each build their own; the last swap wins). A failed build leaves dist/ as it
// was.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dist = path.join(root, "dist");
const STAMP = ".inputs-sha256"; // in dist/, not packed (package.json "files" lists dist/src and dist/generated)
const ENTRIES = ["src/index", "src/sandbox/index"]; // the "exports" of package.json
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== "--if-stale");
if (unknown.length) {
  console.error(`build: unknown argument ${unknown[0]} (only --if-stale)`);
  process.exit(2);
}

// Everything the output depends on; the TypeScript version too, since it decides the emitted code.
function inputsHash() {
  const hash = createHash("sha256");
  const add = (rel) =>
    hash
      .update(`${rel}\0`)
      .update(fs.readFileSync(path.join(root, rel)))
      .update("\0");
  const walk = (rel) => {
    for (const e of fs
      .readdirSync(path.join(root, rel), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else add(child);
    }
  };
  walk("src");
  walk("generated");
  for (const file of fs
    .readdirSync(root)
    .filter((f) => /^tsconfig.*\.json$/.test(f))
    .sort())
    add(file);
  add("scripts/build.mjs");
  add("package.json");
  hash.update(require("typescript/package.json").version);
  return hash.digest("hex");
}

const hash = inputsHash();
if (args.includes("--if-stale")) {
  let built = "";
  try {
    built = fs.readFileSync(path.join(dist, STAMP), "utf8");
  } catch {
    // never built, or built by an older build.mjs
  }
  if (built === hash && ENTRIES.every((e) => fs.existsSync(path.join(dist, `${e}.js`)))) {
    console.log("dist/ is up to date");
    process.exit(0);
  }
}

// The temporary folder must be on dist/'s filesystem for the swap to be a rename:
// node_modules/.cache (ignored by git) unless node_modules is a link to another filesystem.
const cache = path.join(root, "node_modules/.cache/minimax-files");
fs.mkdirSync(cache, { recursive: true });
const tempParent = fs.statSync(cache).dev === fs.statSync(root).dev ? cache : root;
// A build killed before its clean-up leaves its folders behind; a build takes seconds, so any
// older than ten minutes belongs to no running build.
for (const stale of fs.readdirSync(tempParent).filter((f) => f.startsWith(".dist-build-"))) {
  const folder = path.join(tempParent, stale);
  if (Date.now() - fs.statSync(folder).mtimeMs > 10 * 60_000) fs.rmSync(folder, { recursive: true, force: true });
}
const temp = fs.mkdtempSync(path.join(tempParent, ".dist-build-"));
const started = Date.now();
try {
  buildInto(temp);
  await buildWeb(temp);
  swapIn(temp);
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`build: ${error.message}; dist/ left as it was`);
  process.exitCode = 1;
} finally {
  for (const leftover of fs.readdirSync(tempParent).filter((f) => f.startsWith(path.basename(temp)))) {
    fs.rmSync(path.join(tempParent, leftover), { recursive: true, force: true });
  }
}

function buildInto(temp) {
  try {
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--outDir", temp],
      { stdio: "inherit" },
    );
  } catch {
    throw new Error("tsc failed");
  }
  // tsc never copies .d.ts inputs, and dist/src/index.d.ts imports this one.
  fs.copyFileSync(path.join(root, "generated/schema.d.ts"), path.join(temp, "generated/schema.d.ts"));

  for (const entry of ENTRIES) {
    // The names come from the built module itself, so the wrapper cannot drift from it; listing
    // them (not `export *`) makes Node fail at load, not silently drop one, if it ever cannot
    // see a name in the CommonJS module.
    const names = Object.keys(require(path.join(temp, `${entry}.js`))).sort();
    if (names.length === 0) throw new Error(`${entry}.js exports nothing`);
    const header = `// ESM entry of minimax-files: the CommonJS build, re-exported (one copy for import and require).\n// Written by scripts/build.mjs.\n`;
    fs.writeFileSync(
      path.join(temp, `${entry}.mjs`),
      `${header}export {\n${names.map((n) => `  ${n},\n`).join("")}} from "./index.js";\n`,
    );
    fs.writeFileSync(path.join(temp, `${entry}.d.mts`), `${header}export * from "./index.js";\n`);
  }

  // Runnable as ./dist/… too (npm sets the bit itself when it installs the package).
  for (const bin of Object.values(pkg.bin)) {
    const file = path.join(temp, path.relative("dist", path.normalize(bin)));
    if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
  }

  fs.writeFileSync(path.join(temp, STAMP), hash);
  fs.chmodSync(temp, 0o755); // mkdtemp made it private
}

/**
 * The web build, dist/web/index.mjs: one ES module, its dependencies bundled in, for runtimes
 * without Node's built-ins (package.json's "workerd", "worker", "edge-light" and "browser"
 * conditions). The same src/, with the Node-only modules swapped for src/web/: fetch as the
 * transport, no file system (a path is an input error naming the runtime). A node: import left
 * anywhere else fails the build, so nothing in it can need Node at run time.
 */
async function buildWeb(temp) {
  const esbuild = await import("esbuild");
  const web = (name) => path.join(root, "src/web", name);
  const swaps = {
    "node:fs": web("node-fs.ts"),
    "node:path": web("node-path.ts"),
    "node:url": web("node-misc.ts"),
    "node:util": web("node-misc.ts"),
    "node:crypto": web("node-misc.ts"),
    "node:stream": web("node-misc.ts"),
    "mime-types": web("mime-types.ts"),
  };
  const swapNodeOnly = {
    name: "minimax-files-web",
    setup(build) {
      build.onResolve({ filter: /\/http\/node-transport$/ }, () => ({ path: web("fetch-transport.ts") }));
      build.onResolve({ filter: /^(node:|mime-types$)/ }, (args) =>
        swaps[args.path]
          ? { path: swaps[args.path] }
          : { errors: [{ text: `${args.path}, imported by ${path.relative(root, args.importer)}, has no web swap` }] },
      );
    },
  };
  const result = await esbuild
    .build({
      entryPoints: [path.join(root, "src/index.ts")],
      outfile: path.join(temp, "web/index.mjs"),
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["import", "default"],
      plugins: [swapNodeOnly],
      banner: { js: "// minimax-files, web build (scripts/build.mjs): for runtimes without Node's built-ins." },
      logLevel: "silent",
    })
    .catch((error) => {
      throw new Error(`the web build failed: ${error.message}`);
    });
  if (result.warnings.length) throw new Error(`the web build warned: ${result.warnings.map((w) => w.text).join("; ")}`);
  // No require of anything at run time: what workerd and browsers cannot load (esbuild's shim for
  // a CommonJS dependency's require would be one).
  const code = fs.readFileSync(path.join(temp, "web/index.mjs"), "utf8");
  if (/\b__require\b|\brequire\s*\(/.test(code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "")))
    throw new Error(
      "the web build calls require: a CommonJS dependency needs an ES module build or a swap in src/web/",
    );
}

function swapIn(temp) {
  // rename() will not replace a non-empty folder: move the old dist/ aside, then put the new one
  // in place. Another build may swap in between (its rename finds dist/ taken): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      fs.renameSync(dist, `${temp}.old${attempt}`);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
    try {
      fs.renameSync(temp, dist);
      break;
    } catch (error) {
      if (!["ENOTEMPTY", "EEXIST"].includes(error.code) || attempt >= 10) throw error;
    }
  }
}
