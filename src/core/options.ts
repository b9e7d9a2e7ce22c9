import { MiniMaxConfigError, MiniMaxInputError } from "../errors";
import { assertBrowserAllowed } from "./browser-guard";

/** The fetch signature the client calls: the seam for tests, proxies and custom transports. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Where each region's API lives. */
export const REGION_BASE_URLS = {
  /** platform.minimax.io accounts. */
  global: "https://api.minimax.io",
  /** platform.minimaxi.com (mainland China) accounts. */
  cn: "https://api.minimaxi.com",
} as const;

export type Region = keyof typeof REGION_BASE_URLS;

/** How long to wait between attempts. Delays are in milliseconds. */
export interface Backoff {
  /**
   * The wait before the first retry; each further retry waits twice as long, less up to 25 % jitter.
   * @default 500
   */
  initialDelay: number;
  /**
   * The longest computed wait.
   * @default 8000
   */
  maxDelay: number;
  /**
   * The longest `Retry-After` the client honours; a server asking for longer gets no retry
   * (the error carries `retryAfter` so the caller can decide).
   * @default 60000
   */
  maxRetryAfter: number;
}

export const DEFAULT_BACKOFF: Readonly<Backoff> = { initialDelay: 500, maxDelay: 8_000, maxRetryAfter: 60_000 };
/** 10 minutes: a long video upload on a slow line must fit. */
export const DEFAULT_TIMEOUT = 600_000;
export const DEFAULT_MAX_RETRIES = 2;
/** The longest time a Node timer takes (2^31 - 1 ms): the bound of `timeout` and the backoff times. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Per-call options: the last argument of every method, each overriding the client's own. */
export interface RequestOptions {
  /**
   * Aborts the call: it then rejects with MiniMaxAbortError whose `cause` is the signal's reason.
   */
  signal?: AbortSignal | undefined;
  /**
   * Time limit for the whole call in milliseconds: connect, send, answer, body, and any retries
   * with their waits. Ends in MiniMaxTimeoutError.
   * @default 600000 (10 minutes), or the client's `timeout`
   */
  timeout?: number | undefined;
  /**
   * How many times a failed attempt may be repeated (see docs/errors-and-retries.md).
   * @default 2, or the client's `maxRetries`
   */
  maxRetries?: number | undefined;
}

export interface MiniMaxFilesOptions {
  /**
   * API key, sent as `Authorization: Bearer <apiKey>`. Never included in errors or logs.
   * @default process.env.MINIMAX_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Shortcut for `baseUrl`: `'global'` → https://api.minimax.io, `'cn'` → https://api.minimaxi.com.
   * Give `region` or `baseUrl`, not both. Keys are tied to their region.
   * @default 'global'
   */
  region?: Region | undefined;
  /**
   * Root URL of the API, e.g. a Prism mock, the sandbox or a proxy.
   * @default process.env.MINIMAX_BASE_URL when neither `baseUrl` nor `region` is given, else the region's URL ('https://api.minimax.io')
   * @example 'http://127.0.0.1:4010'
   */
  baseUrl?: string | undefined;
  /**
   * The function that sends every request: the seam for tests, proxies and custom transports.
   * @default every request over node:http(s) (uploads streamed with bounded memory), answered as a
   * fetch Response (see src/http/node-transport.ts)
   */
  fetch?: FetchLike | undefined;
  /**
   * Time limit of each call in milliseconds (see RequestOptions.timeout).
   * @default 600000
   */
  timeout?: number | undefined;
  /**
   * Retries per call (see RequestOptions.maxRetries).
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Waits between retries.
   * @default { initialDelay: 500, maxDelay: 8000, maxRetryAfter: 60000 }
   */
  backoff?: Partial<Backoff> | undefined;
  /** Allows a client in a browser, where the key is exposed to the page (src/core/browser-guard.ts). @default false */
  dangerouslyAllowBrowser?: boolean | undefined;
}

export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  /** The caller's fetch; undefined means the client's default transport. */
  fetch: FetchLike | undefined;
  timeout: number;
  maxRetries: number;
  backoff: Backoff;
}

// RFC 9110 field-value: visible ASCII, space and tab. Anything else would make fetch throw a
// TypeError that quotes the header, and so the key.
const HEADER_SAFE = /^[\x21-\x7e][\x20-\x7e\t]*$/;

/** Why a time limit or retry count is unusable, or undefined when it is fine. */
function problemWith(kind: "timeout" | "maxRetries" | "delay", value: unknown): string | undefined {
  if (kind === "maxRetries")
    return Number.isInteger(value) && (value as number) >= 0 ? undefined : "must be a whole number ≥ 0";
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a finite number of milliseconds";
  // setTimeout fires at once for delays above 2^31 - 1 ms (24.8 days).
  if (value < (kind === "timeout" ? 1 : 0) || value > MAX_TIMER_MS)
    return `must be between ${kind === "timeout" ? 1 : 0} and 2147483647 ms`;
  return undefined;
}

export function resolveOptions(
  options: MiniMaxFilesOptions = {},
  // No process in a browser or a Worker without nodejs_compat: no environment to read there.
  env: Readonly<Record<string, string | undefined>> = typeof process === "undefined" ? {} : process.env,
): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new MiniMaxConfigError(
      "options",
      "new MiniMaxFiles(options) takes an options object, e.g. { apiKey, region }.",
    );
  }
  assertBrowserAllowed(options.dangerouslyAllowBrowser);
  // Never null here: `??` passes a null apiKey over to the environment.
  const apiKey: unknown = options.apiKey ?? env["MINIMAX_API_KEY"];
  if (apiKey !== undefined && typeof apiKey !== "string") {
    throw new MiniMaxConfigError("apiKey", `apiKey must be a string, got ${typeof apiKey}.`);
  }
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new MiniMaxConfigError(
      "apiKey",
      "No MiniMax API key: pass { apiKey } to new MiniMaxFiles() or set the MINIMAX_API_KEY environment variable.",
    );
  }
  if (!HEADER_SAFE.test(apiKey) || apiKey !== apiKey.trim()) {
    throw new MiniMaxConfigError(
      "apiKey",
      "The API key contains whitespace at its ends or characters not allowed in an HTTP header; check how it was copied.",
    );
  }

  if (options.region !== undefined && options.baseUrl !== undefined) {
    throw new MiniMaxConfigError("region", "Give either region or baseUrl, not both: region only picks a baseUrl.");
  }
  if (options.region !== undefined && !Object.hasOwn(REGION_BASE_URLS, options.region)) {
    throw new MiniMaxConfigError(
      "region",
      `Unknown region ${JSON.stringify(options.region)}: expected one of ${Object.keys(REGION_BASE_URLS).join(", ")}.`,
    );
  }
  // The environment's URL counts only when the code names no place itself (as OPENAI_BASE_URL does).
  const fromEnv = options.baseUrl === undefined && options.region === undefined && env["MINIMAX_BASE_URL"];
  const baseUrl: unknown = options.baseUrl ?? (fromEnv || REGION_BASE_URLS[options.region ?? "global"]);
  const named = fromEnv ? "MINIMAX_BASE_URL" : "baseUrl";
  let parsed: URL;
  try {
    parsed = new URL(String(baseUrl));
  } catch {
    throw new MiniMaxConfigError("baseUrl", `${named} ${JSON.stringify(baseUrl)} is not an absolute URL.`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new MiniMaxConfigError("baseUrl", `${named} must be http(s), got ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new MiniMaxConfigError(
      "baseUrl",
      `${named} must not carry credentials, a query or a fragment; pass the key as apiKey.`,
    );
  }

  // `??`: a null fetch, like an absent one, means the default transport.
  const fetchImpl = options.fetch ?? undefined;
  if (fetchImpl !== undefined && typeof fetchImpl !== "function") {
    throw new MiniMaxConfigError(
      "fetch",
      `fetch must be a function (request: Request) => Promise<Response>, got ${typeof fetchImpl}.`,
    );
  }

  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  for (const [name, kind, value] of [
    ["timeout", "timeout", timeout],
    ["maxRetries", "maxRetries", maxRetries],
  ] as const) {
    const problem = problemWith(kind, value);
    if (problem) throw new MiniMaxConfigError(name, `${name} ${problem}, got ${JSON.stringify(value)}.`);
  }
  if (options.backoff !== undefined && (typeof options.backoff !== "object" || options.backoff === null)) {
    throw new MiniMaxConfigError(
      "backoff",
      "backoff must be an object like { initialDelay, maxDelay, maxRetryAfter }.",
    );
  }
  const backoff: Backoff = { ...DEFAULT_BACKOFF };
  for (const key of Object.keys(DEFAULT_BACKOFF) as Array<keyof Backoff>) {
    const value = options.backoff?.[key];
    if (value === undefined) continue;
    const problem = problemWith("delay", value);
    if (problem)
      throw new MiniMaxConfigError(`backoff.${key}`, `backoff.${key} ${problem}, got ${JSON.stringify(value)}.`);
    backoff[key] = value;
  }
  return { apiKey, baseUrl: parsed.href.replace(/\/+$/, ""), fetch: fetchImpl, timeout, maxRetries, backoff };
}

/** The call's options checked and merged over the client's; errors name `options.<field>`. */
export function resolveRequestOptions(
  options: unknown,
  defaults: { timeout: number; maxRetries: number },
): { signal: AbortSignal | undefined; timeout: number; maxRetries: number } {
  if (options === undefined) return { signal: undefined, ...defaults };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new MiniMaxInputError("options", "options must be an object like { signal, timeout, maxRetries }.");
  }
  const { signal, timeout = defaults.timeout, maxRetries = defaults.maxRetries } = options as RequestOptions;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new MiniMaxInputError("options.signal", "options.signal must be an AbortSignal.");
  }
  for (const [name, value] of [
    ["timeout", timeout],
    ["maxRetries", maxRetries],
  ] as const) {
    const problem = problemWith(name, value);
    if (problem)
      throw new MiniMaxInputError(`options.${name}`, `options.${name} ${problem}, got ${JSON.stringify(value)}.`);
  }
  return { signal, timeout, maxRetries };
}
