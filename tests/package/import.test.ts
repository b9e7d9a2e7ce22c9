// "Import the typed client": the package as built in dist/ (Jest's global setup builds it once per
// run), installed as a link into a scratch project: type-check strict consumers against dist/ for
// both conditions, run ESM and CommonJS consumers against Prism, and check that import and require
// share one copy. `npm run check:package` does the same and more on the packed tarball.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { prismUrl } from "../helpers/prism";
import { ROOT } from "../helpers/spec";

let project: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist/src/index.js")))
    throw new Error("dist/ is not built: run the tests through jest (its global setup builds dist/)");
  project = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-consumer-"));
  fs.mkdirSync(path.join(project, "node_modules"));
  fs.symlinkSync(ROOT, path.join(project, "node_modules/minimax-files"), "dir");
});
afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

const consumerEnv = () => ({ ...process.env, MINIMAX_API_KEY: "sk-consumer", PRISM_URL: prismUrl() });

const CONSUMER_TS = `import { MiniMaxFiles, MiniMaxAPIError, type FileObject, type paths } from "minimax-files";
import { startSandbox, type Sandbox } from "minimax-files/sandbox";
const files = new MiniMaxFiles({ baseUrl: "http://127.0.0.1:4010" });
export async function main(): Promise<FileObject[]> {
  try { return await files.list({ purpose: "voice_clone" }); }
  catch (e) { if (e instanceof MiniMaxAPIError) console.error(e.statusCode, e.traceId); throw e; }
}
export const sandbox: Promise<Sandbox> = startSandbox({ validate: false });
type ListQuery = paths["/v1/files/list"]["get"]["parameters"]["query"];
export const q: ListQuery = { purpose: "prompt_audio" };
// @ts-expect-error unknown purposes do not compile for consumers either
export const bad: ListQuery = { purpose: "nope" };
`;

it("type-checks strict TypeScript consumers against the built declarations, as CommonJS (.ts) and as ESM (.mts)", async () => {
  fs.writeFileSync(path.join(project, "consumer.ts"), CONSUMER_TS);
  fs.writeFileSync(path.join(project, "consumer.mts"), CONSUMER_TS);
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        lib: ["ES2022", "DOM"],
        types: [],
        noEmit: true,
        exactOptionalPropertyTypes: true,
      },
      files: ["consumer.ts", "consumer.mts"],
    }),
  );
  const tsc = require.resolve("typescript/bin/tsc");
  const result = await runNode([tsc, "-p", path.join(project, "tsconfig.json"), "--traceResolution"], { cwd: project });
  expect(result.code).toBe(0);
  // Each format got its own declarations: .d.ts for require, the ESM wrapper's .d.mts for import.
  const resolved = [
    ...result.stdout.matchAll(/Module name '(minimax-files[^']*)' was successfully resolved to '([^']+)'/g),
  ].map(([, name, file]) => `${name} -> ${path.relative(ROOT, fs.realpathSync(file as string))}`);
  expect([...new Set(resolved)].sort()).toEqual([
    "minimax-files -> dist/src/index.d.mts",
    "minimax-files -> dist/src/index.d.ts",
    "minimax-files/sandbox -> dist/src/sandbox/index.d.mts",
    "minimax-files/sandbox -> dist/src/sandbox/index.d.ts",
  ]);
});

it.each([
  ["ESM", "consumer.mjs", `import { MiniMaxFiles } from "minimax-files";`],
  ["CommonJS", "consumer.cjs", `const { MiniMaxFiles } = require("minimax-files");`],
])("runs an %s consumer against Prism", async (_, file, importLine) => {
  fs.writeFileSync(
    path.join(project, file),
    `${importLine}
const files = new MiniMaxFiles({ baseUrl: process.env.PRISM_URL });
(async () => {
  const listed = await files.list({ purpose: "voice_clone" });
  const one = await files.retrieve(listed[0].file_id);
  console.log(JSON.stringify({ count: listed.length, id: one.file_id }));
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  const result = await runNode([path.join(project, file)], { cwd: project, env: consumerEnv() });
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual({ count: expect.any(Number), id: expect.stringMatching(/^\d+$/) });
});

it("gives import and require one copy of the package: the same names, the same classes (an error from one is instanceof the other's)", async () => {
  fs.writeFileSync(
    path.join(project, "one-copy.mjs"),
    `import { createRequire } from "node:module";
import * as esm from "minimax-files";
import * as esmSandbox from "minimax-files/sandbox";
const require = createRequire(import.meta.url);
const cjs = require("minimax-files");
const cjsSandbox = require("minimax-files/sandbox");
const same = (a, b) => Object.keys(a).sort().join() === Object.keys(b).sort().join() && Object.keys(a).every((k) => a[k] === b[k]);
let error;
try { new esm.MiniMaxFiles({ apiKey: "sk-x", baseUrl: "not a url" }); } catch (e) { error = e; }
console.log(JSON.stringify({
  names: Object.keys(esm).length,
  client: same(esm, cjs),
  sandbox: same(esmSandbox, cjsSandbox),
  thrown: error?.constructor?.name,
  instanceofRequired: error instanceof cjs.MiniMaxError,
}));
`,
  );
  const result = await runNode([path.join(project, "one-copy.mjs")], { cwd: project });
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual({
    names: Object.keys(require(path.join(ROOT, "dist/src/index.js"))).length,
    client: true,
    sandbox: true,
    thrown: "MiniMaxConfigError",
    instanceofRequired: true,
  });
});
