// "Import the typed client": build the package, install it (as a link) into a scratch project,
// type-check a TypeScript consumer against dist/ and run ESM and CommonJS consumers against Prism.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runNode } from "../helpers/run-node";
import { prismUrl } from "../helpers/prism";
import { ROOT } from "../helpers/spec";

let project: string;
beforeAll(async () => {
  const build = await runNode([path.join(ROOT, "scripts/build.mjs")]);
  expect(build).toMatchObject({ code: 0 });
  project = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-consumer-"));
  fs.mkdirSync(path.join(project, "node_modules"));
  fs.symlinkSync(ROOT, path.join(project, "node_modules/minimax-files"), "dir");
}, 120_000);
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const consumerEnv = () => ({ ...process.env, MINIMAX_API_KEY: "sk-consumer", PRISM_URL: prismUrl() });

it("type-checks a strict TypeScript consumer against the built declarations", async () => {
  fs.writeFileSync(
    path.join(project, "consumer.ts"),
    `import { MiniMaxFiles, MiniMaxAPIError, type FileObject, type paths } from "minimax-files";
const files = new MiniMaxFiles({ baseUrl: "http://127.0.0.1:4010" });
export async function main(): Promise<FileObject[]> {
  try { return await files.list({ purpose: "voice_clone" }); }
  catch (e) { if (e instanceof MiniMaxAPIError) console.error(e.statusCode, e.traceId); throw e; }
}
type ListQuery = paths["/v1/files/list"]["get"]["parameters"]["query"];
export const q: ListQuery = { purpose: "prompt_audio" };
// @ts-expect-error unknown purposes do not compile for consumers either
export const bad: ListQuery = { purpose: "nope" };
`,
  );
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, module: "Node16", moduleResolution: "Node16", target: "ES2022", lib: ["ES2022", "DOM"], types: [], noEmit: true, exactOptionalPropertyTypes: true }, files: ["consumer.ts"] }),
  );
  const tsc = require.resolve("typescript/bin/tsc");
  const result = await runNode([tsc, "-p", path.join(project, "tsconfig.json")], { cwd: project });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.code).toBe(0);
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
