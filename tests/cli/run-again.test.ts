// The CLI's `--skip-existing` runs a failed batch again without storing anything twice: the
// stand-in stores each upload (a real sandbox) and cuts the connection before its answer
// (tests/helpers/cutting-stand.proxy().ts); the library's side is tests/uploads/run-again.test.ts. Here,
// not there, because it runs the built CLI (left out of mutation testing, which has no build).
import fs from "node:fs";
import path from "node:path";
import { assertBuilt, exitCode, runCli, scratchDir } from "../helpers/cli";
import { sandboxBehindCuttingProxy } from "../helpers/cutting-sandbox";

const stand = sandboxBehindCuttingProxy();
const { direct } = stand;
const stored = async (purpose: "t2a_async_input") => (await direct().list({ purpose })).map((f) => f.filename).sort();

describe("the CLI: a batch cut mid-way, run again with --skip-existing", () => {
  const dir = scratchDir("run-again");
  beforeAll(() => assertBuilt());

  it("stores nothing twice: the stored files are skipped, in human and --json output", async () => {
    const files = ["chapter-1.txt", "chapter-2.txt"].map((name) => dir.write(name, `the text of ${name}\n`));
    const args = (url: string, ...more: string[]) => [
      "upload",
      ...files,
      "--purpose",
      "t2a_async_input",
      "--base-url",
      url,
      "--api-key",
      stand.sandbox().apiKey,
      "--concurrency",
      "1",
      ...more,
    ];
    const first = await runCli(args(stand.proxy().url));
    expect(first.code).toBe(exitCode("network"));
    expect(first.stderr).toContain("may have been stored");
    // The cut upload was stored all the same, and so was the other.
    expect(await stored("t2a_async_input")).toEqual(["chapter-1.txt", "chapter-2.txt"]);

    const again = await runCli(args(stand.proxy().url, "--skip-existing"));
    expect(again.code).toBe(0);
    for (const file of files)
      expect(again.stdout).toMatch(
        new RegExp(
          `^skipped ${file.replace(/[.]/g, "\\.")}: already stored as file_id \\d+ \\(same name and size\\)$`,
          "m",
        ),
      );
    expect(again.stderr).toContain(`2 of 2 already stored, not sent again: ${files.join(", ")}`);
    expect(await stored("t2a_async_input")).toEqual(["chapter-1.txt", "chapter-2.txt"]);

    // A changed file is not the stored one: it is sent; --json says which were skipped.
    fs.appendFileSync(files[1]!, "a new paragraph\n");
    const json = await runCli(args(stand.sandbox().url, "--skip-existing", "--json"));
    expect(json.code).toBe(0);
    const outcome = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(outcome[0]).toEqual({ path: files[0], skipped: "already stored", file_id: expect.stringMatching(/^\d+$/) });
    expect(outcome[1]).toMatchObject({ path: files[1], file: { filename: path.basename(files[1]!) } });
    expect(await stored("t2a_async_input")).toEqual(["chapter-1.txt", "chapter-2.txt", "chapter-2.txt"]);
  });
});
