// The spec-update workflow of docs/spec-updates.md, end to end, on a copy of the repository for
// each kind of change MiniMax may make: `npm run spec:pull` from a local server serving changed
// copies of the docs pages (never the internet) → the diff it prints → `npm run generate` →
// `npm run build` → the client, built from the copy, against a server. Each case asserts what the
// maintainer is told and what the client then does. `npm test` on the copy is left out (it is this
// suite); the build type-checks src/ against the regenerated types, which is what breaks first.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { copyTree } from "../helpers/copy-tree";
import { NET_GUARD } from "../helpers/net-guard";
import { TEST_API_KEY } from "../helpers/observed-client";
import { runNode } from "../helpers/run-node";
import { ROOT } from "../helpers/spec";

jest.setTimeout(120_000);

const PAGES = path.join(ROOT, "openapi/sources/pages");
const EN = "platform.minimax.io/docs/api-reference";
let work: string;
let pagesDir: string;
let server: http.Server;
let base: string;
const served: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    served.push(req.url ?? "");
    const file = path.join(pagesDir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(pagesDir) || !fs.existsSync(file)) res.writeHead(404).end("not found");
    else res.writeHead(200, { "content-type": "text/markdown; charset=utf-8" }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "minimax-files-spec-update-"));
  pagesDir = path.join(work, "pages");
  fs.cpSync(PAGES, pagesDir, { recursive: true });
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A fresh copy of the repository, as `git clone` gives it (node_modules linked). */
function repository(): string {
  const repo = path.join(work, "repo");
  copyTree(repo);
  return repo;
}

/** Edits one served page: `replace` must match, so a test cannot pass on a page it did not change. */
function editPage(page: string, from: string, to: string) {
  const file = path.join(pagesDir, EN, page);
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

const pull = (repo: string, ...args: string[]) =>
  runNode([path.join(repo, "scripts/spec-pull.mjs"), "--from", base, ...args], { cwd: repo });
const generate = (repo: string) => runNode([path.join(repo, "scripts/generate.mjs")], { cwd: repo });
const build = (repo: string) => runNode([path.join(repo, "scripts/build.mjs")], { cwd: repo });

/** Runs a CommonJS program with the copy's built client (`client`) and sandbox (`sandbox`) in scope. */
function withClient(repo: string, body: string) {
  const program = `
const client = require(${JSON.stringify(path.join(repo, "dist/src/index.js"))});
const sandbox = require(${JSON.stringify(path.join(repo, "dist/src/sandbox/index.js"))});
const key = ${JSON.stringify(TEST_API_KEY)};
(async () => { ${body} })().then(
  (value) => console.log(JSON.stringify(value)),
  (error) => { console.log(JSON.stringify({ thrown: error.name, message: error.message, statusCode: error.statusCode, kind: error.kind })); },
);`;
  const file = path.join(work, "program.cjs");
  fs.writeFileSync(file, program);
  return runNode([file], { cwd: repo, timeoutMs: 30_000 }).then((r) => {
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "null");
  });
}

/** Every file under `dir` with the SHA-256 of its content: any change to any byte shows. */
const hashes = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return `${path.relative(dir, file)} ${crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex")}`;
    })
    .sort();

it("the stored pages, pulled, give today's openapi/openapi.json byte for byte and change nothing", async () => {
  const repo = repository();
  const before = hashes(path.join(repo, "openapi"));
  const result = await pull(repo, "--check");
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toContain("openapi/openapi.json is what the pages give");
  // The English and Chinese pages disagree on `video_generation_input`; the pull says so.
  expect(result.stdout).toMatch(
    /note: .*upload.*only the Chinese page \(file-management-upload\.zh\) lists `video_generation_input`/,
  );
  expect(hashes(path.join(repo, "openapi"))).toEqual(before);
  expect(served).toContain(`/${EN}/file-management-upload.md`);
});

it("(1) a new upload purpose: a minor bump, a warning naming the missing limits, and the client uploads with it", async () => {
  const repo = repository();
  editPage(
    "file-management-upload.md",
    "                    - video_understanding\n",
    "                    - video_understanding\n                    - music_generation_input\n",
  );
  const pulled = await pull(repo);
  expect(pulled).toMatchObject({ code: 0, stderr: "" });
  expect(pulled.stdout).toContain("wrote openapi/openapi.json");
  expect(pulled.stdout).toMatch(/\| non-breaking \| `#\/paths\/~1v1~1files~1upload\/.*purpose · enum`/);
  expect(pulled.stdout).toContain("`UPLOAD_PURPOSES`: added `music_generation_input`");
  expect(pulled.stdout).toContain("Semver bump for minimax-files: **minor**.");
  const record = JSON.parse(fs.readFileSync(path.join(repo, "openapi/sources/pages.json"), "utf8"));
  expect(record.pages.find((p: { id: string }) => p.id === "file-management-upload.en")).toMatchObject({
    url: "https://platform.minimax.io/docs/api-reference/file-management-upload.md",
    readFrom: `${base}/${EN}/file-management-upload.md`,
    sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
  });

  const generated = await generate(repo);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toContain(
    'warning: upload purpose "music_generation_input" has no entry in src/transfer/upload-limits.ts (UPLOAD_LIMITS): uploads with it are sent without format and size checks',
  );
  expect(await build(repo)).toMatchObject({ code: 0 });
  const uploaded = await withClient(
    repo,
    `const box = await sandbox.startSandbox();
     try {
       const files = new client.MiniMaxFiles({ apiKey: box.apiKey, baseUrl: box.url });
       const file = await files.upload({ file: client.toFile(Buffer.from("a song"), "song.xyz"), purpose: "music_generation_input" });
       return { purpose: file.purpose, bytes: file.bytes };
     } finally { await box.close(); }`,
  );
  expect(uploaded).toEqual({ purpose: "music_generation_input", bytes: 6 });
});

it("(2) a new business code in a status_code description: generate names what it lacks; the client reports it typed, not retried", async () => {
  const repo = repository();
  editPage(
    "file-management-upload.md",
    "            2049, Invalid API Key\n",
    "            2049, Invalid API Key\n\n            2077, A new kind of refusal\n",
  );
  const pulled = await pull(repo);
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toMatch(
    /\| non-breaking \| `#\/paths\/~1v1~1files~1upload\/.*status_code · description` \| .*2077, A new kind of refusal/,
  );
  expect(pulled.stdout).toContain("Semver bump for minimax-files: **patch**.");
  const generated = await generate(repo);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toContain(
    "status code 2077 (listed at #/components/schemas/UploadFileBaseResp/properties/status_code) has no entry in src/errors/error-map.ts (BUSINESS_CODES): it is reported as a plain MiniMaxAPIError, not retried",
  );
  expect(generated.stderr).toContain("has no named failure example (status_code_2077) in openapi/overlay.yaml");
  expect(await build(repo)).toMatchObject({ code: 0 });
  const error = await withClient(
    repo,
    `let calls = 0;
     const fetch = async () => (calls++, Response.json({ base_resp: { status_code: 2077, status_msg: "new" } }));
     const files = new client.MiniMaxFiles({ apiKey: key, baseUrl: "http://127.0.0.1:9", fetch, maxRetries: 3 });
     const e = await files.list({ purpose: "voice_clone" }).catch((e) => e);
     return { name: e.name, statusCode: e.statusCode, retryable: e.retryable, calls };`,
  );
  expect(error).toEqual({ name: "MiniMaxAPIError", statusCode: 2077, retryable: false, calls: 1 });
});

it("(3) an enum value removed: breaking, a major bump, and the client refuses the value before sending", async () => {
  const repo = repository();
  editPage("file-management-list.md", "              - prompt_audio\n", "");
  const pulled = await pull(repo);
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toMatch(
    /\| breaking \| `#\/paths\/~1v1~1files~1list\/get\/parameters\/0\/schema · enum` \| Enum lost values: 'prompt_audio'/,
  );
  expect(pulled.stdout).toContain("`LIST_PURPOSES`: removed `prompt_audio` (breaking)");
  expect(pulled.stdout).toContain("`listFiles`: a request that type-checked before no longer does (breaking)");
  expect(pulled.stdout).toContain("Semver bump for minimax-files: **major**");
  expect(await generate(repo)).toMatchObject({ code: 0 });
  expect(await build(repo)).toMatchObject({ code: 0 });
  const refused = await withClient(
    repo,
    `let calls = 0;
     const files = new client.MiniMaxFiles({ apiKey: key, baseUrl: "http://127.0.0.1:9", fetch: async () => (calls++, Response.json({})) });
     const e = await files.list({ purpose: "prompt_audio" }).catch((e) => e);
     return { name: e.name, calls };`,
  );
  expect(refused).toEqual({ name: "MiniMaxInputError", calls: 0 });
});

it("(4) a new optional response field: non-breaking, a minor bump, and the field is in the types", async () => {
  const repo = repository();
  editPage(
    "file-management-upload.md",
    "        purpose:\n          type: string\n          description: The purpose of the file.\n",
    "        purpose:\n          type: string\n          description: The purpose of the file.\n        expires_at:\n          type: integer\n          description: When the file expires.\n",
  );
  const pulled = await pull(repo);
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toMatch(
    /\| non-breaking \(addition\) \| `#\/paths\/~1v1~1files~1upload\/.*\/file\/properties\/expires_at`/,
  );
  expect(pulled.stdout).toContain("`uploadFile`: responses carry more than before");
  expect(pulled.stdout).not.toContain("(breaking)");
  expect(pulled.stdout).toContain("Semver bump for minimax-files: **minor**.");
  expect(await generate(repo)).toMatchObject({ code: 0 });
  const types = fs.readFileSync(path.join(repo, "generated/schema.d.ts"), "utf8");
  expect(types).toMatch(/\bexpires_at\?: number;/);
  expect(await build(repo)).toMatchObject({ code: 0 });
});

it("(5) file_id changing type: breaking; the ids stay decimal strings in the types, and generate says why", async () => {
  const repo = repository();
  editPage(
    "file-management-upload.md",
    "        file_id:\n          type: integer\n          format: int64\n          description: The unique identifier for the file.\n",
    "        file_id:\n          type: string\n          description: The unique identifier for the file.\n",
  );
  const pulled = await pull(repo);
  expect(pulled.code).toBe(0);
  expect(pulled.stdout).toMatch(
    /\| breaking \| `.*file_id · type` \| Type of `file_id` widened from 'integer' to 'string'/,
  );
  expect(pulled.stdout).toContain("Semver bump for minimax-files: **major**");
  const generated = await generate(repo);
  expect(generated.code).toBe(0);
  expect(generated.stderr).toContain(
    "#/components/schemas/FileObject/properties/file_id is a string in the spec, not an int64: it is typed as a string already, so the decimal-id transform does not apply there",
  );
  const types = fs.readFileSync(path.join(repo, "generated/schema.d.ts"), "utf8");
  expect(types).not.toMatch(/\bfile_id\??: number/);
  expect(await build(repo)).toMatchObject({ code: 0 });
});

describe("(6) a page that cannot be used: a clear error naming the page, and openapi/ left untouched", () => {
  it.each([
    [
      "missing",
      (file: string) => fs.rmSync(file),
      /cannot read page file-management-list\.en from .*file-management-list\.md: HTTP 404/,
    ],
    [
      "not parsable",
      (file: string) =>
        fs.writeFileSync(
          file,
          fs.readFileSync(file, "utf8").replace("      summary: List Files", "      summary: [List"),
        ),
      /page file-management-list\.en \(.*\): its YAML block does not parse/,
    ],
    [
      "without a YAML block",
      (file: string) => fs.writeFileSync(file, "# List Files\n\nmoved\n"),
      /page file-management-list\.en \(.*\) has no ````yaml block/,
    ],
  ])("a page %s", async (_, breakPage, message) => {
    const repo = repository();
    breakPage(path.join(pagesDir, EN, "file-management-list.md"));
    const before = hashes(path.join(repo, "openapi"));
    const result = await pull(repo);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("openapi/ was left as it was.");
    expect(result.stderr).not.toMatch(/\n\s+at .*\.m?js:\d+/);
    expect(hashes(path.join(repo, "openapi"))).toEqual(before);
  });
});

it("without network and without --from: fails fast, saying to pass --from, and writes nothing", async () => {
  const guard = path.join(work, "net-guard.cjs");
  fs.writeFileSync(guard, NET_GUARD);
  const log = path.join(work, "net.log");
  const started = Date.now();
  const result = await runNode([path.join(ROOT, "scripts/spec-pull.mjs"), "--check"], {
    env: { ...process.env, NODE_OPTIONS: `--require ${guard}`, NET_GUARD_LOG: log },
  });
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /^spec:pull: cannot read page file-management-upload\.en from https:\/\/platform\.minimax\.io\/docs\/api-reference\/file-management-upload\.md: .* \(no network\? pass --from <folder or base URL> with copies of the pages, laid out as <host>\/<path>\)\n/,
  );
  expect(fs.readFileSync(log, "utf8")).toMatch(/^BLOCKED (lookup|connect) platform\.minimax\.io/m);
});

it("docs/spec-updates.md gives the sequence this file runs: spec:pull, generate, npm test, commit", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs/spec-updates.md"), "utf8");
  const steps = page.slice(page.indexOf("## The steps"));
  const block = /```sh\n([\s\S]*?)```/.exec(steps)?.[1] ?? "";
  const commands = block
    .split("\n")
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter(Boolean);
  expect(commands).toEqual([
    "npm run spec:pull",
    "npm run generate",
    "npm test",
    "git add openapi generated src docs CHANGELOG.md && git commit",
  ]);
  for (const script of ["spec:pull", "generate"])
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts[script]).toBeDefined();
});
