// The command line itself: --help and --version, bad flags (usage), bad inputs (input) and a
// missing key (auth), each with its documented exit code and a one-line message, and nothing sent:
// the CLI points at a capture server that records any request that reaches it.
import fs from "node:fs";
import path from "node:path";
import { DELETE_PURPOSES, LIST_PURPOSES, REGION_BASE_URLS, UPLOAD_PURPOSES } from "../../src";
import { EXIT_CODES, exitCodesHelp } from "../../src/cli/exit-codes";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { ROOT } from "../helpers/spec";
import { assertBuilt, exitCode, runCli, scratchDir, SECRET_KEY } from "../helpers/cli";

let capture: FakeServer;
const dir = scratchDir("usage");
beforeAll(async () => {
  assertBuilt();
  capture = await startFakeServer(() => ({ status: 500, body: "no request should have reached the server" }));
});
afterAll(() => capture.close());
afterEach(() => {
  expect(capture.requests).toEqual([]);
});

const withKey = { env: { MINIMAX_API_KEY: SECRET_KEY } };
/** Help as words: commander wraps it to the terminal's width. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("--help", () => {
  it("lists every command, every global flag and the exit-code table, and never the key", async () => {
    const result = await runCli(["--help"], withKey);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    for (const command of [
      "upload [options] <path...>",
      "list [options]",
      "retrieve <file_id>",
      "download [options] <file_id>",
      "delete [options] <file_id...>",
    ]) {
      expect(result.stdout).toContain(command);
    }
    for (const flag of [
      "--api-key <key>",
      "--region <region>",
      "--base-url <url>",
      "--timeout <ms>",
      "--max-retries <n>",
      "--json",
      "--mock",
      "-h, --help",
      "-V, --version",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(flat(result.stdout)).toContain(
      `choices: ${Object.keys(REGION_BASE_URLS)
        .map((r) => `"${r}"`)
        .join(", ")}`,
    );
    expect(flat(result.stdout)).toContain("(default: $MINIMAX_API_KEY");
    // The table --help prints is the one exit codes are chosen from, every row of it.
    expect(result.stdout).toContain(exitCodesHelp());
    for (const row of EXIT_CODES)
      expect(flat(result.stdout)).toContain(
        ` ${row.code} ${row.kind} ${flat(row.when)}${row.errors ? ` [${row.errors}]` : ""}`,
      );
    expect(
      Math.max(
        ...exitCodesHelp()
          .split("\n")
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(80);
    // What --mock does and how long its files last.
    expect(result.stdout).toMatch(
      /--mock starts the sandbox .* inside\nthis one command and stops it when the command ends/,
    );
    expect(result.stdout).not.toContain(SECRET_KEY);
  });

  it("is static text: not redacted when the exported key appears in it (the sandbox's documented key)", async () => {
    const result = await runCli(["--help"], { env: { MINIMAX_API_KEY: "sandbox-key" } });
    expect(result.code).toBe(0);
    expect(flat(result.stdout)).toContain("--base-url http://127.0.0.1:4011 --api-key sandbox-key.");
    expect(result.stdout).not.toContain("[REDACTED]");
  });

  it("shows each command's own flags with the global ones", async () => {
    const result = await runCli(["upload", "--help"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain(`--purpose <purpose>`);
    expect(flat(result.stdout)).toContain(`(choices: ${UPLOAD_PURPOSES.map((p) => `"${p}"`).join(", ")})`);
    expect(result.stdout).toMatch(/--concurrency <n> .*\(default: 4\)/s);
    expect(result.stdout).toContain("--no-check-limits");
    expect(result.stdout).toMatch(/Global Options:[\s\S]*--json/);
  });

  it("without a command: help on stderr, nothing on stdout, the usage exit code", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(exitCode("usage"));
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: minimax-files \[options\] \[command\]/);
  });
});

it("--version prints the package's version", async () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(await runCli(["--version"])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
});

describe("bad flags: the usage exit code and one line naming the flag", () => {
  const choices = (list: readonly string[]) => list.join(", ");
  it.each<[string, string[], string]>([
    ["an unknown command", ["lst"], "unknown command 'lst' (Did you mean list?)"],
    ["an unknown flag", ["list", "--purpose", "voice_clone", "--nope"], "unknown option '--nope'"],
    ["a missing --purpose", ["list"], "required option '--purpose <purpose>' not specified"],
    [
      "an unknown purpose for list",
      ["list", "--purpose", "nope"],
      `option '--purpose <purpose>' argument 'nope' is invalid. Allowed choices are ${choices(LIST_PURPOSES)}.`,
    ],
    [
      "a purpose delete takes but upload does not",
      ["upload", "a.txt", "--purpose", "t2a_async"],
      `argument 't2a_async' is invalid. Allowed choices are ${choices(UPLOAD_PURPOSES)}.`,
    ],
    [
      "an unknown purpose for delete",
      ["delete", "1", "--purpose", "nope"],
      `Allowed choices are ${choices(DELETE_PURPOSES)}.`,
    ],
    ["no path to upload", ["upload", "--purpose", "voice_clone"], "missing required argument 'path'"],
    ["no file id", ["retrieve"], "missing required argument 'file_id'"],
    [
      "two file ids for retrieve",
      ["retrieve", "1", "2"],
      "too many arguments for 'retrieve'. Expected 1 argument but got 2.",
    ],
    [
      "--concurrency 0",
      ["upload", "a.txt", "--purpose", "voice_clone", "--concurrency", "0"],
      "option '--concurrency <n>' argument '0' is invalid. It must be a whole number from 1 to 64.",
    ],
    [
      "--concurrency 2.5",
      ["upload", "a.txt", "--purpose", "voice_clone", "--concurrency", "2.5"],
      "argument '2.5' is invalid. It must be a whole number from 1 to 64.",
    ],
    [
      "--timeout soon",
      ["list", "--purpose", "voice_clone", "--timeout", "soon"],
      "option '--timeout <ms>' argument 'soon' is invalid. It must be a whole number from 1 to 2147483647.",
    ],
    [
      "--max-retries -1",
      ["list", "--purpose", "voice_clone", "--max-retries", "-1"],
      "option '--max-retries <n>' argument '-1' is invalid. It must be a whole number from 0 to 100.",
    ],
    [
      "an unknown --region",
      ["list", "--purpose", "voice_clone", "--region", "mars"],
      `argument 'mars' is invalid. Allowed choices are ${Object.keys(REGION_BASE_URLS).join(", ")}.`,
    ],
    [
      "--base-url without its scheme",
      ["list", "--purpose", "voice_clone", "--base-url", "localhost:4011"],
      "It must start with http:// or https://, e.g. http://localhost:4011.",
    ],
    [
      "--base-url that is no http(s) URL",
      ["list", "--purpose", "voice_clone", "--base-url", "ftp://127.0.0.1"],
      "It must be an http(s) URL, not ftp://.",
    ],
    [
      "--region with --base-url",
      ["list", "--purpose", "voice_clone", "--region", "cn", "--base-url", "http://127.0.0.1:1"],
      "option '--region <region>' cannot be used with option '--base-url <url>'",
    ],
    [
      "--mock with --api-key",
      ["list", "--purpose", "voice_clone", "--mock", "--api-key", SECRET_KEY],
      "option '--mock' cannot be used with option '--api-key <key>'",
    ],
    [
      "--mock with --base-url",
      ["--mock", "list", "--purpose", "voice_clone", "--base-url", "http://127.0.0.1:1"],
      "option '--mock' cannot be used with option '--base-url <url>'",
    ],
  ])("%s", async (_, args, message) => {
    const result = await runCli(args, { ...withKey, cwd: dir.path });
    expect(result.code).toBe(exitCode("usage"));
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/^minimax-files: [^\n]+ \(see minimax-files --help\)\n$/);
    expect(result.stderr).not.toContain(SECRET_KEY);
  });

  it("never echoes a value given to a mistyped flag (it may be a key)", async () => {
    const result = await runCli(["list", "--purpose", "voice_clone", `--apikey=${SECRET_KEY}`]);
    expect(result.code).toBe(exitCode("usage"));
    expect(result.stderr).toBe("minimax-files: unknown option '--apikey=…' (see minimax-files --help)\n");
  });
});

describe("bad inputs: the input exit code, one line naming the input, nothing sent", () => {
  it.each<[string, (dir: string) => string[], RegExp]>([
    [
      "a file id that is not a number",
      () => ["retrieve", "abc"],
      /^minimax-files: fileId must be a positive int64 file id .*got "abc"\.\n$/,
    ],
    ["a file id beyond int64", () => ["retrieve", (2n ** 63n).toString()], /^minimax-files: fileId .*int64/],
    ["a file id for download", () => ["download", "-1", "-o", "x"], /^minimax-files: fileId must be a positive int64/],
    [
      "a file id for delete",
      () => ["delete", "12ab", "--purpose", "voice_clone"],
      /^minimax-files: 12ab: fileId must be a positive int64[^\n]*\n$/,
    ],
    [
      "a download into a missing folder",
      (d) => ["download", "1", "-o", path.join(d, "no/such/folder/x.txt")],
      /^minimax-files: cannot download to ".*x\.txt": its folder ".*folder" does not exist\.\n$/,
    ],
    [
      "a download onto a folder",
      (d) => ["download", "1", "-o", d],
      /^minimax-files: cannot download to ".*": it is a directory\.\n$/,
    ],
    [
      "a file that does not exist",
      (d) => ["upload", path.join(d, "missing.txt"), "--purpose", "t2a_async_input"],
      /^minimax-files: .*missing\.txt: file ".*missing\.txt" cannot be uploaded: there is no such file \(ENOENT\)\.\n/,
    ],
    ["a folder to upload", (d) => ["upload", d, "--purpose", "t2a_async_input"], /: it is a directory/],
    [
      "an empty file",
      (d) => (
        fs.writeFileSync(path.join(d, "empty.txt"), ""),
        ["upload", path.join(d, "empty.txt"), "--purpose", "t2a_async_input"]
      ),
      /empty/,
    ],
    [
      "a format the purpose does not take",
      (d) => (
        fs.writeFileSync(path.join(d, "v.wav"), "RIFF"),
        ["upload", path.join(d, "v.wav"), "--purpose", "t2a_async_input"]
      ),
      /t2a_async_input takes txt, zip files .* pass --no-check-limits to send it anyway\./,
    ],
  ])("%s", async (_, args, message) => {
    const result = await runCli(["--base-url", capture.url, ...args(dir.path)], withKey);
    expect(result.code).toBe(exitCode("input"));
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toContain(SECRET_KEY);
  });
});

describe("no key", () => {
  it.each<[string, string[], Record<string, string>]>([
    ["neither MINIMAX_API_KEY nor --api-key", [], {}],
    ["an empty MINIMAX_API_KEY", [], { MINIMAX_API_KEY: "" }],
    ["an empty --api-key", ["--api-key", ""], {}],
  ])("%s: the auth exit code and what to set", async (_, flags, env) => {
    const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", capture.url, ...flags], { env });
    expect(result).toMatchObject({
      code: exitCode("auth"),
      stdout: "",
      stderr:
        "minimax-files: No MiniMax API key: set MINIMAX_API_KEY (or pass --api-key), or try the CLI without one using --mock.\n",
    });
  });

  it.each<[string, string[], Record<string, string>, string]>([
    ["MINIMAX_API_KEY", [], { MINIMAX_API_KEY: "   " }, "MINIMAX_API_KEY"],
    ["--api-key", ["--api-key", " \t "], {}, "--api-key"],
  ])("a %s of whitespace only: says so, not that it is unset", async (_, flags, env, where) => {
    const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", capture.url, ...flags], { env });
    expect(result).toMatchObject({
      code: exitCode("auth"),
      stdout: "",
      stderr: `minimax-files: ${where} holds only whitespace: set it to your MiniMax API key, or try the CLI without one using --mock.\n`,
    });
  });

  it("a key that cannot be sent in a header: the auth exit code, and the key not shown", async () => {
    const key = `${SECRET_KEY}\u00e9`;
    const result = await runCli(["list", "--purpose", "voice_clone", "--base-url", capture.url], {
      env: { MINIMAX_API_KEY: key },
    });
    expect(result.code).toBe(exitCode("auth"));
    expect(result.stderr).toMatch(
      /^minimax-files: The API key contains whitespace at its ends or characters not allowed in an HTTP header/,
    );
    expect(result.stderr).not.toContain(SECRET_KEY);
  });
});

describe("--json: usage errors are a document on stdout too", () => {
  it.each<[string, string[]]>([
    ["a missing --purpose", ["list", "--json"]],
    ["an unknown flag", ["--json", "list", "--purpose", "voice_clone", "--nope"]],
    ["no command", ["--json"]],
  ])("%s", async (_, args) => {
    const result = await runCli(args, withKey);
    expect(result.code).toBe(exitCode("usage"));
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        kind: "usage",
        exitCode: exitCode("usage"),
        name: "UsageError",
        message: expect.stringContaining("(see minimax-files --help)"),
      },
    });
  });
});
