// Prism's `Prefer` request header, operation by operation, through MiniMaxFiles on the contract
// target (tests/helpers/contract.ts). The spec documents HTTP 200 only; MiniMax's failures are HTTP
// 200 + base_resp.status_code ≠ 0, which the overlay makes servable as named examples of the 200
// responses, one per documented code (openapi/overlay.yaml, "FAILURE EXAMPLES"). Three cells:
//
// - prefer_code_documented: `Prefer: code=<status>` for every status the operation documents
//   comes back as the client's typed result, and Prism's answer is the schema's own example (so
//   the added examples did not change the mock's default). Its notes say what Prism does with an
//   undocumented status, and the client must raise that answer as the class its error map gives.
// - prefer_example_documented: `Prefer: code=200, example=<name>` for every named example: Prism
//   serves the example, and the client returns the typed result (status_code 0) or raises the class
//   src/error-map.ts gives that status_code, with the code and message of the body. Every code the
//   operation's base_resp documents must have an example.
// - prefer_dynamic_seeded: `Prefer: dynamic=true, seed=<n>` (Prism generates the body from the
//   schema, reproducibly per seed): the client returns its typed result or raises the mapped
//   MiniMaxAPIError (Prism draws a random status_code), never anything else, and every file_id it
//   hands out (in the result, or in the error's body) is the raw body's, digit for digit.
//
// Each exchange must validate against the spec (src/sandbox/validator/), and Prism must flag
// nothing in `sl-violations`. These are Prism features: on any other target the cells are not
// applicable. The last block checks contractClient itself: that the suite's client runs on the
// client's default transport (node:http), the one users get.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { isLosslessNumber, parse } from "lossless-json";
import { MiniMaxAPIError, type MiniMaxFiles } from "../../src";
import { apiErrorFor } from "../../src/errors/error-map";
import { chunksOf } from "../../src/http/body-chunks";
import * as nodeTransport from "../../src/http/node-transport";
import { SPEC_OPERATIONS, type SandboxExchange, type SpecOperation } from "../../src/sandbox/validator";
import {
  CellTracker,
  contractClient,
  contractTarget,
  describeError,
  formatFinding,
  validateExchange,
} from "../helpers/contract";

const target = contractTarget();
const CHECKS = ["prefer_code_documented", "prefer_example_documented", "prefer_dynamic_seeded"] as const;
type Check = (typeof CHECKS)[number];
const cells = new CellTracker(target, CHECKS, { name: "prefer", rank: 40 });

// Printed in the test titles and the cells' notes; PREFER_SEEDS=<n>,<n>,… explores others.
const SEEDS = (process.env["PREFER_SEEDS"] ?? "1,2,3,42,20261126")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

/** One cell's test: findings fail it; notes (what was observed) are kept in the cell either way. */
function check(
  operation: string,
  name: Check,
  title: string,
  run: () => Promise<{ findings: string[]; notes: string[] }>,
): void {
  cells.it(title, [[operation, name]], async (settle) => {
    let findings: string[];
    let notes: string[] = [];
    try {
      ({ findings, notes } = await run());
    } catch (error) {
      findings = [`the check could not judge: ${describeError(error)}`];
    }
    settle(operation, name, findings, notes);
  });
}

// ---- one call through MiniMaxFiles, with a Prefer header ----

const PURPOSE = "t2a_async_input" as const;
const FIXTURE = new TextEncoder().encode("minimax-files Prefer fixture\n");
const FILE_ID = "302892389810432"; // any id: Prism's mock holds no files

const calls: Record<string, (client: MiniMaxFiles) => Promise<unknown>> = {
  uploadFile: (client) => client.upload({ file: FIXTURE, filename: "prefer-fixture.txt", purpose: PURPOSE }),
  listFiles: (client) => client.list({ purpose: PURPOSE }),
  retrieveFile: (client) => client.retrieve(FILE_ID),
  retrieveFileContent: (client) => client.retrieveContent(FILE_ID),
  deleteFile: (client) => client.delete(FILE_ID, { purpose: PURPOSE }),
};

interface Outcome {
  returned: boolean;
  result: unknown;
  error: unknown;
  exchange: SandboxExchange | undefined;
}

async function callWith(operation: string, prefer: string | undefined): Promise<Outcome> {
  const { client, exchanges } = contractClient(
    target,
    prefer === undefined ? {} : { rewrite: (headers) => headers.set("prefer", prefer) },
  );
  const outcome: Outcome = { returned: false, result: undefined, error: undefined, exchange: undefined };
  try {
    outcome.result = await calls[operation]!(client);
    outcome.returned = true;
  } catch (error) {
    outcome.error = error;
  }
  [outcome.exchange] = await exchanges();
  return outcome;
}

/** The raw bytes of a download with this Prefer header: the exchange records only a binary body's length. */
async function rawDownload(prefer: string | undefined): Promise<Uint8Array> {
  const headers: Record<string, string> = { authorization: `Bearer ${target.apiKey}` };
  if (prefer !== undefined) headers["prefer"] = prefer;
  const response = await fetch(`${target.url}/v1/files/retrieve_content?file_id=${FILE_ID}`, {
    headers,
    signal: AbortSignal.timeout(30_000),
  });
  return new Uint8Array(await response.arrayBuffer());
}

// ---- judging an outcome ----

/** The class src/error-map.ts gives a failure with this HTTP status and base_resp code. */
const mappedClass = (status: number, statusCode: number | undefined): (abstract new (...args: never[]) => unknown) =>
  apiErrorFor({
    operation: "",
    request: { method: "", url: "" },
    status,
    traceId: undefined,
    statusCode,
    statusMsg: undefined,
    retryAfter: undefined,
    body: undefined,
  }).constructor as abstract new (
    ...args: never[]
  ) => unknown;

/** Every file_id in a JSON tree, in document order, as found (lossless numbers as their digits). */
function idsIn(value: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) idsIn(item, out);
  else if (typeof value === "object" && value !== null && !isLosslessNumber(value))
    for (const [key, item] of Object.entries(value)) {
      if (key === "file_id") out.push(isLosslessNumber(item) ? item.toString() : item);
      else idsIn(item, out);
    }
  return out;
}

/** A JSON tree with every number as its digits, for comparing bodies without rounding. */
function exact(value: unknown): unknown {
  if (isLosslessNumber(value)) return value.toString();
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(exact);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exact(v)]));
  return value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(exact(a))) === JSON.stringify(sortKeys(exact(b)));
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

/** The exchange against the spec's validator, and Prism's own verdict on its answer. */
function exchangeFindings(exchange: SandboxExchange | undefined): string[] {
  if (!exchange) return ["no request reached the target"];
  const findings = validateExchange(exchange).map(formatFinding);
  const flagged = exchange.response.headers["sl-violations"];
  if (flagged) findings.push(`Prism flagged its own answer: ${flagged}`);
  return findings;
}

const isJsonOperation = (op: SpecOperation) => Object.keys(jsonMedia(op) ?? {}).length > 0;
const jsonMedia = (op: SpecOperation) =>
  (op.responses["200"] as { content?: Record<string, MediaType> } | undefined)?.content?.["application/json"];
interface MediaType {
  schema?: {
    example?: unknown;
    properties?: { base_resp?: { properties?: { status_code?: { description?: string } } } };
  };
  examples?: Record<string, { value?: unknown }>;
}

/**
 * What the client made of a JSON answer: its typed result for base_resp.status_code 0, else the
 * class its error map gives that code, with the body's code and message; file ids exact either way.
 */
function clientFindings(outcome: Outcome): { findings: string[]; seen: string } {
  const { exchange } = outcome;
  if (!exchange?.response.body) return { findings: ["no JSON answer was recorded"], seen: "no answer" };
  let raw: unknown;
  try {
    raw = parse(exchange.response.body);
  } catch (error) {
    return { findings: [`the answer is not JSON: ${describeError(error)}`], seen: "not JSON" };
  }
  const baseResp = (raw as { base_resp?: { status_code?: unknown; status_msg?: unknown } }).base_resp;
  const codeText = isLosslessNumber(baseResp?.status_code) ? baseResp.status_code.toString() : undefined;
  const rawIds = idsIn(raw);
  const findings: string[] = [];
  const compareIds = (where: string, given: unknown[]) => {
    if (given.length !== rawIds.length || given.some((id, i) => id !== rawIds[i]))
      findings.push(`${where} file ids ${JSON.stringify(given)} are not the body's ${JSON.stringify(rawIds)}`);
  };
  if (codeText === "0") {
    if (!outcome.returned)
      findings.push(`base_resp.status_code 0, but the client raised ${describeError(outcome.error)}`);
    else compareIds("the result's", idsIn(outcome.result));
    return { findings, seen: "typed result" };
  }
  const statusCode = codeText === undefined ? undefined : Number(codeText);
  if (outcome.returned)
    return { findings: [`base_resp.status_code ${codeText}, but the client returned a result`], seen: "a result" };
  const error = outcome.error;
  if (!(error instanceof MiniMaxAPIError))
    return {
      findings: [`base_resp.status_code ${codeText}: the client raised ${describeError(error)}, not a MiniMaxAPIError`],
      seen: describeError(error),
    };
  const wanted = mappedClass(200, statusCode);
  if (error.constructor !== wanted)
    findings.push(
      `base_resp.status_code ${codeText}: the client raised ${error.name}, its error map gives ${wanted.name}`,
    );
  if (error.statusCode !== statusCode)
    findings.push(`the error's statusCode is ${error.statusCode}, the body's ${codeText}`);
  if (typeof baseResp?.status_msg === "string" && baseResp.status_msg !== "" && error.statusMsg !== baseResp.status_msg)
    findings.push(
      `the error's statusMsg ${JSON.stringify(error.statusMsg)} is not the body's ${JSON.stringify(baseResp.status_msg)}`,
    );
  compareIds("the error body's", idsIn(error.body));
  return { findings, seen: `${error.name} (status_code ${codeText})` };
}

/** What the client made of a download: the bytes Prism sent, as they were sent. */
function downloadFindings(outcome: Outcome, bytes: Uint8Array): string[] {
  if (!outcome.returned) return [`the client raised ${describeError(outcome.error)}`];
  const result = outcome.result;
  if (!(result instanceof Uint8Array)) return [`the client returned ${typeof result}, not bytes`];
  if (result.byteLength !== outcome.exchange?.response.bytes)
    return [`the client returned ${result.byteLength} bytes of the answer's ${outcome.exchange?.response.bytes}`];
  return Buffer.from(result).equals(Buffer.from(bytes)) ? [] : ["the client's bytes differ from the answer's"];
}

// ---- the cells ----

const NOT_PRISM = `the Prefer header selects the responses of Prism's mock; the target (${target.url}) is not Prism`;
const UNDOCUMENTED_CANDIDATES = [500, 503, 400, 418];

if (target.kind !== "prism") {
  for (const op of SPEC_OPERATIONS.values())
    for (const name of CHECKS) cells.notApplicable(op.operationId, name, NOT_PRISM);
} else {
  for (const op of SPEC_OPERATIONS.values()) {
    const operation = op.operationId;
    cells.describe(operation, () => {
      const json = isJsonOperation(op);

      check(operation, "prefer_code_documented", "prefer_code_documented", async () => {
        const findings: string[] = [];
        const notes: string[] = [];
        for (const status of Object.keys(op.responses)) {
          const prefer = `code=${status}`;
          const outcome = await callWith(operation, prefer);
          const at = (f: string) => `Prefer: ${prefer}: ${f}`;
          findings.push(...exchangeFindings(outcome.exchange).map(at));
          if (outcome.exchange && String(outcome.exchange.response.status) !== status)
            findings.push(at(`answered HTTP ${outcome.exchange.response.status}`));
          if (json) {
            findings.push(...clientFindings(outcome).findings.map(at));
            // The schema's example is the published answer: named examples must not displace it.
            const example = jsonMedia(op)?.schema?.example;
            if (
              example !== undefined &&
              outcome.exchange?.response.body !== undefined &&
              !same(parse(outcome.exchange.response.body), example)
            )
              findings.push(
                at("Prism's answer is not the schema's example: the spec's first named example is not a copy of it"),
              );
          } else findings.push(...downloadFindings(outcome, await rawDownload(prefer)).map(at));
        }
        // What Prism does with a status the operation does not document, and what the client makes of it.
        const undocumented = UNDOCUMENTED_CANDIDATES.find((code) => !(String(code) in op.responses))!;
        const probe = await callWith(operation, `code=${undocumented}`);
        const answered = probe.exchange?.response;
        let detail: unknown;
        try {
          detail = answered?.body ? (JSON.parse(answered.body) as { detail?: unknown }).detail : undefined;
        } catch {
          detail = undefined; // not JSON: the status and Content-Type say enough
        }
        const raised = probe.returned
          ? "returned a result"
          : `raised ${probe.error instanceof Error ? probe.error.name : String(probe.error)}`;
        notes.push(
          `Prefer: code=${undocumented} (not documented): Prism answered HTTP ${answered?.status} ${answered?.headers["content-type"]}${detail ? ` (${JSON.stringify(detail)})` : ""}; the client ${raised}`,
        );
        const wanted = answered ? mappedClass(answered.status, undefined) : undefined;
        if (!(probe.error instanceof MiniMaxAPIError) || probe.error.constructor !== wanted)
          findings.push(
            `Prefer: code=${undocumented}: the client ${raised}, its error map gives ${wanted?.name} for HTTP ${answered?.status}`,
          );
        return { findings, notes };
      });

      const examples = Object.entries(jsonMedia(op)?.examples ?? {});
      if (examples.length === 0) {
        cells.notApplicable(
          operation,
          "prefer_example_documented",
          `the documented response has no named examples (${Object.keys((op.responses["200"] as { content?: object } | undefined)?.content ?? {}).join(", ")})`,
        );
      } else {
        check(
          operation,
          "prefer_example_documented",
          `prefer_example_documented (${examples.map(([name]) => name).join(", ")})`,
          async () => {
            const findings: string[] = [];
            const notes: string[] = [];
            const served = new Set<number>();
            for (const [name, example] of examples) {
              const prefer = `code=200, example=${name}`;
              const outcome = await callWith(operation, prefer);
              const at = (f: string) => `Prefer: ${prefer}: ${f}`;
              findings.push(...exchangeFindings(outcome.exchange).map(at));
              if (
                outcome.exchange?.response.body === undefined ||
                !same(parse(outcome.exchange.response.body), example.value)
              )
                findings.push(at("Prism did not serve the named example"));
              const { findings: found, seen } = clientFindings(outcome);
              findings.push(...found.map(at));
              notes.push(`${name}: ${seen}`);
              const code = (example.value as { base_resp?: { status_code?: unknown } }).base_resp?.status_code;
              if (typeof code === "number") served.add(code);
            }
            // The codes the operation's base_resp documents (its status_code description lists them).
            const description =
              jsonMedia(op)?.schema?.properties?.base_resp?.properties?.status_code?.description ?? "";
            const documented = [...description.matchAll(/^\s*(?:-\s*)?(\d+),/gm)].map((m) => Number(m[1]));
            if (documented.length === 0)
              findings.push("found no documented status codes in base_resp.status_code's description");
            for (const code of documented)
              if (!served.has(code))
                findings.push(`status_code ${code} is documented but has no named example: no mock can serve it`);
            return { findings, notes };
          },
        );
      }

      const bodies = Object.values(
        (op.responses["200"] as { content?: Record<string, { schema?: unknown }> } | undefined)?.content ?? {},
      );
      if (!bodies.some((media) => media.schema !== undefined)) {
        cells.notApplicable(
          operation,
          "prefer_dynamic_seeded",
          "the documented body is bytes without a schema (OAS 3.1's raw binary): Prism has nothing to generate it from",
        );
      } else
        check(operation, "prefer_dynamic_seeded", `prefer_dynamic_seeded (seeds ${SEEDS.join(", ")})`, async () => {
          const findings: string[] = [];
          const notes: string[] = [];
          const plain = json
            ? (await callWith(operation, undefined)).exchange?.response.body
            : Buffer.from(await rawDownload(undefined)).toString("base64");
          for (const seed of SEEDS) {
            const prefer = `dynamic=true, seed=${seed}`;
            const at = (f: string) => `Prefer: ${prefer}: ${f}`;
            const outcome = await callWith(operation, prefer);
            findings.push(...exchangeFindings(outcome.exchange).map(at));
            if (outcome.exchange?.request.headers["prefer"] !== prefer)
              findings.push(at("the request went out without it"));
            if (json) {
              const { findings: found, seen } = clientFindings(outcome);
              findings.push(...found.map(at));
              notes.push(`seed ${seed}: ${seen}`);
              const body = outcome.exchange?.response.body;
              if (body === plain) findings.push(at("Prism answered its static example, not a generated body"));
              // The same seed must give the same body, or a printed seed reproduces nothing.
              if ((await callWith(operation, prefer)).exchange?.response.body !== body)
                findings.push(at("a second request with the same seed got another body"));
            } else {
              const bytes = await rawDownload(prefer);
              findings.push(...downloadFindings(outcome, bytes).map(at));
              notes.push(
                `seed ${seed}: ${outcome.returned ? `typed result (${(outcome.result as Uint8Array).byteLength} bytes)` : describeError(outcome.error)}`,
              );
              if (Buffer.from(bytes).toString("base64") === plain)
                findings.push(at("Prism answered its static example, not a generated body"));
            }
          }
          return { findings, notes };
        });
    });
  }
}

// ---- contractClient: the suite's client is the one users run ----

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

async function serve(
  answer: (seen: Seen, res: http.ServerResponse) => void,
): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const one = { url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(one);
      answer(one, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const answerJson = (res: http.ServerResponse, body: string) =>
  res.writeHead(200, { "content-type": "application/json" }).end(body);

describe("contractClient", () => {
  it("sends on the client's default transport (node:http): a redirect comes back as it is, where fetch would follow it", async () => {
    const server = await serve((seen, res) => {
      if (seen.url.startsWith("/v1/files/list")) res.writeHead(307, { location: "/moved" }).end();
      else answerJson(res, `{"files":[],"base_resp":{"status_code":0,"status_msg":"success"}}`);
    });
    try {
      const { client, exchanges } = contractClient({
        url: server.url,
        apiKey: target.apiKey,
        kind: "external",
        live: false,
      });
      const error = await client.list({ purpose: PURPOSE }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MiniMaxAPIError);
      expect(error).toMatchObject({ status: 307 });
      expect(server.seen.map((s) => s.url)).toEqual([`/v1/files/list?purpose=${PURPOSE}`]);
      // fetch (undici) adds this to every request; node:http sends only the request's own headers.
      expect(server.seen[0]!.headers["sec-fetch-mode"]).toBeUndefined();
      expect((await exchanges()).map((ex) => ex.response.status)).toEqual([307]);
    } finally {
      await server.close();
    }
  });

  it("hands an upload to the default transport on its chunk path, and records what went out", async () => {
    const server = await serve((_seen, res) =>
      answerJson(
        res,
        `{"file":{"file_id":9007199254740993,"bytes":${FIXTURE.byteLength},"created_at":1700000000,"filename":"prefer-fixture.txt","purpose":"${PURPOSE}"},"base_resp":{"status_code":0,"status_msg":"success"}}`,
      ),
    );
    const original = nodeTransport.createDefaultTransport;
    const chunkPath: boolean[] = [];
    // Sees each request the transport gets: an upload must still carry the body src/multipart.ts built.
    const made = jest.spyOn(nodeTransport, "createDefaultTransport").mockImplementation(() => {
      const send = original();
      return (request) => {
        chunkPath.push(chunksOf(request.body) !== undefined);
        return send(request);
      };
    });
    try {
      for (const rewrite of [undefined, (headers: Headers) => headers.set("prefer", "code=200")]) {
        const { client, exchanges } = contractClient(
          { url: server.url, apiKey: target.apiKey, kind: "external", live: false },
          rewrite ? { rewrite } : {},
        );
        const file = await client.upload({ file: FIXTURE, filename: "prefer-fixture.txt", purpose: PURPOSE });
        expect(file.file_id).toBe("9007199254740993");
        const [exchange] = await exchanges();
        expect(exchange?.request.form).toEqual({
          purpose: PURPOSE,
          file: { filename: "prefer-fixture.txt", type: "text/plain", bytes: FIXTURE.byteLength },
        });
      }
      expect(made).toHaveBeenCalledTimes(2);
      expect(chunkPath).toEqual([true, true]);
      for (const seen of server.seen) {
        expect(seen.headers["content-length"]).toBe(String(seen.body.byteLength));
        expect(seen.body.includes(Buffer.from(FIXTURE))).toBe(true);
      }
      expect(server.seen[1]!.headers["prefer"]).toBe("code=200");
    } finally {
      made.mockRestore();
      await server.close();
    }
  });
});
