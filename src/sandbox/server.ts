// The sandbox: a stateful local stand-in for MiniMax's file API on node:http, for tests and manual
// trials. It is a test double, not MiniMax: it does what MiniMax's docs (openapi/reference-notes.md)
// and the effective spec say, and where they are silent it makes a documented assumption. This
// file wires it together and owns the server's life (listen, close); each job has its own module:
//
// - routes.ts: the five operations of generated/openapi.json, at their paths and methods
//   (request-handler.ts finds the operation, checks the key and writes the answer with reply.ts).
// - store.ts: the files, in a temporary folder removed by close(), under int64 ids from 2^53 + 1.
// - upload-receiver.ts: uploads streamed to disk as they arrive, never held in memory.
// - refusal.ts: errors as MiniMax reports them (HTTP 200 + base_resp), and the sandbox's assumptions.
// - exchange-log.ts: every exchange recorded and, unless `validate: false`, checked against the
//   spec after the answer was written; whose finding each break is.
// - validator/: what is valid, defined once. The sandbox refuses exactly what the validator
//   reports (wire-rules.ts: the Authorization header, an int64 id in a query or a JSON body, a
//   body's Content-Type).
import { withCors } from "./cors";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ExchangeLog, type SandboxEvent } from "./exchange-log";
import type { SandboxHooks } from "./hooks";
import { requestHandler } from "./request-handler";
import { routes } from "./routes";
import { DEFAULT_SANDBOX_KEY, FIRST_FILE_ID } from "./constants";
import { FileStore } from "./store";
import {
  type ExchangeValidator,
  isBearerToken,
  sharedExchangeValidator,
  type SandboxExchange,
  type SandboxFinding,
} from "./validator";
import { AJV_MISSING } from "./validator/ajv-loader";

export type { RecordedPart, RecordedRequest, RecordedResponse, SandboxExchange, SandboxFinding } from "./validator";
export type { SandboxHead, SandboxHooks } from "./hooks";
export type { SandboxEvent } from "./exchange-log";
export { DEFAULT_SANDBOX_KEY, FIRST_FILE_ID } from "./constants";

export interface SandboxOptions {
  /** Port on `host`; 0 (the default) picks a free one. */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** The only key accepted as `Authorization: Bearer <apiKey>`; a bearer token (RFC 6750 b64token). @default "sandbox-key" */
  apiKey?: string;
  /**
   * Check every exchange against the effective spec. Validation needs Ajv (`npm install ajv@8
   * ajv-formats@3`), which minimax-files does not install: `"auto"` validates when Ajv is there and
   * runs without validation otherwise (`sandbox.validating` says which); `true` throws at start
   * when Ajv is missing.
   * @default "auto"
   */
  validate?: boolean | "auto";
  /**
   * The first file id the sandbox hands out (then one more per upload). The default, 2^53 + 1,
   * is the smallest integer a JavaScript number cannot hold, so a client that reads ids as doubles
   * gets them wrong at once. Tools that parse JSON with doubles (Redocly Respect, Prism's proxy,
   * see docs/sandbox.md) need ids below 2^53: e.g. `1000`. A positive safe integer or bigint.
   * @default FIRST_FILE_ID (2n ** 53n + 1n)
   * @example 1000
   */
  idStart?: number | bigint;
  /**
   * The origin a page in a browser may call the sandbox from (CORS on every answer, and the
   * preflight answered), e.g. the dev server's; `"*"` for any. Off by default.
   * @example "http://127.0.0.1:5173"
   */
  cors?: string | undefined;
  /**
   * Called with each exchange once it is answered and judged: its findings, whether it was refused
   * in-band, and how long the answer took (`npm run sandbox` prints a line per request from it).
   */
  onExchange?: ((event: SandboxEvent) => void) | undefined;
}

export interface Sandbox {
  /** Base URL to give the client, e.g. http://127.0.0.1:41234 */
  url: string;
  apiKey: string;
  /** Every request and response, in the order the responses were written. */
  exchanges: SandboxExchange[];
  /** Whether exchanges are checked against the spec (see SandboxOptions.validate). */
  validating: boolean;
  /** The sandbox's own breaks of the spec, in its answers (empty when not validating). */
  findings: SandboxFinding[];
  /** What requests sent that the spec does not document, each with side "request" (see the header of exchange-log.ts). */
  requestFindings: SandboxFinding[];
  /** Stops the server, cuts open connections and removes the stored files. */
  close(): Promise<void>;
}

/** What createSandbox gives its own tests besides the public Sandbox. */
export interface InternalSandbox extends Sandbox {
  /** The temporary folder holding the stored files (removed by close()). */
  folder: string;
}

/** The validator for `validate`: none when off, or when "auto" and Ajv is not installed; true throws without Ajv. */
function validatorFor(validate: boolean | "auto"): ExchangeValidator | undefined {
  if (validate === false) return undefined;
  try {
    return sharedExchangeValidator();
  } catch (error) {
    if (validate === "auto" && (error as { code?: unknown }).code === AJV_MISSING) return undefined;
    throw error;
  }
}

/** `idStart` as the first id; a TypeError naming it when it is no positive integer below 2^63. */
function firstId(idStart: number | bigint | undefined): bigint {
  if (idStart === undefined) return FIRST_FILE_ID;
  const ok =
    (typeof idStart === "bigint" && idStart > 0n && idStart < 2n ** 63n) ||
    (typeof idStart === "number" && Number.isSafeInteger(idStart) && idStart > 0);
  if (!ok)
    throw new TypeError(
      `idStart must be a positive safe integer or a bigint below 2^63, not ${typeof idStart === "bigint" ? `${idStart}n` : JSON.stringify(idStart)}`,
    );
  return BigInt(idStart);
}

/** Starts a sandbox; `hooks` are for the sandbox's own tests (index.ts's startSandbox passes none). */
export async function createSandbox(options: SandboxOptions = {}, hooks: SandboxHooks = {}): Promise<InternalSandbox> {
  const { port = 0, host = "127.0.0.1", apiKey = DEFAULT_SANDBOX_KEY, validate = "auto" } = options;
  if (validate !== true && validate !== false && validate !== "auto")
    throw new TypeError(`validate must be true, false or "auto", not ${JSON.stringify(validate)}`);
  const idStart = firstId(options.idStart);
  // A key that cannot be sent as a bearer token would make every request a refusal.
  if (!isBearerToken(apiKey))
    throw new TypeError(
      `apiKey must be a bearer token (RFC 6750: letters, digits and -._~+/, then any "="), not ${JSON.stringify(apiKey)}`,
    );
  const log = new ExchangeLog(validatorFor(validate), options.onExchange);
  const store = await FileStore.create(idStart);
  const handle = requestHandler({ apiKey, operations: routes(store), hooks, log });

  const answer = (req: http.IncomingMessage, res: http.ServerResponse) =>
    void handle(req, res).catch(() => res.destroy());
  const server = http.createServer(options.cors === undefined ? answer : withCors(options.cors, answer));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await store.removeAll();
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    apiKey,
    folder: store.folder,
    validating: log.validating,
    exchanges: log.exchanges,
    findings: log.findings,
    requestFindings: log.requestFindings,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }).finally(() => store.removeAll())),
  };
}
