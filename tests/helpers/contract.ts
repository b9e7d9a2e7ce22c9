// The contract suite's target and its validation: every exchange the suite makes is recorded (the
// request and the response's raw text, cloned off the data path) and checked by the sandbox's
// ExchangeValidator (src/sandbox/validator/: lossless-json + Ajv 2020-12 against
// generated/openapi.json), so the suite and the sandbox judge the spec with one validator.
//
// Target: CONTRACT_TARGET (a base URL) and CONTRACT_API_KEY, set by `npm run contract -- --target
// <url> [--key <k>]` or `npm run test:live`; without CONTRACT_TARGET, the Prism that globalSetup
// started (PRISM_URL).
import fs from "node:fs";
import path from "node:path";
import { MiniMaxFiles, type MiniMaxFilesOptions } from "../../src";
import { chunksOf } from "../../src/http/body-chunks";
import { createDefaultTransport } from "../../src/http/node-transport";
import { MIN_SECRET_LENGTH, REDACTED } from "../../src/errors/redact";
import {
  ExchangeValidator,
  SPEC_OPERATIONS,
  type RecordedPart,
  type RecordedRequest,
  type SandboxExchange,
  type SandboxFinding,
} from "../../src/sandbox/validator";
import { harWanted, recordHarEntry } from "./har";
import { TEST_API_KEY } from "./observed-client";
import { prismUrl } from "./prism";

const { isMiniMaxHost } = require("../../scripts/lib/contract-key.cjs") as {
  isMiniMaxHost: (target: string) => boolean;
};

export interface ContractTarget {
  url: string;
  apiKey: string;
  /** "prism": the Prism mock of globalSetup (Prism-only cases run); "external": any other URL. */
  kind: "prism" | "external";
  /**
   * MiniMax itself, or its stand-in in `npm run test:live`'s own tests (CONTRACT_LIVE=1, set by
   * scripts/test-live.mjs): only uploads MiniMax can accept are sent (see positive.test.ts), and
   * the checks only MiniMax can settle run (live-assumptions.test.ts).
   */
  live: boolean;
}

export function contractTarget(): ContractTarget {
  const given = process.env["CONTRACT_TARGET"];
  const apiKey = process.env["CONTRACT_API_KEY"] || TEST_API_KEY;
  if (!given) return { url: prismUrl(), apiKey, kind: "prism", live: false };
  const url = given.replace(/\/+$/, "");
  return {
    url,
    apiKey,
    kind: url === process.env["PRISM_URL"] ? "prism" : "external",
    live: process.env["CONTRACT_LIVE"] === "1" || isMiniMaxHost(url),
  };
}

// ---- keeping the key out of what the suite writes and throws ----

/**
 * The texts the key shows up as: itself, URL-encoded, and inside base64 (an echoed `Basic`
 * header, a token) at each of its three alignments, standard and URL-safe. Of the base64, only
 * the 4-character groups made of the key's bytes alone: they are the same whatever surrounds it.
 */
export function secretForms(key: string): string[] {
  if (key.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set([key, encodeURIComponent(key)]);
  const bytes = Buffer.from(key, "utf8");
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const fragment = encoded.slice(offset === 0 ? 0 : 4, 4 * Math.floor((offset + bytes.length) / 3));
    if (fragment.length >= 4) forms.add(fragment).add(fragment.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  // Longest first: a shorter form inside a longer one must not leave the rest of it.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replaces every form of the key (secretForms) in a text. */
export function redactorFor(key: string): (text: string) => string {
  const forms = secretForms(key);
  return (text) => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
}

/** An error as one line for a finding or a note: its name and message, cut at `max` characters. */
export function describeError(error: unknown, max = 600): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const validator = new ExchangeValidator();

const mediaOf = (value: string | null) => (value ?? "").split(";")[0]!.trim().toLowerCase();
const isText = (media: string) => media === "application/json" || media.endsWith("+json") || media.startsWith("text/");

/** The exchange as the validator reads it: the request (a clone taken before sending) and the response (a clone). */
export async function recordExchange(baseUrl: string, request: Request, response: Response): Promise<SandboxExchange> {
  const url = new URL(request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const pathname =
    basePath && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) || "/" : url.pathname;
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) headers[name] = value;
  const seen: RecordedRequest = { method: request.method, path: pathname, query, headers };
  const requestMedia = mediaOf(request.headers.get("content-type"));
  if (request.body !== null) {
    if (requestMedia === "multipart/form-data") {
      try {
        const parts: Record<string, RecordedPart> = {};
        (await request.formData()).forEach((value, name) => {
          parts[name] =
            typeof value === "string" ? value : { filename: value.name, type: value.type, bytes: value.size };
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
  for (const [name, value] of response.headers) responseHeaders[name] = value;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const recorded = { status: response.status, headers: responseHeaders, bytes: bytes.byteLength };
  return {
    operation: SPEC_OPERATIONS.get(`${request.method} ${pathname}`)?.operationId,
    request: seen,
    response: isText(mediaOf(response.headers.get("content-type")))
      ? { ...recorded, body: Buffer.from(bytes).toString("utf8") }
      : recorded,
  };
}

/** MiniMax's in-band refusal: HTTP 200 with a base_resp.status_code other than 0. */
export function refusedInBand(exchange: SandboxExchange): boolean {
  try {
    const code = (JSON.parse(exchange.response.body ?? "") as { base_resp?: { status_code?: unknown } }).base_resp
      ?.status_code;
    return exchange.response.status === 200 && typeof code === "number" && code !== 0;
  } catch {
    return false;
  }
}

/** The findings of the effective spec's validator on one exchange. */
export function validateExchange(exchange: SandboxExchange): SandboxFinding[] {
  return validator.validate(exchange);
}

export const formatFinding = (f: SandboxFinding) => `${f.operation} ${f.check}: ${f.finding}`;

/** Throws naming the operation, the check and the finding of every violation in these exchanges. */
export function expectConforming(exchanges: readonly SandboxExchange[]): void {
  const findings = exchanges.flatMap(validateExchange);
  if (findings.length > 0)
    throw new Error(`the target broke the spec:\n${findings.map((f) => `  - ${formatFinding(f)}`).join("\n")}`);
}

export interface ContractClientOptions extends Partial<MiniMaxFilesOptions> {
  /** Changes the request's headers on its way out (its body stays on the client's own path). */
  rewrite?: (headers: Headers) => void;
  /**
   * Replaces the request on its way out, after the client's own checks (negative.test.ts sends
   * invalid requests this way): what it returns is what is sent and recorded.
   */
  mutate?: (request: Request) => Request | Promise<Request>;
}

/**
 * A MiniMaxFiles on the target whose every exchange is recorded for validation (no retries: one
 * request, one exchange). Requests go out on the client's own default transport (node:http,
 * src/node-transport.ts), the one users get, unless `fetch` is given.
 */
export function contractClient(target: ContractTarget, options: ContractClientOptions = {}) {
  const pending: Promise<SandboxExchange>[] = [];
  // A Response for these cannot be given a body.
  const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
  const { rewrite, mutate, ...rest } = options;
  const redact = redactorFor(target.apiKey);
  // The HAR is the target's traffic: a stand-in a test stood up (a redirect, a cut connection) is
  // no server the spec describes, and drift would judge it as one.
  const toHar = harWanted && target.url === contractTarget().url;
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
        request = new Request(original.url, {
          method: original.method,
          headers,
          body: original.body,
          signal: original.signal,
          duplex: "half",
        } as RequestInit);
      }
      if (mutate) request = await mutate(request);
      const sent = copyOfRequest(request);
      const started = new Date();
      const response = await inner(request);
      const ms = Date.now() - started.getTime();
      const answer = response.clone();
      pending.push(
        (async () => {
          // Once the answer has been read to its end, the server has stopped reading the request:
          // an upload's copy then holds everything that went out.
          const bytes = await answer.arrayBuffer();
          const copy = () =>
            new Response(NULL_BODY_STATUSES.has(answer.status) ? null : bytes, {
              status: answer.status,
              statusText: answer.statusText,
              headers: answer.headers,
            });
          const request = sent();
          const requestBytes = toHar && request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
          const exchange = await recordExchange(target.url, request, copy());
          if (toHar)
            recordHarEntry(
              {
                started,
                ms,
                request,
                requestBytes,
                form: exchange.request.form,
                response: copy(),
                responseBytes: new Uint8Array(bytes),
                // Changed on purpose (negative cases, auth checks): drift judges only the answer.
                invalid: mutate !== undefined || rewrite !== undefined,
              },
              redact,
            );
          return exchange;
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
    return () =>
      new Request(request.url, { method: request.method, headers: request.headers, body: Buffer.concat(copied) });
  }
}

// ---- the coverage table: operation × check → passed / failed / not applicable / not run ----

/** "not run": the check's tests were filtered out of the run (jest -t); "failed" means it ran and found something, or did not finish. */
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

export const COVERAGE_FILE =
  process.env["CONTRACT_COVERAGE_FILE"] || path.resolve(__dirname, "../../reports/contract-coverage.json");
/**
 * Each contract test file writes its own part here (`<rank>-<suite>.json`); the reporter
 * (tests/setup/contract-coverage-reporter.cjs) merges the parts into COVERAGE_FILE and prints it.
 * Test files run in parallel workers, so none of them writes COVERAGE_FILE itself. The reporter
 * gives each Jest run a folder of its own (CONTRACT_COVERAGE_PARTS).
 */
export const COVERAGE_PARTS = process.env["CONTRACT_COVERAGE_PARTS"] || `${COVERAGE_FILE}.parts`;

export class CoverageRecorder {
  private readonly report: CoverageReport;
  private readonly redact: (text: string) => string;
  /**
   * @param suite names the part file; `rank` orders the parts' checks in the merged table.
   */
  constructor(
    target: ContractTarget,
    checks: readonly string[],
    private readonly suite: { name: string; rank: number } = { name: "operations", rank: 10 },
  ) {
    // Columns in the spec's order, whichever cell is set first.
    const operations = Object.fromEntries([...SPEC_OPERATIONS.values()].map((op) => [op.operationId, {}]));
    this.report = { target: target.url, kind: target.kind, checks: [...checks], operations };
    this.redact = redactorFor(target.apiKey);
  }
  /** Notes are kept without the key: they hold answers and errors, which can echo a credential. */
  set(operation: string, check: string, cell: Cell): void {
    (this.report.operations[operation] ??= {})[check] = { status: cell.status, notes: cell.notes.map(this.redact) };
  }
  get(operation: string, check: string): Cell | undefined {
    return this.report.operations[operation]?.[check];
  }
  write(folder = COVERAGE_PARTS): void {
    fs.mkdirSync(folder, { recursive: true });
    const name = `${String(this.suite.rank).padStart(3, "0")}-${this.suite.name}.json`;
    fs.writeFileSync(path.join(folder, name), `${JSON.stringify(this.report, null, 2)}\n`);
  }
}

/** A test's verdict on one of its cells: it failed with `findings` if there are any. */
export type Settle = (operation: string, check: string, findings: readonly string[], notes?: readonly string[]) => void;

interface TrackedTest {
  cells: (readonly [operation: string, check: string])[];
  /** Jest began it: its beforeEach or afterEach hooks ran (a test filtered out by -t gets neither). */
  started: boolean;
  /** Its body returned or threw before its afterEach hooks. */
  bodyEnded: boolean;
  /** Its afterEach hooks ran: later verdicts (of a body that timed out) are not taken. */
  over: boolean;
  verdicts: Map<string, { findings: string[]; notes: string[] }>;
}

const cellKey = (operation: string, check: string) => `${operation} ${check}`;

/**
 * The coverage cells of one contract test file, and the tests that judge them. Each test names its
 * cells when it is declared (`it`), and a cell's status comes from what happened to its tests:
 *
 * - never started (filtered out by jest -t): "not run", the only way a cell is "not run";
 * - started, and a verdict with findings: "failed" with them;
 * - started and never ended (the test timed out, or a beforeAll hook failed or timed out, so Jest
 *   failed the test without running it): "failed", "did not finish";
 * - every test ended and judged the cell without findings: "passed".
 *
 * "Started" is seen in beforeEach and in afterEach, by the test's full name
 * (expect.getState().currentTestName): Jest skips beforeEach when a beforeAll hook failed, but
 * still runs afterEach. So the tests are declared through `describe` and `it` here, which know
 * the full name Jest will give them. Construct it at the top of the test file: its hooks and the
 * afterAll that writes the file's part of the table are registered then.
 */
export class CellTracker {
  readonly coverage: CoverageRecorder;
  private readonly redact: (text: string) => string;
  private readonly titles: string[] = [];
  private readonly tests = new Map<string, TrackedTest>();
  /** The tests of each cell, in declaration order. */
  private readonly testsOf = new Map<string, { operation: string; check: string; tests: TrackedTest[] }>();

  /**
   * @param summary the notes of a passed cell (e.g. how many cases it ran); without it, the
   *   notes its tests gave.
   */
  constructor(
    target: ContractTarget,
    checks: readonly string[],
    suite: { name: string; rank: number },
    private readonly summary?: (operation: string, check: string, tests: number) => string[],
  ) {
    this.coverage = new CoverageRecorder(target, checks, suite);
    this.redact = redactorFor(target.apiKey);
    const start = () => {
      const test = this.current();
      if (test) test.started = true;
    };
    beforeEach(start);
    afterEach(() => {
      start();
      const test = this.current();
      if (test) test.over = true;
    });
    afterAll(() => {
      this.fill();
      this.coverage.write();
    });
  }

  /** A describe block whose title the tracked tests inside it carry in their full names. */
  describe(title: string, body: () => void): void {
    describe(title, () => {
      this.titles.push(title);
      try {
        body();
      } finally {
        this.titles.pop();
      }
    });
  }

  /**
   * A test that judges these cells through `settle`. A thrown error fails it, and each of its
   * cells it had not judged yet fails with that error; a body that returns without judging one
   * of its cells fails it too. Findings fail the test, naming the operation, the check and each.
   */
  it(
    title: string,
    cells: (readonly [operation: string, check: string])[],
    body: (settle: Settle) => Promise<void> | void,
    timeout?: number,
  ): void {
    const name = [...this.titles, title].join(" ");
    if (this.tests.has(name))
      throw new Error(`two contract tests named ${JSON.stringify(name)}: the coverage table tells tests apart by name`);
    const test: TrackedTest = { cells, started: false, bodyEnded: false, over: false, verdicts: new Map() };
    this.tests.set(name, test);
    for (const [operation, check] of cells) {
      const key = cellKey(operation, check);
      if (!this.testsOf.has(key)) this.testsOf.set(key, { operation, check, tests: [] });
      this.testsOf.get(key)!.tests.push(test);
    }
    const judge = (operation: string, check: string, findings: readonly string[], notes: readonly string[] = []) => {
      if (test.over) return;
      const key = cellKey(operation, check);
      if (!test.cells.some(([o, c]) => cellKey(o, c) === key))
        throw new Error(`the test ${JSON.stringify(name)} judged ${key}, which it did not declare`);
      const verdict = test.verdicts.get(key) ?? { findings: [], notes: [] };
      verdict.findings.push(...findings.map(this.redact));
      verdict.notes.push(...notes.map(this.redact));
      test.verdicts.set(key, verdict);
    };
    const unjudged = (why: string) => {
      for (const [operation, check] of cells)
        if (!test.verdicts.has(cellKey(operation, check))) judge(operation, check, [why]);
    };
    it(
      title,
      async () => {
        try {
          await body(judge);
        } catch (error) {
          unjudged(`not judged: the test failed first: ${this.redact(describeError(error))}`);
          throw error;
        } finally {
          if (!test.over) test.bodyEnded = true;
        }
        unjudged("the test ended without judging this cell");
        const failures = [...test.verdicts].flatMap(([key, verdict]) =>
          verdict.findings.map((finding) => `${key}: ${finding}`),
        );
        if (failures.length > 0) throw new Error(failures.join("\n"));
      },
      timeout,
    );
  }

  /** A cell its check does not apply to, with why. */
  notApplicable(operation: string, check: string, why: string): void {
    this.coverage.set(operation, check, { status: "not applicable", notes: [why] });
  }

  private current(): TrackedTest | undefined {
    const name = expect.getState().currentTestName;
    return name === undefined ? undefined : this.tests.get(name);
  }

  /** Every tracked cell's status, from its tests. */
  private fill(): void {
    for (const { operation, check, tests } of this.testsOf.values()) {
      const key = cellKey(operation, check);
      const ran = tests.filter((test) => test.started);
      const findings = ran.flatMap((test) => test.verdicts.get(key)?.findings ?? []);
      const unfinished = ran.filter((test) => !test.bodyEnded && !test.verdicts.has(key)).length;
      const filtered = tests.length - ran.length;
      const filteredNote =
        filtered > 0 ? [`${filtered} of its ${tests.length} tests were filtered out of this run (jest -t)`] : [];
      if (findings.length > 0 || unfinished > 0) {
        const didNotFinish =
          unfinished > 0
            ? [
                `${unfinished === 1 && tests.length === 1 ? "its test" : `${unfinished} of its tests`} did not finish: timed out, or a beforeAll hook failed or timed out (Jest's output for the test says which)`,
              ]
            : [];
        this.coverage.set(operation, check, {
          status: "failed",
          notes: [...findings, ...didNotFinish, ...filteredNote],
        });
      } else if (ran.length === 0) {
        this.coverage.set(operation, check, {
          status: "not run",
          notes: [`its ${tests.length === 1 ? "test was" : "tests were"} filtered out of this run (jest -t)`],
        });
      } else if (filtered > 0) {
        this.coverage.set(operation, check, { status: "not run", notes: filteredNote });
      } else {
        const notes = this.summary?.(operation, check, tests.length) ?? [
          ...new Set(ran.flatMap((test) => test.verdicts.get(key)?.notes ?? [])),
        ];
        this.coverage.set(operation, check, { status: "passed", notes });
      }
    }
  }
}
