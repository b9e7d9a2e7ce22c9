// The contract suite's target and its validation: every exchange the suite makes is recorded (the
// request and the response's raw text, cloned off the data path) and checked by the sandbox's
// ExchangeValidator (src/sandbox/validator.ts: lossless-json + Ajv 2020-12 against
// generated/openapi.json), so the suite and the sandbox judge the spec with one validator.
//
// Target: CONTRACT_TARGET (a base URL) and CONTRACT_API_KEY, set by `npm run contract -- --target
// <url> [--key <k>]`; without CONTRACT_TARGET, the Prism that globalSetup started (PRISM_URL).
import fs from "node:fs";
import path from "node:path";
import { MiniMaxFiles, type MiniMaxFilesOptions } from "../../src";
import { chunksOf } from "../../src/multipart";
import { createDefaultTransport } from "../../src/node-transport";
import { ExchangeValidator, SPEC_OPERATIONS, type RecordedPart, type RecordedRequest, type SandboxExchange, type SandboxFinding } from "../../src/sandbox/validator";
import { TEST_API_KEY } from "./observed-client";
import { prismUrl } from "./prism";

export interface ContractTarget {
  url: string;
  apiKey: string;
  /** "prism": the Prism mock of globalSetup (Prism-only cases run); "external": any other URL. */
  kind: "prism" | "external";
}

export function contractTarget(): ContractTarget {
  const given = process.env["CONTRACT_TARGET"];
  const apiKey = process.env["CONTRACT_API_KEY"] || TEST_API_KEY;
  if (!given) return { url: prismUrl(), apiKey, kind: "prism" };
  const url = given.replace(/\/+$/, "");
  return { url, apiKey, kind: url === process.env["PRISM_URL"] ? "prism" : "external" };
}

const validator = new ExchangeValidator();

const mediaOf = (value: string | null) => (value ?? "").split(";")[0]!.trim().toLowerCase();
const isText = (media: string) => media === "application/json" || media.endsWith("+json") || media.startsWith("text/");

/** The exchange as the validator reads it: the request (a clone taken before sending) and the response (a clone). */
export async function recordExchange(baseUrl: string, request: Request, response: Response): Promise<SandboxExchange> {
  const url = new URL(request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const pathname = basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || "/" : url.pathname;
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const seen: RecordedRequest = { method: request.method, path: pathname, query, headers };
  const requestMedia = mediaOf(request.headers.get("content-type"));
  if (request.body !== null) {
    if (requestMedia === "multipart/form-data") {
      try {
        const parts: Record<string, RecordedPart> = {};
        (await request.formData()).forEach((value, name) => {
          parts[name] = typeof value === "string" ? value : { filename: value.name, type: value.type, bytes: value.size };
        });
        seen.form = parts;
      } catch (error) {
        seen.formError = (error as Error).message;
      }
    } else {
      seen.body = await request.text();
    }
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (responseHeaders[name] = value));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const recorded = { status: response.status, headers: responseHeaders, bytes: bytes.byteLength };
  return {
    operation: SPEC_OPERATIONS.get(`${request.method} ${pathname}`)?.operationId,
    request: seen,
    response: isText(mediaOf(response.headers.get("content-type"))) ? { ...recorded, body: Buffer.from(bytes).toString("utf8") } : recorded,
  };
}

/** The findings of the effective spec's validator on one exchange. */
export function validateExchange(exchange: SandboxExchange): SandboxFinding[] {
  return validator.validate(exchange);
}

export const formatFinding = (f: SandboxFinding) => `${f.operation} ${f.check}: ${f.finding}`;

/** Throws naming the operation, the check and the finding of every violation in these exchanges. */
export function expectConforming(exchanges: readonly SandboxExchange[]): void {
  const findings = exchanges.flatMap(validateExchange);
  if (findings.length > 0) throw new Error(`the target broke the spec:\n${findings.map((f) => `  - ${formatFinding(f)}`).join("\n")}`);
}

/**
 * A MiniMaxFiles on the target whose every exchange is recorded for validation (no retries: one
 * request, one exchange). Requests go out on the client's own default transport (node:http,
 * src/node-transport.ts), the one users get, unless `fetch` is given.
 */
export function contractClient(target: ContractTarget, options: Partial<MiniMaxFilesOptions> & { rewrite?: (headers: Headers) => void } = {}) {
  const pending: Promise<SandboxExchange>[] = [];
  // A Response for these cannot be given a body.
  const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
  const { rewrite, ...rest } = options;
  // globalThis.fetch (undici) follows redirects, adds headers of its own and buffers uploads:
  // recording around it tested a client no user runs.
  const inner = rest.fetch ?? createDefaultTransport();
  const client = new MiniMaxFiles({
    apiKey: target.apiKey,
    baseUrl: target.url,
    maxRetries: 0,
    ...rest,
    fetch: async (original) => {
      let request = original;
      if (rewrite) {
        const headers = new Headers(original.headers);
        rewrite(headers);
        // The same body stream goes into the new Request, so an upload keeps its chunk path.
        request = new Request(original.url, { method: original.method, headers, body: original.body, signal: original.signal, duplex: "half" } as RequestInit);
      }
      const sent = copyOfRequest(request);
      const response = await inner(request);
      const answer = response.clone();
      pending.push(
        (async () => {
          // Once the answer has been read to its end, the server has stopped reading the request:
          // an upload's copy then holds everything that went out.
          const bytes = await answer.arrayBuffer();
          const copy = new Response(NULL_BODY_STATUSES.has(answer.status) ? null : bytes, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
          return recordExchange(target.url, sent(), copy);
        })(),
      );
      return response;
    },
  });
  return {
    client,
    /** Every exchange so far, once their bodies are read. */
    exchanges: () => Promise.all(pending),
    /** Forget the exchanges so far (e.g. a deliberately refused request). */
    clear: () => void pending.splice(0),
  };

  /**
   * What the request sends, read off the data path. An upload built by src/multipart.ts is sent by
   * the default transport from the chunks registered for its body stream; Request.clone() would
   * tee that stream and hand the transport another one, taking the upload off the path users run.
   * So each chunk is copied as the transport pulls it, and handed on unchanged. Any other body
   * (JSON, a raw client's FormData) is cloned, as the transport reads it whole anyway.
   */
  function copyOfRequest(request: Request): () => Request {
    const chunks = chunksOf(request.body);
    if (!chunks) {
      const clone = request.clone();
      return () => clone;
    }
    const copied: Uint8Array[] = [];
    const next = chunks.next.bind(chunks);
    chunks.next = async (...args) => {
      const step = await next(...args);
      if (!step.done) copied.push(step.value.slice());
      return step;
    };
    return () => new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(copied) });
  }
}

// ---- the coverage table: operation × check → passed / failed / not applicable / not run ----

/** "not run": the check's test was filtered out of the run (jest -t); "failed" means it ran and found something. */
export type CellStatus = "passed" | "failed" | "not applicable" | "not run";
export interface Cell {
  status: CellStatus;
  /** The findings of a failed check, why a check does not apply, or why it did not run. */
  notes: string[];
}
export interface CoverageReport {
  target: string;
  kind: ContractTarget["kind"];
  checks: string[];
  operations: Record<string, Record<string, Cell>>;
}

export const COVERAGE_FILE = process.env["CONTRACT_COVERAGE_FILE"] || path.resolve(__dirname, "../../reports/contract-coverage.json");
/**
 * Each contract test file writes its own part here (`<rank>-<suite>.json`); the reporter
 * (tests/setup/contract-coverage-reporter.cjs) merges the parts into COVERAGE_FILE and prints it.
 * Test files run in parallel workers, so none of them writes COVERAGE_FILE itself.
 */
export const COVERAGE_PARTS = `${COVERAGE_FILE}.parts`;

export class CoverageRecorder {
  private readonly report: CoverageReport;
  /**
   * @param suite names the part file; `rank` orders the parts' checks in the merged table.
   */
  constructor(
    target: ContractTarget,
    checks: readonly string[],
    private readonly suite: { name: string; rank: number } = { name: "operations", rank: 10 },
  ) {
    this.report = { target: target.url, kind: target.kind, checks: [...checks], operations: {} };
  }
  set(operation: string, check: string, cell: Cell): void {
    (this.report.operations[operation] ??= {})[check] = cell;
  }
  has(operation: string, check: string): boolean {
    return this.report.operations[operation]?.[check] !== undefined;
  }
  write(folder = COVERAGE_PARTS): void {
    fs.mkdirSync(folder, { recursive: true });
    const name = `${String(this.suite.rank).padStart(3, "0")}-${this.suite.name}.json`;
    fs.writeFileSync(path.join(folder, name), JSON.stringify(this.report, null, 2) + "\n");
  }
}
