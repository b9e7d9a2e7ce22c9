// The sandbox's wiring and life (src/sandbox/server.ts): createSandbox checks its key, starts a
// server on a real port with a store and an exchange log, and close() stops it, cuts open
// connections and removes the folder, once. What it answers is the other modules' tests and the
// feature tests in tests/sandbox/.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createSandbox, DEFAULT_SANDBOX_KEY, FIRST_FILE_ID, type InternalSandbox } from "../../../src/sandbox/server";

let sandbox: InternalSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});
const list = (box: InternalSandbox, key = box.apiKey) =>
  fetch(`${box.url}/v1/files/list?purpose=voice_clone`, { headers: { authorization: `Bearer ${key}` } });

/** Runs `body` with os.tmpdir() giving a new empty folder (Node's, not ours, is stood in for): was it asked for, and what was left in it. */
async function inPrivateTmp(body: () => Promise<unknown>): Promise<{ asked: boolean; left: string[] }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-server-test-"));
  const tmpdir = jest.spyOn(os, "tmpdir").mockReturnValue(tmp);
  try {
    await body();
    return { asked: tmpdir.mock.calls.length > 0, left: fs.readdirSync(tmp) };
  } finally {
    tmpdir.mockRestore();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

it("by default: 127.0.0.1 on a free port, the default key, its own folder, validation on", async () => {
  sandbox = await createSandbox();
  expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandbox.apiKey).toBe(DEFAULT_SANDBOX_KEY);
  expect(DEFAULT_SANDBOX_KEY).toBe("sandbox-key");
  expect(fs.statSync(sandbox.folder).isDirectory()).toBe(true);
  await (await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`)).arrayBuffer(); // no key: a request finding
  expect(sandbox.exchanges).toHaveLength(1);
  expect(sandbox.requestFindings.map((f) => f.check)).toEqual(["request_security"]);
});

it("takes the port, host and key it is given; with validate: false it only records", async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  sandbox = await createSandbox({ port, host: "127.0.0.1", apiKey: "sk-other", validate: false });
  expect(sandbox.url).toBe(`http://127.0.0.1:${port}`);
  expect(((await (await list(sandbox)).json()) as { base_resp: unknown }).base_resp).toEqual({
    status_code: 0,
    status_msg: "success",
  });
  expect(
    ((await (await list(sandbox, DEFAULT_SANDBOX_KEY)).json()) as { base_resp: { status_code: number } }).base_resp
      .status_code,
  ).toBe(1004);
  await (await fetch(`${sandbox.url}/v1/files/list?purpose=voice_clone`)).arrayBuffer();
  expect(sandbox.exchanges).toHaveLength(3);
  expect([sandbox.findings, sandbox.requestFindings]).toEqual([[], []]);
});

it("refuses a key that cannot be sent as a bearer token, before it makes a folder", async () => {
  const tmp = await inPrivateTmp(async () => {
    for (const apiKey of ["", "a b", "=a", "ключ"]) {
      await expect(createSandbox({ apiKey })).rejects.toThrow(
        new TypeError(
          `apiKey must be a bearer token (RFC 6750: letters, digits and -._~+/, then any "="), not ${JSON.stringify(apiKey)}`,
        ),
      );
    }
  });
  expect(tmp).toEqual({ asked: false, left: [] });
});

describe("idStart", () => {
  const upload = async (box: InternalSandbox) => {
    const form = new FormData();
    form.append("purpose", "t2a_async_input");
    form.append("file", new File(["hi"], "a.txt"));
    const res = await fetch(`${box.url}/v1/files/upload`, {
      method: "POST",
      body: form,
      headers: { authorization: `Bearer ${box.apiKey}` },
    });
    return /"file_id":(\d+)/.exec(await res.text())?.[1];
  };

  it("ids start above 2^53 by default, at 2^53 + 1", async () => {
    sandbox = await createSandbox({ validate: false });
    expect(await upload(sandbox)).toBe(String(FIRST_FILE_ID));
    expect(FIRST_FILE_ID).toBe(2n ** 53n + 1n);
  });

  it.each([[1000], [1000n]])("starts at %p and counts up, for tools that parse JSON with doubles", async (idStart) => {
    sandbox = await createSandbox({ validate: false, idStart });
    expect([await upload(sandbox), await upload(sandbox)]).toEqual(["1000", "1001"]);
  });

  it("refuses an idStart that is no positive integer, naming it, before it makes a folder", async () => {
    const tmp = await inPrivateTmp(async () => {
      for (const [idStart, shown] of [
        [0, "0"],
        [-1, "-1"],
        [1.5, "1.5"],
        [2 ** 53, "9007199254740992"],
        [2n ** 63n, "9223372036854775808n"],
        ["1000", '"1000"'],
      ] as const)
        await expect(createSandbox({ idStart: idStart as number })).rejects.toThrow(
          new TypeError(`idStart must be a positive safe integer or a bigint below 2^63, not ${shown}`),
        );
    });
    expect(tmp).toEqual({ asked: false, left: [] });
  });
});

it("a port it cannot listen on is the listen error, and its folder is removed", async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = holder.address() as net.AddressInfo;
    const tmp = await inPrivateTmp(async () => {
      await expect(createSandbox({ port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    });
    expect(tmp).toEqual({ asked: true, left: [] }); // made, then removed
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
});

it("close() cuts open connections, stops the server and removes the folder; a second close is the same", async () => {
  const own = await createSandbox();
  const form = new FormData();
  form.append("purpose", "t2a_async_input");
  form.append("file", new File(["text"], "a.txt"));
  await (
    await fetch(`${own.url}/v1/files/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${own.apiKey}` },
      body: form,
    })
  ).arrayBuffer();
  expect(fs.readdirSync(own.folder)).toHaveLength(1);
  // A connection in the middle of a request: close() must not wait for it.
  const hanging = http.request(`${own.url}/v1/files/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${own.apiKey}`, "content-length": 1000 },
  });
  const cut = new Promise((resolve) => hanging.once("error", resolve).once("close", resolve));
  hanging.write("x");
  await new Promise((resolve) => setTimeout(resolve, 50));

  const first = own.close();
  expect(own.close()).toBe(first);
  await first;
  await cut;
  expect(fs.existsSync(own.folder)).toBe(false);
  await expect(fetch(`${own.url}/v1/files/list?purpose=voice_clone`)).rejects.toThrow();
});

describe("validate", () => {
  /** Runs `body` with the sandbox module loaded where Ajv (outside this package) cannot be found, as in a project without it. */
  async function withoutAjv<T>(
    body: (isolated: typeof import("../../../src/sandbox/server")) => Promise<T>,
  ): Promise<T> {
    let loaded: typeof import("../../../src/sandbox/server") | undefined;
    jest.isolateModules(() => {
      jest.doMock("ajv/dist/2020", () => {
        throw Object.assign(new Error("Cannot find module 'ajv/dist/2020'"), { code: "MODULE_NOT_FOUND" });
      });
      loaded = require("../../../src/sandbox/server") as typeof import("../../../src/sandbox/server");
    });
    try {
      // Ajv is required when a sandbox starts, not when the module loads: the mock stays until then.
      return await body(loaded!);
    } finally {
      jest.dontMock("ajv/dist/2020");
    }
  }

  it('"auto" (the default) validates when Ajv is installed', async () => {
    sandbox = await createSandbox();
    expect(sandbox.validating).toBe(true);
  });

  it('"auto" runs without validation when Ajv is not installed, and says so in validating', async () => {
    sandbox = await withoutAjv((isolated) => isolated.createSandbox());
    expect(sandbox.validating).toBe(false);
    expect((await list(sandbox)).status).toBe(200);
    expect(sandbox.findings).toEqual([]);
  });

  it("true without Ajv refuses to start, saying what to install", async () => {
    await expect(withoutAjv((isolated) => isolated.createSandbox({ validate: true }))).rejects.toThrow(
      /npm install ajv@8 ajv-formats@3/,
    );
  });

  it("false never validates; anything else is refused", async () => {
    sandbox = await createSandbox({ validate: false });
    expect(sandbox.validating).toBe(false);
    await expect(createSandbox({ validate: "yes" as never })).rejects.toThrow(
      'validate must be true, false or "auto", not "yes"',
    );
  });
});
