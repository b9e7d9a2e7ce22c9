// Every command of the built CLI against the sandbox (validating, so what the CLI sends is checked
// against the spec too): upload → list → retrieve → download → delete, for people and with --json.
// The sandbox's ids are above 2^53: any step that let one pass through a JS number would change it.
import fs from "node:fs";
import path from "node:path";
import { parse, isLosslessNumber } from "lossless-json";
import { startSandbox, type Sandbox } from "../../src/sandbox";
import { assertBuilt, exitCode, runCli, scratchDir, type CliResult } from "../helpers/cli";

let sandbox: Sandbox;
const dir = scratchDir("commands");
beforeAll(async () => {
  assertBuilt();
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

const cli = (args: string[], cwd = dir.path) =>
  runCli(["--base-url", sandbox.url, ...args], { env: { MINIMAX_API_KEY: sandbox.apiKey }, cwd });

/** The whole of stdout as one JSON document (JSON.parse fails on anything around it). */
const jsonOf = (result: CliResult): any => JSON.parse(result.stdout);

/** The file_id the sandbox wrote in its last answer to `operation`, as the exact digits on the wire. */
function idsOnTheWire(operation: string): string[] {
  return sandbox.exchanges
    .filter((e) => e.operation === operation && e.response.body)
    .map((e) => parse(e.response.body!) as any)
    .map((body) => body.file?.file_id ?? body.file_id)
    .filter(isLosslessNumber)
    .map(String);
}

it("runs upload, list, retrieve, download and delete with --json: one document each, ids exact above 2^53, requests as the spec documents", async () => {
  const chapter = dir.write("chapter one.txt", "chapter one: a text for asynchronous speech\n");
  const archive = dir.write(
    "book.zip",
    Buffer.from("PK\u0003\u0004 not really a zip, the sandbox reads the name only"),
  );

  const uploaded = await cli(["upload", chapter, archive, "--purpose", "t2a_async_input", "--json"]);
  expect(uploaded).toMatchObject({ code: 0, stderr: "" });
  const files = jsonOf(uploaded);
  expect(files.map((f: any) => f.path)).toEqual([chapter, archive]);
  const ids: string[] = files.map((f: any) => f.file.file_id);
  // As the sandbox wrote them, digit for digit (JSON.parse would have rounded them).
  expect([...ids].sort()).toEqual(idsOnTheWire("uploadFile").sort());
  for (const id of ids) expect(BigInt(id) > 2n ** 53n).toBe(true);
  expect(files[0].file).toMatchObject({
    filename: path.basename(chapter),
    bytes: fs.statSync(chapter).size,
    purpose: "t2a_async_input",
  });

  const listed = await cli(["list", "--purpose", "t2a_async_input", "--json"]);
  expect(listed).toMatchObject({ code: 0, stderr: "" });
  expect(jsonOf(listed)).toEqual(expect.arrayContaining(files.map((f: any) => f.file)));
  expect(jsonOf(listed)).toHaveLength(2);

  const retrieved = await cli(["retrieve", ids[0]!, "--json"]);
  expect(retrieved).toMatchObject({ code: 0, stderr: "" });
  expect(jsonOf(retrieved)).toEqual(files[0].file);

  const copy = path.join(dir.path, "copy.txt");
  const downloaded = await cli(["download", ids[0]!, "-o", copy, "--json"]);
  expect(downloaded).toMatchObject({ code: 0, stderr: "" });
  expect(jsonOf(downloaded)).toEqual({ file_id: ids[0], path: copy, bytes: fs.statSync(chapter).size });
  expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(chapter));

  const deleted = await cli(["delete", ...ids, "--purpose", "t2a_async_input", "--json"]);
  expect(deleted).toMatchObject({ code: 0, stderr: "" });
  expect(jsonOf(deleted)).toEqual(ids.map((id) => ({ file_id: id, deleted: true })));

  const empty = await cli(["list", "--purpose", "t2a_async_input", "--json"]);
  expect(jsonOf(empty)).toEqual([]);
  expect(sandbox.requestFindings).toEqual([]);
  expect(sandbox.findings).toEqual([]);
});

it("prints a summary line per upload, a table for list, a record for retrieve, and what download and delete did", async () => {
  const voice = dir.write("voice.mp3", Buffer.concat([Buffer.from("ID3"), Buffer.alloc(3000, 7)]));
  const up = await cli(["upload", voice, "--purpose", "voice_clone"]);
  expect(up).toMatchObject({ code: 0, stderr: "" });
  const id = /file_id (\d+)/.exec(up.stdout)?.[1];
  expect(id).toBe(idsOnTheWire("uploadFile").at(-1));
  expect(up.stdout).toBe(`uploaded ${voice}: file_id ${id} (2.93 KiB, voice_clone)\n`);

  const list = await cli(["list", "--purpose", "voice_clone"]);
  expect(list).toMatchObject({ code: 0, stderr: "" });
  const [header, row, ...rest] = list.stdout.trimEnd().split("\n");
  expect(header!.split(/\s+/)).toEqual(["FILE_ID", "FILENAME", "BYTES", "CREATED_AT", "PURPOSE"]);
  expect(row!.split(/\s+/)).toEqual([
    id,
    "voice.mp3",
    "3003",
    expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    "voice_clone",
  ]);
  expect(rest).toEqual([]);

  const record = await cli(["retrieve", id!]);
  expect(record).toMatchObject({ code: 0, stderr: "" });
  expect(record.stdout).toMatch(new RegExp(`^file_id: +${id}$`, "m"));
  expect(record.stdout).toMatch(/^filename: +voice\.mp3$/m);
  expect(record.stdout).toMatch(/^bytes: +3003 \(2\.93 KiB\)$/m);

  // Without -o: the stored name, in the current folder; a second time it is refused, the first copy kept.
  const into = fs.mkdtempSync(path.join(dir.path, "into-"));
  const saved = await cli(["download", id!], into);
  expect(saved).toMatchObject({ code: 0, stderr: "" });
  expect(saved.stdout).toBe(`saved ${path.join(into, "voice.mp3")} (2.93 KiB)\n`);
  expect(fs.readFileSync(path.join(into, "voice.mp3"))).toEqual(fs.readFileSync(voice));
  const again = await cli(["download", id!], into);
  expect(again.code).toBe(exitCode("input"));
  expect(again.stderr).toMatch(/^minimax-files: "voice\.mp3" exists already: pass -o "voice\.mp3" to replace it/);
  expect(fs.readdirSync(into)).toEqual(["voice.mp3"]);

  const gone = await cli(["delete", id!, "--purpose", "voice_clone"]);
  expect(gone).toMatchObject({ code: 0, stdout: `deleted ${id}\n`, stderr: "" });
  const none = await cli(["list", "--purpose", "voice_clone"]);
  expect(none.stdout).toBe("no files with purpose voice_clone\n");
});

it("checks every file of a batch before sending any: one bad file, no request, every problem at once", async () => {
  const good = dir.write("good.txt", "fine\n");
  const wrongFormat = dir.write("wrong.mp3", "ID3 not a text\n");
  const missing = path.join(dir.path, "missing.txt");
  const uploadsBefore = sandbox.exchanges.filter((e) => e.operation === "uploadFile").length;
  const result = await cli([
    "upload",
    wrongFormat,
    good,
    missing,
    "--purpose",
    "t2a_async_input",
    "--concurrency",
    "2",
    "--json",
  ]);
  expect(result.code).toBe(exitCode("input"));
  expect(sandbox.exchanges.filter((e) => e.operation === "uploadFile")).toHaveLength(uploadsBefore);
  const outcomes = jsonOf(result);
  expect(outcomes.map((o: any) => o.path)).toEqual([wrongFormat, good, missing]);
  expect(outcomes[1]).toEqual({ path: good, skipped: "not sent: another file of the batch was refused" });
  for (const failed of [outcomes[0], outcomes[2]])
    expect(failed.error).toMatchObject({ kind: "input", exitCode: exitCode("input"), name: "MiniMaxInputError" });
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toEqual([
    expect.stringMatching(
      new RegExp(`^minimax-files: ${wrongFormat}: t2a_async_input takes txt, zip files .*pass --no-check-limits`),
    ),
    expect.stringMatching(new RegExp(`^minimax-files: ${missing}: .*no such file`)),
    `minimax-files: 2 of 3 files cannot be uploaded, so none was sent: ${wrongFormat}, ${missing}`,
  ]);
});

it("uploads several files at once, reports each, and exits with the first failure's code naming every failed file", async () => {
  const good = dir.write("good-too.txt", "fine\n");
  const wrongFormat = dir.write("wrong-too.mp3", "ID3 not a text\n");
  // --no-check-limits: the CLI sends the wrong format, and the sandbox refuses it as MiniMax documents (2013).
  const result = await cli([
    "upload",
    wrongFormat,
    good,
    "--purpose",
    "t2a_async_input",
    "--no-check-limits",
    "--concurrency",
    "2",
    "--json",
  ]);
  expect(result.code).toBe(exitCode("refused"));
  const outcomes = jsonOf(result);
  expect(outcomes.map((o: any) => o.path)).toEqual([wrongFormat, good]);
  expect(outcomes[1].file.file_id).toBe(idsOnTheWire("uploadFile").at(-1));
  expect(outcomes[0].error).toMatchObject({ kind: "refused", exitCode: exitCode("refused"), name: "BadRequestError" });
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^minimax-files: ${wrongFormat}: uploadFile .*2013`)),
    `minimax-files: 1 of 2 uploads failed: ${wrongFormat}`,
  ]);
});

it("reports MiniMax's refusal (an unknown id) with its exit code and Trace-Id, and deletes what it can", async () => {
  const unknown = (2n ** 62n).toString();
  const result = await cli(["retrieve", unknown]);
  expect(result.code).toBe(exitCode("refused"));
  expect(result.stdout).toBe("");
  const traceId = sandbox.exchanges.at(-1)!.response.headers["trace-id"];
  expect(result.stderr).toBe(
    `minimax-files: retrieveFile (GET ${sandbox.url}/v1/files/retrieve?file_id=${unknown}) failed: MiniMax status 2013 "file not found: ${unknown}". Please check the request parameters. (Trace-Id ${traceId})\n`,
  );

  const kept = dir.write("kept.txt", "kept\n");
  const id = jsonOf(await cli(["upload", kept, "--purpose", "t2a_async_input", "--json"]))[0].file.file_id;
  const mixed = await cli(["delete", unknown, id, "--purpose", "t2a_async_input"]);
  expect(mixed.code).toBe(exitCode("refused"));
  expect(mixed.stdout).toBe(`deleted ${id}\n`);
  expect(mixed.stderr).toMatch(
    new RegExp(
      `^minimax-files: ${unknown}: deleteFile .*file not found.*\\n minimax-files: 1 of 2 deletes failed: ${unknown}\\n$`.replace(
        "\\n ",
        "\\n",
      ),
    ),
  );
});

it("refuses a wrong key with the auth exit code, never printing the key", async () => {
  const key = "sk-wrong-key-for-the-sandbox-0123";
  const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", sandbox.url], {
    env: { MINIMAX_API_KEY: key },
  });
  expect(result.code).toBe(exitCode("auth"));
  expect(result.stderr).toMatch(/^minimax-files: listFiles .* failed: MiniMax status 1004 .*Trace-Id [0-9a-f]+\)\n$/);
  expect(result.stdout + result.stderr).not.toContain(key);
});
