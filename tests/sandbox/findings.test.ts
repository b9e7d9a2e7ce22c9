// Whose finding it is, for every request the sandbox refuses (HTTP 200 + base_resp, MiniMax's way):
// `sandbox.findings` holds only the sandbox's own breaks of the spec, and what the client got wrong
// is in `sandbox.requestFindings`, each with side "request". On retrieve_content, whose spec
// documents only the file's bytes, the JSON refusal cannot conform: that finding goes with the
// refused request too. A refusal that itself breaks the spec is still the sandbox's.
import { createSandbox, FIRST_FILE_ID, type InternalSandbox, type SandboxHooks } from "../../src/sandbox/server";

let sandbox: InternalSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(hooks: SandboxHooks = {}) {
  const own = await createSandbox({}, hooks);
  sandbox = own;
  const form = new FormData();
  form.append("purpose", "t2a_async_input");
  form.append("file", new File(["a text"], "a.txt", { type: "text/plain" }));
  await (
    await fetch(`${own.url}/v1/files/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${own.apiKey}` },
      body: form,
    })
  ).arrayBuffer();
  expect(own.exchanges).toHaveLength(1);
  return own;
}

const STORED = FIRST_FILE_ID.toString();
const UNKNOWN = (FIRST_FILE_ID + 100n).toString();
type Variant = "good" | "bad parameter" | "unknown id";

/** Each operation's request, with its parameters right, wrong (against the spec), or naming a file that is not there. */
const SEND: Record<string, (url: string, headers: Record<string, string>, variant: Variant) => Promise<Response>> = {
  uploadFile: (url, headers, variant) => {
    const form = new FormData();
    form.append("purpose", variant === "bad parameter" ? "fine-tune" : "t2a_async_input");
    form.append("file", new File(["more text"], "b.txt", { type: "text/plain" }));
    return fetch(`${url}/v1/files/upload`, { method: "POST", headers, body: form });
  },
  listFiles: (url, headers, variant) =>
    fetch(`${url}/v1/files/list?purpose=${variant === "bad parameter" ? "fine-tune" : "t2a_async_input"}`, { headers }),
  retrieveFile: (url, headers, variant) =>
    fetch(
      `${url}/v1/files/retrieve?file_id=${variant === "bad parameter" ? "x1" : variant === "unknown id" ? UNKNOWN : STORED}`,
      { headers },
    ),
  retrieveFileContent: (url, headers, variant) =>
    fetch(
      `${url}/v1/files/retrieve_content?file_id=${variant === "bad parameter" ? "x1" : variant === "unknown id" ? UNKNOWN : STORED}`,
      { headers },
    ),
  deleteFile: (url, headers, variant) =>
    fetch(`${url}/v1/files/delete`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: `{"file_id":${variant === "bad parameter" ? '"x1"' : variant === "unknown id" ? UNKNOWN : STORED},"purpose":"t2a_async_input"}`,
    }),
};
const PARAMETER_CHECK: Record<string, string> = {
  uploadFile: "request_body",
  listFiles: "request_parameters",
  retrieveFile: "request_parameters",
  retrieveFileContent: "request_parameters",
  deleteFile: "request_body",
};

const CASES: {
  name: string;
  headers: (key: string) => Record<string, string>;
  variant: Variant;
  code: number;
  checks: (operation: string) => string[];
}[] = [
  { name: "a missing key", headers: () => ({}), variant: "good", code: 1004, checks: () => ["request_security"] },
  {
    name: "a malformed key",
    headers: (key) => ({ authorization: `Bearer\t${key}` }),
    variant: "good",
    code: 1004,
    checks: () => ["request_security"],
  },
  {
    name: "a wrong key",
    headers: () => ({ authorization: "Bearer sk-not-this-one" }),
    variant: "good",
    code: 1004,
    checks: () => [],
  },
  {
    name: "an invalid parameter",
    headers: (key) => ({ authorization: `Bearer ${key}` }),
    variant: "bad parameter",
    code: 2013,
    checks: (operation) => [PARAMETER_CHECK[operation]!],
  },
];
const rows = Object.keys(SEND).flatMap((operation) => CASES.map((c) => ({ operation, ...c })));
// A valid id of a file the sandbox does not hold: a rule of the sandbox's, not of the spec.
const unknownRows = ["retrieveFile", "retrieveFileContent", "deleteFile"].map((operation) => ({
  operation,
  name: "an unknown file_id",
  headers: (key: string) => ({ authorization: `Bearer ${key}` }),
  variant: "unknown id" as Variant,
  code: 2013,
  checks: () => [] as string[],
}));

it.each([...rows, ...unknownRows])(
  "$operation with $name: refused with $code, nothing blamed on the sandbox",
  async ({ operation, headers, variant, code, checks }) => {
    const own = await start();
    const response = await SEND[operation]!(own.url, headers(own.apiKey), variant);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { base_resp: { status_code: number } }).base_resp.status_code).toBe(code);
    expect(own.exchanges.at(-1)!.operation).toBe(operation);

    expect(own.findings).toEqual([]);
    // retrieve_content documents only its bytes: a refusal there is put with the request, saying why.
    const expected = [
      ...checks(operation),
      ...(operation === "retrieveFileContent" ? ["content_type_conformance"] : []),
    ];
    expect(own.requestFindings.map((f) => [f.operation, f.check, f.side])).toEqual(
      expected.map((check) => [operation, check, "request"]),
    );
    for (const f of own.requestFindings.filter((f) => f.check === "content_type_conformance"))
      expect(f.finding).toMatch(
        /: the in-band refusal of this request \(HTTP 200 \+ base_resp\), which the spec documents no answer for$/,
      );
  },
);

it("a request body the spec does not document (JSON sent to upload) is the request's finding, and its refusal conforms", async () => {
  const own = await start();
  const response = await fetch(`${own.url}/v1/files/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${own.apiKey}`, "content-type": "application/json" },
    body: '{"purpose":"t2a_async_input"}',
  });
  expect(await response.json()).toEqual({
    base_resp: {
      status_code: 2013,
      status_msg: "invalid params, the body must be multipart/form-data with the parts purpose and file",
    },
  });
  expect(own.findings).toEqual([]);
  expect(own.requestFindings).toEqual([
    {
      operation: "uploadFile",
      check: "request_body",
      finding: 'Content-Type "application/json" is not one the spec documents (multipart/form-data)',
      side: "request",
    },
  ]);
});

it("a refusal that breaks the spec itself is still the sandbox's finding", async () => {
  // The hook breaks every refusal's base_resp (status_code as a string): that is the sandbox's doing.
  const own = await start({
    transformResponse: (_, body) => {
      const base = body["base_resp"] as { status_code: number; status_msg: string };
      return base.status_code === 0 ? body : { ...body, base_resp: { ...base, status_code: String(base.status_code) } };
    },
  });
  await (await SEND["listFiles"]!(own.url, {}, "good")).arrayBuffer();
  expect(own.findings).toEqual([
    {
      operation: "listFiles",
      check: "response_schema_conformance",
      finding: "/base_resp/status_code must be integer",
      side: "response",
    },
  ]);
  expect(own.requestFindings).toEqual([
    {
      operation: "listFiles",
      check: "request_security",
      finding: "the Authorization header is missing",
      side: "request",
    },
  ]);
});
