#!/usr/bin/env node
// npm run check:package: the package as users get it. Packs the tarball (which runs `prepare`, a
// fresh build of dist/), checks what it holds (file list, publint --strict, attw), installs it
// into a new project the way a user would (dependencies from the registry), then requires and
// imports both entry points, type-checks strict consumers (nodenext and bundler resolution), runs
// the packed CLI, dry-runs `npm publish`, and installs the working tree from git as a fresh clone
// (`prepare` builds it there). Each step prints its name, output and time; a step runs unless one
// it needs failed, and the run exits 1 naming every step that failed. Temporary folders are
// removed at the end (--keep leaves them). Needs the npm registry (or npm's cache), git and tar.
// The consumer programs the steps copy into the test projects are in scripts/check-package/.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requireHere = createRequire(import.meta.url);
const TSC = requireHere.resolve("typescript/bin/tsc");
const TS_VERSION = requireHere("typescript/package.json").version;
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const keep = process.argv.includes("--keep");
// Node and TypeScript look for packages in every node_modules above the test projects: one there
// (say a /tmp/node_modules) would hide what the package fails to bring with it. The first
// temporary folder with none above it is used.
const hasNodeModulesAbove = (dir) => {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "node_modules"))) return true;
    if (path.dirname(d) === d) return false;
  }
};
const candidates = [
  ...new Set([os.tmpdir(), "/var/tmp"].filter((d) => fs.existsSync(d)).map((d) => fs.realpathSync(d))),
];
const base = candidates.find((d) => !hasNodeModulesAbove(d));
if (!base) {
  console.error(
    `check-package: every temporary folder (${candidates.join(", ")}) has a node_modules above it, which the test projects would use; set TMPDIR to a folder with none`,
  );
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(base, "minimax-files-check-"));
const project = path.join(work, "project");
const STEP_TIMEOUT_MS = 5 * 60_000;

// The environment `npm run` gives this script describes this repository (npm_config_local_prefix,
// npm_package_*): an npm started from it in another folder would act on this one. Keep only the
// settings that say how to reach the registry.
const KEPT_NPM_VARS =
  /^npm_config_(registry|cache|cafile|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|@.*:registry|\/\/.*)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || KEPT_NPM_VARS.test(k)));
Object.assign(env, {
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_prefer_offline: "true",
});

let current; // the running child, killed with its group if this script is interrupted
/** Runs a command to completion; rejects with its output when it fails or outlives the step's time. */
function run(command, args, { cwd = work } = {}) {
  return new Promise((resolve, reject) => {
    // Its own process group, so that a time-out or an interrupt ends npm's children too.
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => killGroup(child), STEP_TIMEOUT_MS);
    child.on("error", (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      const result = { code, stdout, stderr };
      if (code === 0) resolve(result);
      else
        reject(
          Object.assign(new Error(`${[command, ...args].join(" ")} exited with ${code ?? signal}`), {
            output: `${stdout}${stderr}`,
          }),
        );
    });
  });
}
function killGroup(child) {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
const node = (args, options) => run(process.execPath, args, options);
const npm = (args, options) => run("npm", args, options);
const bin = (name) => path.join(root, "node_modules/.bin", name);
const write = (file, text) => fs.writeFileSync(file, text.replace(/^\n/, ""));
// The programs the steps run in the test projects are real files beside this script.
const FIXTURES = path.join(root, "scripts/check-package");
const copy = (name, dir, as = name) => fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, as));

function cleanUp() {
  if (current) killGroup(current);
  if (keep) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanUp();
    process.kill(process.pid, signal);
  });
}

let tarball;
const steps = [
  {
    name: "pack",
    needs: [],
    run: async () => {
      await npm(["pack", "--pack-destination", work], { cwd: root });
      const packed = fs.readdirSync(work).filter((f) => f.endsWith(".tgz"));
      if (packed.length !== 1) throw new Error(`expected one tarball, found ${packed.join(", ") || "none"}`);
      tarball = path.join(work, packed[0]);
      return `${packed[0]}, ${(fs.statSync(tarball).size / 1024).toFixed(1)} kB`;
    },
  },
  {
    name: "contents",
    needs: ["pack"],
    run: async () => {
      // Only what users need: the compiled code, its declarations, the spec the sandbox reads at
      // run time, and the three files npm always adds. No sources, tests, maps or build stamps.
      const files = (await run("tar", ["-tzf", tarball])).stdout
        .split("\n")
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ""));
      const allowed =
        /^(package\.json|README\.md|LICENSE|dist\/src\/.+\.(js|mjs|d\.ts|d\.mts)|dist\/web\/index\.mjs|dist\/generated\/(constants\.js|constants\.d\.ts|schema\.d\.ts|openapi\.json))$/;
      const unexpected = files.filter((f) => !allowed.test(f));
      const targets = (value) =>
        typeof value === "string"
          ? [value]
          : value && typeof value === "object"
            ? Object.values(value).flatMap(targets)
            : [];
      const needed = [
        ...new Set(
          [
            ...targets(pkg.exports),
            pkg.main,
            pkg.types,
            ...targets(pkg.bin),
            "dist/generated/openapi.json",
            "LICENSE",
            "README.md",
          ].map((f) => path.posix.normalize(f)),
        ),
      ];
      const missing = needed.filter((f) => !files.includes(f));
      // scripts/ is not in the tarball, so no script of the repository's can run in an installed
      // package: npm would still warn about one (prepare) on every install (clean-package drops them).
      const packed = JSON.parse((await run("tar", ["-xzOf", tarball, "package/package.json"])).stdout);
      const notForUsers = ["scripts", "devDependencies", "allowScripts"].filter((field) => field in packed);
      if (unexpected.length || missing.length || notForUsers.length) {
        throw new Error(
          [
            ...unexpected.map((f) => `not for users: ${f}`),
            ...missing.map((f) => `missing: ${f} (named in package.json, or read at run time)`),
            ...notForUsers.map(
              (field) => `the packed package.json keeps "${field}", which cannot run or matter in an installed package`,
            ),
          ].join("\n"),
        );
      }
      return `${files.length} files, package.json without scripts`;
    },
  },
  {
    name: "publint --strict",
    needs: ["pack"],
    run: async () => (await run(bin("publint"), ["--strict", tarball])).stdout.trim(),
  },
  {
    name: "attw",
    needs: ["pack"],
    run: async () => (await run(bin("attw"), ["--format", "ascii", tarball])).stdout.trim(),
  },
  {
    name: "install",
    needs: ["pack"],
    run: async () => {
      fs.mkdirSync(project);
      await npm(["init", "-y"], { cwd: project });
      await npm(["install", tarball], { cwd: project });
      return (await npm(["ls", "--all"], { cwd: project })).stdout.trim();
    },
  },
  {
    name: "require (CommonJS)",
    needs: ["install"],
    run: async () => {
      for (const name of ["both-ways.cjs", "consumer.cjs"]) copy(name, project);
      return (await node(["consumer.cjs"], { cwd: project })).stdout.trim();
    },
  },
  {
    name: "import (ESM)",
    needs: ["install"],
    run: async () => {
      for (const name of ["both-ways.cjs", "consumer.mjs"]) copy(name, project);
      return (await node(["consumer.mjs"], { cwd: project })).stdout.trim();
    },
  },
  {
    // The README promises its quick start runs as written: run that very block, not a copy of it.
    name: "README quick start",
    needs: ["install"],
    run: async () => {
      const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
      const block = readme.match(/```js\n(\/\/ quickstart\.mjs\n[\s\S]*?)```/)?.[1];
      if (!block) throw new Error("README.md has no ```js block starting with // quickstart.mjs");
      write(path.join(project, "quickstart.mjs"), block);
      const { stdout } = await node(["quickstart.mjs"], { cwd: project });
      for (const expected of [
        /^uploaded \d+ chapter-1\.txt \d+ bytes$/m,
        /^listed \[ 'chapter-1\.txt' \]$/m,
        /^downloaded Chapter one\./m,
      ])
        if (!expected.test(stdout))
          throw Object.assign(new Error(`the quick start printed no line matching ${expected}`), { output: stdout });
      return stdout.trim();
    },
  },
  {
    // Every ts example in the docs runs as written, not only the quick start: against a sandbox,
    // through MINIMAX_BASE_URL (scripts/check-package/docs-blocks.mjs).
    name: "every docs example",
    needs: ["install"],
    run: async () => {
      const ts = requireHere("typescript");
      const docs = [
        "README.md",
        ...fs
          .readdirSync(path.join(root, "docs"))
          .filter((f) => f.endsWith(".md"))
          .sort()
          .map((f) => `docs/${f}`),
      ];
      const blocks = docs.flatMap((file) =>
        [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
          name: `${file.replace(/\.md$/, "").replace(/\//g, "-")}-${i + 1}`,
          code: ts.transpileModule(m[1], {
            compilerOptions: {
              module: ts.ModuleKind.ESNext,
              target: ts.ScriptTarget.ES2022,
              verbatimModuleSyntax: false,
            },
          }).outputText,
        })),
      );
      if (blocks.length < 4) throw new Error(`expected the docs' ts examples, found ${blocks.length}`);
      write(path.join(work, "docs-blocks.json"), JSON.stringify(blocks));
      copy("docs-blocks.mjs", project);
      return (await node(["docs-blocks.mjs", path.join(work, "docs-blocks.json")], { cwd: project })).stdout.trim();
    },
  },
  {
    name: "sandbox validation with Ajv installed",
    needs: ["install"],
    run: async () => {
      await npm(["install", "ajv@8", "ajv-formats@3"], { cwd: project });
      copy("validate.mjs", project);
      return (await node(["validate.mjs"], { cwd: project })).stdout.trim();
    },
  },
  {
    name: "tsc nodenext",
    needs: ["install"],
    run: () =>
      typeCheck("nodenext", { module: "nodenext", moduleResolution: "nodenext" }, ["consumer.mts", "consumer.cts"]),
  },
  {
    name: "tsc bundler",
    needs: ["install"],
    run: () => typeCheck("bundler", { module: "esnext", moduleResolution: "bundler" }, ["consumer.ts"]),
  },
  {
    name: "packed bin --help",
    needs: ["install"],
    run: async () => {
      const name = Object.keys(pkg.bin)[0];
      const linked = path.join(project, "node_modules/.bin", name);
      if (!fs.existsSync(linked))
        throw new Error(
          `npm installed no ${name} command: package.json "bin" points at ${pkg.bin[name]}, which the tarball lacks`,
        );
      const help = (await run(linked, ["--help"], { cwd: project })).stdout;
      if (!help.includes(name)) throw new Error(`--help printed no usage:\n${help}`);
      return `${help.split("\n")[0]} …`;
    },
  },
  {
    name: "npm publish --dry-run",
    needs: ["pack"],
    run: async () => {
      // From the checkout, as a real publish runs: npm warns about package.json fields it would
      // correct only there, not for a tarball. Scripts off: dist/ is as the pack step built it.
      const { stderr } = await npm(["publish", "--dry-run", "--ignore-scripts"], { cwd: root });
      // Only the registry login may be missing (this is a dry run); any other warning is about the
      // package (npm "auto-corrected" fields, a missing bin file, …).
      const warnings = stderr
        .split("\n")
        .filter((l) => /^npm warn/i.test(l) && !/requires you to be logged in/.test(l));
      if (warnings.length) throw new Error(warnings.join("\n"));
      return stderr
        .split("\n")
        .filter((l) => /Publishing to|total files/.test(l))
        .join("\n");
    },
  },
  { name: "git install", needs: [], run: gitInstall },
];

async function typeCheck(name, resolution, files) {
  const dir = path.join(project, `tsc-${name}`);
  fs.mkdirSync(dir);
  // One program, type-checked under each name the resolution mode has (.ts, .mts, .cts).
  for (const file of files) copy("consumer.ts", dir, file);
  // Node's types from this repository's @types/node (20, the oldest Node supported): a Node
  // library's users have them, and the declarations use its streams and fs types.
  const compilerOptions = {
    ...resolution,
    target: "es2022",
    lib: ["es2022"],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noPropertyAccessFromIndexSignature: true,
    skipLibCheck: false,
    typeRoots: [path.join(root, "node_modules/@types")],
    types: ["node"],
    noEmit: true,
  };
  write(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files }, null, 2));
  await node([TSC, "-p", path.join(dir, "tsconfig.json")], { cwd: dir });
  return `${files.join(", ")}: no errors (TypeScript ${TS_VERSION})`;
}

async function gitInstall() {
  // A clone of this repository with its working tree as it is now (committed there, not here), so
  // uncommitted work is what gets checked; on a clean checkout that is HEAD.
  const clone = path.join(work, "clone");
  await run("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
  const listed = (
    await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root })
  ).stdout
    .split("\0")
    .filter(Boolean);
  for (const file of listed) {
    const from = path.join(root, file);
    const to = path.join(clone, file);
    if (fs.existsSync(from)) {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
      fs.chmodSync(to, fs.statSync(from).mode);
    } else fs.rmSync(to, { force: true });
  }
  await run("git", ["add", "-A"], { cwd: clone });
  await run(
    "git",
    [
      "-c",
      "user.name=check-package",
      "-c",
      "user.email=check-package@localhost",
      "commit",
      "--quiet",
      "--allow-empty",
      "-m",
      "working tree",
    ],
    { cwd: clone },
  );
  if (fs.existsSync(path.join(clone, "dist")))
    throw new Error("the clone has a dist/ folder: it is built, not committed");
  const consumer = path.join(work, "git-consumer");
  fs.mkdirSync(consumer);
  await npm(["init", "-y"], { cwd: consumer });
  const { stderr } = await npm(["install", `git+file://${clone}`], { cwd: consumer });
  copy("git-check.cjs", consumer);
  copy("git-check.mjs", consumer);
  await node(["git-check.cjs"], { cwd: consumer });
  await node(["git-check.mjs"], { cwd: consumer });
  const warnings = stderr.split("\n").filter((l) => /^npm warn/i.test(l));
  return `npm install git+file://<clone>: built by prepare; require and import work${warnings.length ? `\nnpm said:\n${warnings.join("\n")}` : ""}`;
}

const started = Date.now();
const outcome = new Map(); // step name -> "passed" | "failed" | "not run"
const times = new Map();
console.log(`check-package: ${pkg.name}@${pkg.version} on Node ${process.version}, in ${work}`);
// Every step runs unless one it needs failed, so one run shows everything a change broke.
for (const { name, needs, run: check } of steps) {
  const blocked = needs.filter((n) => outcome.get(n) !== "passed");
  if (blocked.length) {
    outcome.set(name, "not run");
    console.log(`\n– ${name}: not run (needs ${blocked.join(", ")})`);
    continue;
  }
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  try {
    const detail = await check();
    if (detail) console.log(detail.replace(/^/gm, "  "));
    outcome.set(name, "passed");
  } catch (error) {
    if (error.output) console.error(error.output.trim().replace(/^/gm, "  "));
    console.error(`✘ ${name}: ${error.message}`);
    outcome.set(name, "failed");
  }
  times.set(name, (Date.now() - t0) / 1000);
  if (outcome.get(name) === "passed") console.log(`✔ ${name} (${times.get(name).toFixed(1)} s)`);
}
cleanUp();
const total = ((Date.now() - started) / 1000).toFixed(1);
const mark = { passed: "✔", failed: "✘", "not run": "–" };
console.log(
  `\n${steps.map(({ name }) => `${mark[outcome.get(name)]} ${(times.has(name) ? `${times.get(name).toFixed(1)} s` : "").padStart(7)}  ${name}`).join("\n")}`,
);
const failed = steps.filter(({ name }) => outcome.get(name) === "failed").map(({ name }) => name);
if (failed.length) {
  console.error(`\ncheck-package: FAILED: ${failed.join("; ")} (${total} s)`);
  process.exit(1);
}
console.log(`\ncheck-package: all ${steps.length} steps passed in ${total} s`);
