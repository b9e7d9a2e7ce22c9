import { MiniMaxFiles, REGION_BASE_URLS } from "../../../src";
import { startFakeServer, type FakeServer } from "../../helpers/fake-server";
import { fresh } from "../../helpers/fresh";
import { TEST_API_KEY } from "../../helpers/observed-client";

describe("the client's options", () => {
  let server: FakeServer;
  beforeEach(async () => {
    server = await startFakeServer(() => ({
      body: { files: [], base_resp: { status_code: 0, status_msg: "success" } },
    }));
  });
  const savedKey = process.env["MINIMAX_API_KEY"];
  afterEach(async () => {
    if (savedKey === undefined) delete process.env["MINIMAX_API_KEY"];
    else process.env["MINIMAX_API_KEY"] = savedKey;
    await server.close();
  });

  /** A fetch that records the URLs it was asked for and answers like MiniMax, without a network. */
  function recordingFetch() {
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      urls.push(request.url);
      return new Response(JSON.stringify({ files: [], base_resp: { status_code: 0 } }), {
        headers: { "content-type": "application/json" },
      });
    };
    return { urls, fetch };
  }

  it("reads the key from MINIMAX_API_KEY by default", async () => {
    process.env["MINIMAX_API_KEY"] = "sk-from-env";
    await new MiniMaxFiles({ baseUrl: server.url }).list({ purpose: "voice_clone" });
    expect(server.requests[0]?.headers["authorization"]).toBe("Bearer sk-from-env");
  });

  it("prefers the apiKey option to the environment", async () => {
    process.env["MINIMAX_API_KEY"] = "sk-from-env";
    await new MiniMaxFiles({ apiKey: "sk-option", baseUrl: server.url }).list({ purpose: "voice_clone" });
    expect(server.requests[0]?.headers["authorization"]).toBe("Bearer sk-option");
  });

  describe("MINIMAX_BASE_URL", () => {
    const saved = process.env["MINIMAX_BASE_URL"];
    afterEach(() => {
      if (saved === undefined) delete process.env["MINIMAX_BASE_URL"];
      else process.env["MINIMAX_BASE_URL"] = saved;
    });

    it("is the base URL when the code gives neither baseUrl nor region", async () => {
      process.env["MINIMAX_BASE_URL"] = server.url;
      await new MiniMaxFiles({ apiKey: TEST_API_KEY }).list({ purpose: "voice_clone" });
      expect(server.requests).toHaveLength(1);
    });

    it("counts for nothing when the code names a place: baseUrl or region win", async () => {
      process.env["MINIMAX_BASE_URL"] = "http://127.0.0.1:9";
      await new MiniMaxFiles({ apiKey: TEST_API_KEY, baseUrl: server.url }).list({ purpose: "voice_clone" });
      expect(server.requests).toHaveLength(1);
      const { urls, fetch } = recordingFetch();
      await new MiniMaxFiles({ apiKey: TEST_API_KEY, region: "cn", fetch }).list({ purpose: "voice_clone" });
      expect(urls).toEqual(["https://api.minimaxi.com/v1/files/list?purpose=voice_clone"]);
    });

    it.each([
      ["not a url", 'MINIMAX_BASE_URL "not a url" is not an absolute URL.'],
      ["ftp://example.com", "MINIMAX_BASE_URL must be http(s), got ftp:"],
      ["https://u:p@example.com", "MINIMAX_BASE_URL must not carry credentials"],
    ])("a bad value (%p) is a MiniMaxConfigError naming the variable", (value, message) => {
      process.env["MINIMAX_BASE_URL"] = value;
      expect(() => new MiniMaxFiles({ apiKey: TEST_API_KEY })).toThrow(
        expect.objectContaining({
          name: "MiniMaxConfigError",
          option: "baseUrl",
          message: expect.stringContaining(message),
        }),
      );
    });
  });

  it.each([[undefined], [""], ["   "]])("fails fast without a key (%p), naming the option and the variable", (key) => {
    delete process.env["MINIMAX_API_KEY"];
    const make = () => new MiniMaxFiles({ apiKey: key });
    expect(make).toThrow(
      expect.objectContaining({
        name: "MiniMaxConfigError",
        option: "apiKey",
        message: expect.stringContaining("MINIMAX_API_KEY"),
      }),
    );
  });

  it.each([[123], [{ key: "sk" }], [["sk"]]])(
    "a key that is not a string (%p) is a MiniMaxConfigError, not a TypeError",
    (key) => {
      expect(() => new MiniMaxFiles({ apiKey: key as never })).toThrow(
        expect.objectContaining({
          name: "MiniMaxConfigError",
          option: "apiKey",
          message: expect.stringMatching(/^apiKey must be a string/),
        }),
      );
    },
  );

  it("rejects a key that cannot be a header value without echoing it", () => {
    const key = "sk-secret-value\nX-Injected: 1";
    let error: unknown;
    try {
      new MiniMaxFiles({ apiKey: key });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: "MiniMaxConfigError", option: "apiKey" });
    expect(String(error)).not.toContain("sk-secret-value");
  });

  it.each([
    [{}, "https://api.minimax.io"],
    [{ region: "global" as const }, "https://api.minimax.io"],
    [{ region: "cn" as const }, "https://api.minimaxi.com"],
    [{ baseUrl: "http://127.0.0.1:4010/" }, "http://127.0.0.1:4010"],
    [{ baseUrl: "https://proxy.example/minimax" }, "https://proxy.example/minimax"],
  ])("resolves %p to %s and sends requests there", async (options, expected) => {
    const { fetch, urls } = recordingFetch();
    const client = new MiniMaxFiles({ apiKey: "k", fetch, ...options });
    expect(client.baseUrl).toBe(expected);
    await client.list({ purpose: "voice_clone" });
    expect(urls).toEqual([`${expected}/v1/files/list?purpose=voice_clone`]);
  });

  it.each([
    [{ region: "eu" }, "region"],
    [{ region: "cn", baseUrl: "https://api.minimaxi.com" }, "region"],
    [{ baseUrl: "api.minimax.io" }, "baseUrl"],
    [{ baseUrl: "ftp://api.minimax.io" }, "baseUrl"],
    [{ baseUrl: "https://user:pw@api.minimax.io" }, "baseUrl"],
    [{ fetch: "not a function" }, "fetch"],
    [{ timeout: 0 }, "timeout"],
    [{ timeout: Infinity }, "timeout"],
    [{ timeout: 2 ** 31 }, "timeout"],
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: 0.5 }, "maxRetries"],
    [{ backoff: 5 }, "backoff"],
    [{ backoff: { initialDelay: -1 } }, "backoff.initialDelay"],
    [{ backoff: { maxRetryAfter: "60s" } }, "backoff.maxRetryAfter"],
  ])("rejects options %p, naming %s", (options, option) => {
    expect(() => new MiniMaxFiles({ apiKey: "k", ...(options as object) })).toThrow(
      expect.objectContaining({ name: "MiniMaxConfigError", option }),
    );
  });

  it("rejects options that are not an object", () => {
    expect(() => new MiniMaxFiles(null as never)).toThrow(
      expect.objectContaining({ name: "MiniMaxConfigError", option: "options" }),
    );
  });

  it("REGION_BASE_URLS lists both regions' documented servers", () => {
    expect(REGION_BASE_URLS).toEqual({ global: "https://api.minimax.io", cn: "https://api.minimaxi.com" });
  });

  it("client-level timeout and maxRetries apply to every call; per-call options override them", async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      return new Response("{}", { status: 503, headers: { "content-type": "application/json" } });
    };
    const files = new MiniMaxFiles({ apiKey: "k", fetch: failing, maxRetries: 1, backoff: { initialDelay: 1 } });
    await expect(files.list({ purpose: "voice_clone" })).rejects.toMatchObject({ name: "InternalServerError" });
    expect(calls).toBe(2);
    calls = 0;
    await expect(files.list({ purpose: "voice_clone" }, { maxRetries: 3 })).rejects.toMatchObject({
      name: "InternalServerError",
    });
    expect(calls).toBe(4);
    const hanging = new MiniMaxFiles({ apiKey: "k", fetch: () => new Promise<Response>(() => undefined), timeout: 40 });
    await expect(hanging.list({ purpose: "voice_clone" })).rejects.toMatchObject({
      name: "MiniMaxTimeoutError",
      timeout: 40,
    });
    await expect(hanging.list({ purpose: "voice_clone" }, { timeout: 20 })).rejects.toMatchObject({
      name: "MiniMaxTimeoutError",
      timeout: 20,
    });
  });
});

describe("option checks", () => {
  // Guards the option checks of src/options.ts: the constructor's (apiKey, region, baseUrl, fetch,
  // timeout, maxRetries, backoff) and each call's ({ signal, timeout, maxRetries }). Each bad value
  // is a typed error naming the option, with a message that says what is wrong and what was given;
  // the ranges the messages state are the ranges accepted; the base URL is normalised on the wire.
  // The package is loaded inside each test (tests/helpers/fresh.ts): the key pattern is module code.
  type Src = typeof import("../../../src");
  let MiniMaxFiles: Src["MiniMaxFiles"];
  let REGION_BASE_URLS: Src["REGION_BASE_URLS"];
  beforeEach(() => {
    ({ MiniMaxFiles, REGION_BASE_URLS } = fresh(() => require("../../../src") as Src));
  });

  const savedKey = process.env["MINIMAX_API_KEY"];
  afterEach(() => {
    if (savedKey === undefined) delete process.env["MINIMAX_API_KEY"];
    else process.env["MINIMAX_API_KEY"] = savedKey;
  });

  /** The error the constructor throws for these options (fails the test if it does not throw). */
  function configError(options: unknown): { name: string; option: string; message: string } {
    try {
      new MiniMaxFiles(options as never);
    } catch (error) {
      return error as { name: string; option: string; message: string };
    }
    throw new Error(`new MiniMaxFiles(${JSON.stringify(options)}) did not throw`);
  }

  const ok = (options: object) => () => new MiniMaxFiles({ apiKey: "sk-k", ...options });

  describe("apiKey", () => {
    it.each([
      ["a non-ASCII first character", "ключ-sk-abcdef"],
      ["a control character first", "\u0000sk-abcdef"],
      ["a non-ASCII last character", "sk-abcdef-é"],
      ["a control character last", "sk-abcdef\u0007"],
      ["a trailing space", "sk-abcdef "],
      ["a trailing tab", "sk-abcdef\t"],
    ])("a key with %s is refused at construction, naming apiKey, without echoing the key", (_, key) => {
      const error = configError({ apiKey: key });
      expect(error).toMatchObject({
        name: "MiniMaxConfigError",
        option: "apiKey",
        message: expect.stringMatching(/API key/),
      });
      expect(error.message).not.toContain("abcdef");
    });

    it("a key with inner spaces and any visible ASCII is accepted", () => {
      expect(ok({ apiKey: "sk-a b~!{}" })).not.toThrow();
    });

    it.each([
      [123, "number"],
      [true, "boolean"],
      [{ key: "sk" }, "object"],
    ])("a key that is not a string (%p) is named with its type", (key, type) => {
      expect(configError({ apiKey: key })).toMatchObject({
        name: "MiniMaxConfigError",
        option: "apiKey",
        message: expect.stringContaining(`got ${type}`),
      });
    });
  });

  describe("region and baseUrl", () => {
    it("region together with baseUrl: the message says to give one of them", () => {
      expect(configError({ apiKey: "k", region: "cn", baseUrl: "https://api.minimaxi.com" })).toMatchObject({
        option: "region",
        message: expect.stringMatching(/region.*baseUrl/),
      });
    });

    it("an unknown region: the message quotes it and lists each known region", () => {
      const error = configError({ apiKey: "k", region: "eu" });
      expect(error).toMatchObject({ option: "region", message: expect.stringContaining('"eu"') });
      for (const region of Object.keys(REGION_BASE_URLS)) expect(error.message).toMatch(new RegExp(`\\b${region}\\b`));
    });

    it.each([
      ["not absolute", "api.minimax.io", "api.minimax.io"],
      ["not http(s)", "ftp://api.minimax.io", "ftp:"],
    ])("a baseUrl %s: the message names baseUrl and shows what was given", (_, baseUrl, shown) => {
      expect(configError({ apiKey: "k", baseUrl })).toMatchObject({
        option: "baseUrl",
        message: expect.stringMatching(/baseUrl/),
      });
      expect(configError({ apiKey: "k", baseUrl }).message).toContain(shown);
    });

    it.each([
      ["a user name only", "https://someone@api.minimax.io"],
      ["a password only", "https://:hunter2@api.minimax.io"],
      ["a user and password", "https://someone:hunter2@api.minimax.io"],
      ["a query", "https://api.minimax.io/?key=abc"],
      ["a fragment", "https://api.minimax.io/#frag"],
    ])("a baseUrl with %s is refused, naming baseUrl, without echoing the credentials", (_, baseUrl) => {
      const error = configError({ apiKey: "k", baseUrl });
      expect(error).toMatchObject({
        name: "MiniMaxConfigError",
        option: "baseUrl",
        message: expect.stringMatching(/baseUrl/),
      });
      expect(error.message).not.toMatch(/someone|hunter2/);
    });

    describe("on the wire", () => {
      let server: FakeServer;
      beforeEach(async () => {
        server = await startFakeServer(() => ({
          body: { files: [], base_resp: { status_code: 0, status_msg: "success" } },
        }));
      });
      afterEach(() => server.close());

      it("any number of trailing slashes on baseUrl are dropped: requests go to /v1/…, not //v1/…", async () => {
        const client = new MiniMaxFiles({ apiKey: "k", baseUrl: `${server.url}///`, maxRetries: 0 });
        expect(client.baseUrl).toBe(server.url);
        await client.list({ purpose: "voice_clone" });
        expect(server.requests.map((r) => r.url)).toEqual(["/v1/files/list?purpose=voice_clone"]);
      });
    });
  });

  describe("the other constructor options", () => {
    it("options that are not an object (a string, a number) are refused as such, even with a key in the environment", () => {
      process.env["MINIMAX_API_KEY"] = "sk-from-env";
      for (const options of ["sk-abc", 42]) {
        expect(configError(options)).toMatchObject({
          name: "MiniMaxConfigError",
          option: "options",
          message: expect.stringMatching(/options object/),
        });
      }
    });

    it("a fetch that is not a function: the message names fetch", () => {
      expect(configError({ apiKey: "k", fetch: "not a function" })).toMatchObject({
        option: "fetch",
        message: expect.stringMatching(/fetch/),
      });
    });

    it.each([
      ["timeout", 0],
      ["timeout", "10s"],
      ["maxRetries", -1],
      ["maxRetries", 1.5],
    ])("a bad %s (%p): the message names the option and shows the value", (option, value) => {
      expect(configError({ apiKey: "k", [option]: value })).toMatchObject({
        name: "MiniMaxConfigError",
        option,
        message: expect.stringContaining(`${option} `),
      });
      expect(configError({ apiKey: "k", [option]: value }).message).toContain(`got ${JSON.stringify(value)}`);
    });

    it.each([[null], ["fast"], [5]])("backoff %p (not an object) is refused, naming backoff", (backoff) => {
      expect(configError({ apiKey: "k", backoff })).toMatchObject({
        name: "MiniMaxConfigError",
        option: "backoff",
        message: expect.stringMatching(/backoff must be an object/),
      });
    });

    it("a bad backoff field: the message names the field and shows the value", () => {
      expect(configError({ apiKey: "k", backoff: { maxDelay: -5 } })).toMatchObject({
        option: "backoff.maxDelay",
        message: expect.stringMatching(/^backoff\.maxDelay .*got -5/),
      });
    });

    // The message states the accepted range: its bounds are accepted, one past either is not.
    it.each([
      ["timeout", (v: number) => ({ timeout: v })],
      ["backoff.initialDelay", (v: number) => ({ backoff: { initialDelay: v } })],
      ["backoff.maxRetryAfter", (v: number) => ({ backoff: { maxRetryAfter: v } })],
    ])("the range the %s message states is the range accepted", (option, build) => {
      const error = configError({ apiKey: "k", ...build(-1) });
      expect(error.option).toBe(option);
      const [, low, high] = /between (\d+) and (\d+) ms/.exec(error.message) ?? [];
      expect(low).toBeDefined();
      expect(high).toBeDefined();
      expect(ok(build(Number(low)))).not.toThrow();
      expect(ok(build(Number(high)))).not.toThrow();
      expect(configError({ apiKey: "k", ...build(Number(low) - 1) }).option).toBe(option);
      expect(configError({ apiKey: "k", ...build(Number(high) + 1) }).option).toBe(option);
    });
  });

  describe("per-call options", () => {
    // No request is needed to check them: the fetch would fail the test if it were called.
    const client = () =>
      new MiniMaxFiles({
        apiKey: "k",
        fetch: async () => {
          throw new Error("nothing should be sent");
        },
      });

    it.each([[null], ["fast"], [[1, 2]]])("options %p (not an object) are refused, naming options", async (options) => {
      await expect(client().list({ purpose: "voice_clone" }, options as never)).rejects.toMatchObject({
        name: "MiniMaxInputError",
        input: "options",
        message: expect.stringMatching(/options must be an object/),
      });
    });

    it("a signal that is not an AbortSignal: the message names options.signal", async () => {
      await expect(
        client().list({ purpose: "voice_clone" }, { signal: { aborted: false } as never }),
      ).rejects.toMatchObject({
        name: "MiniMaxInputError",
        input: "options.signal",
        message: expect.stringMatching(/options\.signal must be an AbortSignal/),
      });
    });

    it.each([
      ["timeout", 0],
      ["maxRetries", -2],
    ])("options.%s %p: the message names it and shows the value", async (name, value) => {
      await expect(client().list({ purpose: "voice_clone" }, { [name]: value })).rejects.toMatchObject({
        name: "MiniMaxInputError",
        input: `options.${name}`,
        message: expect.stringMatching(new RegExp(`^options\\.${name} .*got ${value}\\.$`)),
      });
    });

    it("options.timeout accepts the largest time limit the message states", async () => {
      const error = await client()
        .list({ purpose: "voice_clone" }, { timeout: 0 })
        .catch((e: unknown) => e as Error);
      const high = Number(/and (\d+) ms/.exec((error as Error).message)?.[1]);
      // Accepted: the call goes on to send, and fails only because this fetch refuses to.
      await expect(client().list({ purpose: "voice_clone" }, { timeout: high, maxRetries: 0 })).rejects.toMatchObject({
        name: "MiniMaxConnectionError",
      });
      await expect(client().list({ purpose: "voice_clone" }, { timeout: high + 1 })).rejects.toMatchObject({
        input: "options.timeout",
      });
    });
  });
});
