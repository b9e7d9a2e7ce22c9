// minimax-files/sandbox (src/sandbox/index.ts): its names, and startSandbox passing on the public
// options and giving back only the public fields (no folder).
import net from "node:net";
import * as entry from "../../../src/sandbox";
import { startSandbox, type Sandbox } from "../../../src/sandbox";
import { DEFAULT_SANDBOX_KEY, FIRST_FILE_ID } from "../../../src/sandbox/server";

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

it("exports startSandbox and the two constants, nothing else", () => {
  expect(Object.keys(entry).sort()).toEqual(["DEFAULT_SANDBOX_KEY", "FIRST_FILE_ID", "startSandbox"]);
  expect(entry.DEFAULT_SANDBOX_KEY).toBe(DEFAULT_SANDBOX_KEY);
  expect(entry.FIRST_FILE_ID).toBe(FIRST_FILE_ID);
});

it("gives back the public fields only", async () => {
  sandbox = await startSandbox();
  expect(Object.keys(sandbox).sort()).toEqual([
    "apiKey",
    "close",
    "exchanges",
    "findings",
    "requestFindings",
    "url",
    "validating",
  ]);
  expect(sandbox.apiKey).toBe("sandbox-key");
});

it("passes on the options it is given: port, host, key, validation", async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  sandbox = await startSandbox({ port, host: "127.0.0.1", apiKey: "sk-entry", validate: false });
  expect(sandbox.url).toBe(`http://127.0.0.1:${port}`);
  expect(sandbox.apiKey).toBe("sk-entry");
  const answer = await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`); // no key: a request finding, if validating
  expect(((await answer.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(1004);
  expect(sandbox.exchanges).toHaveLength(1);
  expect(sandbox.requestFindings).toEqual([]);
});
