// --mock: the sandbox started inside the one command (no key, no server to run), with state that
// lasts for that command only, as --help says.
import fs from "node:fs";
import path from "node:path";
import { FIRST_FILE_ID } from "../../src/sandbox";
import { assertBuilt, exitCode, runCli, scratchDir, SECRET_KEY } from "../helpers/cli";

const dir = scratchDir("mock");
beforeAll(assertBuilt);

it("uploads without a key, ids above 2^53 exact; the next command starts with an empty sandbox", async () => {
  const file = dir.write("hello.txt", "hello from the mock\n");
  // A key in the environment is neither needed nor used (nor shown).
  const env = { MINIMAX_API_KEY: SECRET_KEY };
  const uploaded = await runCli(
    ["upload", file, file, "--purpose", "t2a_async_input", "--mock", "--json", "--concurrency", "1"],
    { env },
  );
  expect(uploaded).toMatchObject({ code: 0, stderr: "" });
  const ids = JSON.parse(uploaded.stdout).map((o: { file: { file_id: string } }) => o.file.file_id);
  // Counting up from the sandbox's first id, which a JS number cannot hold.
  expect(ids).toEqual([FIRST_FILE_ID.toString(), (FIRST_FILE_ID + 1n).toString()]);

  const listed = await runCli(["--mock", "list", "--purpose", "t2a_async_input", "--json"], { env });
  expect(listed).toMatchObject({ code: 0, stdout: "[]\n", stderr: "" });
  const retrieved = await runCli(["retrieve", ids[0], "--mock"]);
  expect(retrieved.code).toBe(exitCode("refused"));
  expect(retrieved.stderr).toMatch(
    new RegExp(
      `^minimax-files: retrieveFile .* failed: MiniMax status 2013 "file not found: ${ids[0]}".*\\(Trace-Id [0-9a-f]+\\)\\n$`,
    ),
  );
  expect(uploaded.stdout + listed.stdout + retrieved.stderr).not.toContain(SECRET_KEY);
});

it("prints a summary line, and removes the sandbox's files when the command ends", async () => {
  const file = dir.write("voice.wav", Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(2048)]));
  const tmp = fs.mkdtempSync(path.join(dir.path, "tmp-"));
  const result = await runCli(["upload", file, "--purpose", "prompt_audio", "--mock"], { env: { TMPDIR: tmp } });
  expect(result).toMatchObject({
    code: 0,
    stdout: `uploaded ${file}: file_id ${FIRST_FILE_ID} (2.00 KiB, prompt_audio)\n`,
    stderr: "",
  });
  expect(fs.readdirSync(tmp)).toEqual([]);
});

it("a sandbox that cannot start (TMPDIR missing): the input exit code and what to set, not a CLI bug", async () => {
  const result = await runCli(["--mock", "list", "--purpose", "t2a_async_input"], {
    env: { TMPDIR: path.join(dir.path, "no-such-folder") },
  });
  expect(result.code).toBe(exitCode("input"));
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(
    /^minimax-files: --mock could not start its sandbox \(.*ENOENT.*\)\. .*set TMPDIR to a writable folder\.\n$/,
  );
});
