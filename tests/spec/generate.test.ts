// scripts/generate.mjs: validation of the stored document, the overlay, and generate:check.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

const GENERATE = path.join(ROOT, "scripts/generate.mjs");
const STORED = path.join(ROOT, "openapi/openapi.json");
const OVERLAY = path.join(ROOT, "openapi/overlay.yaml");

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-generate-"));
  fs.cpSync(path.join(ROOT, "generated"), path.join(dir, "generated"), { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const readStored = () => JSON.parse(fs.readFileSync(STORED, "utf8"));
function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
const generate = (...args: string[]) => runNode([GENERATE, "--out", path.join(dir, "generated"), ...args]);

it("generate:check passes on the committed generated/", async () => {
  const result = await runNode([GENERATE, "--check"]);
  expect(result).toMatchObject({ code: 0, stderr: "" });
});

it("a new purpose value makes generate:check fail, naming the stale files, until generate runs", async () => {
  const stored = readStored();
  stored.paths["/v1/files/upload"].post.requestBody.content["multipart/form-data"].schema.properties.purpose.enum.push("video_generation_input");
  const spec = writeJson("openapi.json", stored);

  const stale = await generate("--check", "--spec", spec);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain(`stale: ${path.relative(ROOT, path.join(dir, "generated/openapi.json"))}`);
  expect(stale.stderr).toContain("generated/schema.d.ts");

  expect((await generate("--spec", spec)).code).toBe(0);
  expect(fs.readFileSync(path.join(dir, "generated/schema.d.ts"), "utf8")).toMatch(/purpose: "voice_clone" \| "prompt_audio" \| "t2a_async_input" \| "video_understanding" \| "video_generation_input";/);
  expect(await generate("--check", "--spec", spec)).toMatchObject({ code: 0 });
});

it("a hand edit to generated/ is caught", async () => {
  fs.appendFileSync(path.join(dir, "generated/schema.d.ts"), "\n// edited by hand\n");
  const result = await generate("--check");
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/stale: .*generated\/schema\.d\.ts/);
  expect(result.stderr).not.toMatch(/openapi\.json/);
});

it("maps format: binary to Blob, so the upload's file is not a string", () => {
  const types = fs.readFileSync(path.join(ROOT, "generated/schema.d.ts"), "utf8");
  expect(types).toMatch(/\bfile: Blob;/);
  expect(types.startsWith("/**\n * DO NOT EDIT.")).toBe(true);
});

it("rejects a structurally broken document with a message naming the location", async () => {
  const stored = readStored();
  stored.paths["/v1/files/retrieve"].get.parameters[0].in = "body"; // an OAS 2 location
  const result = await generate("--spec", writeJson("broken.json", stored));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("is not a valid OpenAPI 3.1 document");
  expect(result.stderr).toContain('at paths["/v1/files/retrieve"].get.parameters[0].in: must be equal to one of the allowed values (query, header, path, cookie)');
  expect(result.stderr).not.toMatch(/\n\s+at .*\.m?js:\d+/); // a message, not a stack trace
});

it("rejects a dangling $ref with swagger-parser's message", async () => {
  const stored = readStored();
  stored.paths["/v1/files/list"].get.responses["200"].content["application/json"].schema.$ref = "#/components/schemas/NoSuchThing";
  const result = await generate("--spec", writeJson("dangling.json", stored));
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/NoSuchThing/);
});

it("rejects a file that is not JSON, naming the file", async () => {
  const file = path.join(dir, "garbage.json");
  fs.writeFileSync(file, "openapi: [");
  const result = await generate("--spec", file);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/garbage\.json cannot be used:\n\s+- cannot parse it/);
});

it("fails when an overlay action no longer matches the upstream document", async () => {
  const overlay = path.join(dir, "overlay.yaml");
  fs.writeFileSync(overlay, `${fs.readFileSync(OVERLAY, "utf8")}  - target: $.components.schemas.NoSuchSchema\n    description: stale correction\n    update: { x-test: 1 }\n`);
  const result = await generate("--overlay", overlay);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("action on $.components.schemas.NoSuchSchema matched nothing");
});

it("fails when an overlay action does not say why", async () => {
  const overlay = path.join(dir, "overlay.yaml");
  fs.writeFileSync(overlay, `${fs.readFileSync(OVERLAY, "utf8")}  - target: $.info\n    update: { x-test: 1 }\n`);
  const result = await generate("--overlay", overlay);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("action on $.info has no description");
});

it("swagger-parser 12's bundled 3.1 schema still rejects a license with only `name`, which is why its schema pass is off", async () => {
  // When this starts failing, swagger-parser's schema is fixed: re-enable it in scripts/lib/spec.mjs.
  await expect(SwaggerParser.validate(readStored())).rejects.toThrow(/#\/info\/license must have required property/);
});
