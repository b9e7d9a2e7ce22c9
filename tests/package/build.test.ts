// scripts/build.mjs, run on a copy of the inputs (never on this checkout's dist/, which the other
// tests use while this runs): what it builds, when --if-stale skips, and that a failed or
// concurrent build never leaves a broken dist/ or its temporary folders behind.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

let copy: string;
const build = (...args: string[]) => runNode([path.join(copy, "scripts/build.mjs"), ...args], { cwd: copy });
const dist = (...parts: string[]) => path.join(copy, "dist", ...parts);
const leftovers = () =>
  fs
    .readdirSync(path.join(copy, "node_modules/.cache/minimax-files"))
    .concat(fs.readdirSync(copy).filter((f) => f.startsWith(".dist-build-")));

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-build-"));
  for (const item of [
    "src",
    "generated",
    "tsconfig.json",
    "tsconfig.build.json",
    "package.json",
    "scripts/build.mjs",
  ]) {
    fs.cpSync(path.join(ROOT, item), path.join(copy, item), { recursive: true });
  }
  // Its own node_modules folder (the build's temporary folders go in node_modules/.cache) whose
  // entries link to this checkout's.
  fs.mkdirSync(path.join(copy, "node_modules"));
  for (const entry of fs.readdirSync(path.join(ROOT, "node_modules")).filter((e) => e !== ".cache")) {
    fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(copy, "node_modules", entry));
  }
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

it("builds the CommonJS code, an ESM wrapper per entry point that re-exports every name, and an executable bin", async () => {
  const result = await build();
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toMatch(/^built dist\/ in [\d.]+ s\n$/);
  for (const entry of ["index", "sandbox/index"]) {
    const names = Object.keys(require(dist("src", `${entry}.js`))).sort();
    const wrapper = fs.readFileSync(dist("src", `${entry}.mjs`), "utf8");
    expect(wrapper).toContain(`export {\n${names.map((n) => `  ${n},\n`).join("")}} from "./index.js";`);
    expect(fs.readFileSync(dist("src", `${entry}.d.mts`), "utf8")).toContain('export * from "./index.js";');
  }
  expect(fs.existsSync(dist("generated/schema.d.ts"))).toBe(true);
  expect(fs.existsSync(dist("generated/openapi.json"))).toBe(true); // the sandbox's validator reads it at run time
  const bin = JSON.parse(fs.readFileSync(path.join(copy, "package.json"), "utf8")).bin["minimax-files"] as string;
  expect(fs.statSync(path.join(copy, bin)).mode & 0o111).toBe(0o111);
  expect(fs.readFileSync(path.join(copy, bin), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  expect(fs.statSync(dist()).mode & 0o777).toBe(0o755);
  expect(leftovers()).toEqual([]);
});

it("--if-stale leaves an up-to-date dist/ alone and rebuilds it when an input changes", async () => {
  const before = fs.statSync(dist()).ino;
  expect(await build("--if-stale")).toMatchObject({ code: 0, stdout: "dist/ is up to date\n" });
  expect(fs.statSync(dist()).ino).toBe(before);

  fs.appendFileSync(path.join(copy, "src/options.ts"), "\n// changed\n");
  const rebuilt = await build("--if-stale");
  expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringMatching(/^built dist\//) });
  expect(fs.statSync(dist()).ino).not.toBe(before);
  expect(await build("--if-stale")).toMatchObject({ code: 0, stdout: "dist/ is up to date\n" });
});

it("leaves dist/ as it was when the build fails, and no temporary folder", async () => {
  const before = fs.readFileSync(dist("src/index.js"), "utf8");
  const source = path.join(copy, "src/options.ts");
  const original = fs.readFileSync(source, "utf8");
  fs.appendFileSync(source, "\nexport const broken: number = 'not a number';\n");
  try {
    const result = await build();
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/error TS2322[\s\S]*build: tsc failed; dist\/ left as it was/);
  } finally {
    fs.writeFileSync(source, original);
  }
  expect(fs.readFileSync(dist("src/index.js"), "utf8")).toBe(before);
  expect(fs.existsSync(dist(".inputs-sha256"))).toBe(true);
  expect(leftovers()).toEqual([]);
});

it("two builds at once both succeed and leave one complete dist/", async () => {
  const results = await Promise.all([build(), build()]);
  expect(results.map((r) => r.code)).toEqual([0, 0]);
  for (const file of [
    "src/index.js",
    "src/index.mjs",
    "src/sandbox/index.d.mts",
    "generated/openapi.json",
    ".inputs-sha256",
  ])
    expect(fs.existsSync(dist(file))).toBe(true);
  expect(leftovers()).toEqual([]);
});

it("removes what a killed build left (older than ten minutes), not the folders of builds still running", async () => {
  const cache = path.join(copy, "node_modules/.cache/minimax-files");
  const killed = path.join(cache, ".dist-build-killed.old1");
  const running = path.join(cache, ".dist-build-running");
  for (const folder of [killed, running]) fs.mkdirSync(path.join(folder, "src"), { recursive: true });
  const anHourAgo = new Date(Date.now() - 3_600_000);
  fs.utimesSync(killed, anHourAgo, anHourAgo);
  try {
    expect(await build()).toMatchObject({ code: 0 });
    expect(leftovers()).toEqual([".dist-build-running"]);
  } finally {
    fs.rmSync(running, { recursive: true, force: true });
  }
});

it("refuses arguments it does not know", async () => {
  expect(await build("--watch")).toMatchObject({
    code: 2,
    stderr: "build: unknown argument --watch (only --if-stale)\n",
  });
});
